"""「内容に変わりはありません」: the listing's 確認日 becomes today, with an audit event."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from tests.freshness.conftest import make_stale
from tests.staff_world import sign_in
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.directory.models import Service


def _verify(client, service, **data):
    return client.post(f"/staff/freshness/services/{service.pk}/verify/", data)


def test_an_editor_verifies_the_listing(client, world) -> None:
    old = make_stale(world.service_a).assured_date
    response = _verify(sign_in(client, world.editor_a), world.service_a)
    assert response.status_code == 302
    assert response["Location"] == "/staff/freshness/reports/"
    assert Service.objects.get(pk=world.service_a.pk).assured_date == timezone.localdate()
    event = AuditEvent.objects.get(action=AuditAction.VERIFY)
    assert event.actor == world.editor_a
    assert event.organization_id == world.org_a.pk
    assert (event.object_type, event.object_id) == ("service", str(world.service_a.pk))
    assert event.old_values["assured_date"] == old.isoformat()
    assert event.new_values == {"assured_date": timezone.localdate().isoformat()}
    page = client.get("/staff/freshness/reports/").content.decode()
    assert "最終確認日を今日にしました" in page


def test_verify_goes_back_to_a_local_page_only(client, world) -> None:
    sign_in(client, world.coord_x)
    back = _verify(client, world.service_a, next="/staff/freshness/stale/?field=ibasho")
    assert back["Location"] == "/staff/freshness/stale/?field=ibasho"
    away = _verify(client, world.service_a, next="https://example.com/")
    assert away["Location"] == "/staff/freshness/reports/"


def test_who_may_not_verify_changes_nothing(client, world) -> None:
    make_stale(world.service_a)
    before = Service.objects.get(pk=world.service_a.pk).assured_date
    assert _verify(sign_in(client, world.viewer_a), world.service_a).status_code == 403
    assert _verify(sign_in(Client(), world.editor_b), world.service_a).status_code == 404
    assert _verify(sign_in(Client(), world.coord_y), world.service_a).status_code == 404
    assert client.get(f"/staff/freshness/services/{world.service_a.pk}/verify/").status_code == 405
    assert Service.objects.get(pk=world.service_a.pk).assured_date == before
    assert not AuditEvent.objects.filter(action=AuditAction.VERIFY).exists()


def test_the_public_page_shows_the_last_verified_date_and_the_report_link(client, world) -> None:
    service = make_stale(world.service_a)
    page = client.get(f"/services/{service.pk}/").content.decode()
    day = service.assured_date
    assert f"最終確認日: {day.year}年{day.month}月{day.day}日" in page
    assert f'href="/services/{service.pk}/report/"' in page
