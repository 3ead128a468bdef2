"""Reminders: one e-mail per organisation with stale listings, recorded and audited, and
not repeated within the interval."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from tests.freshness.conftest import make_stale
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.freshness.models import Reminder
from tsunagari.freshness.services import reminders_send
from tsunagari.organizations.models import Membership


def test_the_owner_gets_one_mail_naming_the_stale_listings(world) -> None:
    make_stale(world.service_a)
    run = reminders_send()
    assert run.sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner_a@example.jp"]  # owners; editors only when there is none
    assert "掲載情報の確認のお願い（1件）" in message.subject
    assert "あおぞらサロン" in message.body
    assert "みどり食堂" not in message.body  # another organisation's, and fresh
    assert "http://localhost:8000/staff/freshness/reports/" in message.body
    assert f"http://localhost:8000/services/{world.service_a.pk}/" in message.body
    # and the page where the listing is put right
    assert f"http://localhost:8000/staff/listings/services/{world.service_a.pk}/" in message.body

    reminder = Reminder.objects.get()
    assert reminder.organization == world.org_a
    assert list(reminder.services.all()) == [world.service_a]
    event = AuditEvent.objects.get(action=AuditAction.REMINDER_SEND)
    assert event.organization_id == world.org_a.pk
    assert event.new_values["service_ids"] == [str(world.service_a.pk)]


def test_no_second_reminder_within_the_interval(world, settings) -> None:
    settings.TSUNAGARI_REMINDER_INTERVAL_DAYS = 30
    make_stale(world.service_a)
    reminders_send()
    assert reminders_send().sent == 0
    assert len(mail.outbox) == 1
    Reminder.objects.update(sent_at=timezone.now() - dt.timedelta(days=31))
    assert reminders_send().sent == 1
    assert len(mail.outbox) == 2
    assert Reminder.objects.count() == 2


def test_editors_are_reminded_when_the_organisation_has_no_owner(world) -> None:
    make_stale(world.service_b)
    reminders_send()
    assert [m.to for m in mail.outbox] == [["editor_b@example.jp"]]


def test_nothing_is_sent_for_fresh_listings_or_without_a_steward(world) -> None:
    make_stale(world.service_y)  # no organisation on the platform stewards it
    run = reminders_send()
    assert run.sent == 0 and mail.outbox == [] and not Reminder.objects.exists()


def test_an_organisation_without_anyone_to_write_to_is_skipped(world) -> None:
    make_stale(world.service_b)
    Membership.objects.filter(organization=world.org_b).delete()
    assert reminders_send().without_recipient == 1
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_a_refused_mail_records_no_reminder_so_the_next_run_retries(world) -> None:
    make_stale(world.service_a)
    make_stale(world.service_b)
    real_send = mail.send_mail

    def refuse_owner_a(subject, body, sender, recipients):
        if recipients == ["owner_a@example.jp"]:
            raise ConnectionRefusedError("mail server down")
        return real_send(subject, body, sender, recipients)

    with mock.patch("tsunagari.freshness.services.send_mail", refuse_owner_a):
        assert reminders_send().sent == 1  # org B still gets its reminder
    assert list(Reminder.objects.values_list("organization", flat=True)) == [world.org_b.pk]
    assert AuditEvent.objects.filter(action=AuditAction.REMINDER_SEND).count() == 1
    assert reminders_send().sent == 1  # org A now; org B not again
    assert [m.to for m in mail.outbox] == [["editor_b@example.jp"], ["owner_a@example.jp"]]


@pytest.mark.parametrize("months", [6])
def test_the_municipality_policy_decides_what_is_stale(world, months) -> None:
    from tsunagari.organizations.models import MunicipalityPolicy

    MunicipalityPolicy.objects.create(municipality_id="132098", stale_after_months=months)
    make_stale(world.service_a, days=200)  # older than 6 months, younger than 12
    assert reminders_send().sent == 1
