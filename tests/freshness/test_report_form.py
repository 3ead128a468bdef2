"""「情報がちがう」 on the public side: a reasons list and optional text, nothing personal
asked or kept, no cookie, a bound on how many, and clear errors that save nothing."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from tests.freshness.conftest import form_token, send_report
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.directory.models import Service
from tsunagari.freshness.models import ListingReport, ReportStatus


def test_the_form_asks_for_a_reason_and_nothing_personal(client, world) -> None:
    response = client.get(f"/services/{world.service_a.pk}/report/")
    assert response.status_code == 200
    page = response.content.decode()
    for reason in (
        "閉まっている・終了した",
        "電話番号がちがう",
        "時間・曜日がちがう",
        "場所がちがう",
        "内容がちがう",
        "その他",
    ):
        assert reason in page
    assert "あなたのことは書かないでください" in page
    assert 'type="email"' not in page and 'name="name"' not in page
    assert not response.cookies


def test_a_report_is_stored_for_the_owning_organisation(client, world) -> None:
    response = send_report(
        client, world.service_a, reason="hours", text="  木曜はお休みになりました  "
    )
    assert response.status_code == 302
    assert response["Location"] == f"/services/{world.service_a.pk}/report/thanks/"
    assert not response.cookies
    report = ListingReport.objects.get()
    assert (report.service, report.reason, report.text) == (
        world.service_a,
        "hours",
        "木曜はお休みになりました",
    )
    assert report.status == ReportStatus.OPEN
    event = AuditEvent.objects.get(action=AuditAction.REPORT_CREATE)
    assert event.organization_id == world.org_a.pk
    assert event.actor is None and event.actor_label == "anonymous"
    thanks = client.get(response["Location"])
    assert "ありがとうございます" in thanks.content.decode()
    assert not thanks.cookies


def test_no_address_is_kept_anywhere(client, world) -> None:
    send_report(client, world.service_a, REMOTE_ADDR="203.0.113.7")
    event = AuditEvent.objects.get(action=AuditAction.REPORT_CREATE)
    stored = f"{event.new_values} {event.old_values} {event.request_id} {event.actor_label}"
    report = ListingReport.objects.values().get()
    assert "203.0.113.7" not in stored and "203.0.113.7" not in str(report)
    # The rate limit's cache keys hold a keyed hash, never the address.
    keys = " ".join(str(k) for k in cache._cache)  # type: ignore[attr-defined]
    assert "freshness:report" in keys and "203.0.113.7" not in keys


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "bogus"}, "理由は、並んでいる中から選んでください。"),
        ({}, "どこがちがうか、ひとつ選んでください。"),
        ({"reason": "other", "text": "あ" * 501}, "くわしい内容は500文字までにしてください。"),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(client, world, data, message) -> None:
    token = form_token(client, world.service_a)
    response = client.post(f"/services/{world.service_a.pk}/report/", {**data, "token": token})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'role="alert"' in page
    assert not ListingReport.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.REPORT_CREATE).exists()


def test_a_form_without_our_token_is_refused_and_a_second_try_works(client, world) -> None:
    url = f"/services/{world.service_a.pk}/report/"
    response = client.post(url, {"reason": "phone", "token": "forged"})
    assert response.status_code == 400
    assert "もう一度送ってください" in response.content.decode()
    assert not ListingReport.objects.exists()
    # A token of another service does not fit either.
    other = form_token(client, world.service_b)
    assert client.post(url, {"reason": "phone", "token": other}).status_code == 400
    # The form shown again carries a fresh token: sending it again works.
    again = response.content.decode().split('name="token" value="')[1].split('"')[0]
    assert client.post(url, {"reason": "phone", "token": again}).status_code == 302
    assert ListingReport.objects.count() == 1


def test_a_post_from_another_site_is_refused(client, world) -> None:
    token = form_token(client, world.service_a)
    url = f"/services/{world.service_a.pk}/report/"
    data = {"reason": "phone", "token": token}
    assert client.post(url, data, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert client.post(url, data, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert not ListingReport.objects.exists()
    assert (
        client.post(
            url, data, HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN="http://testserver"
        ).status_code
        == 302
    )


def test_reports_are_rate_limited_per_client_and_service(world) -> None:
    resident, neighbour = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    assert send_report(resident, world.service_a).status_code == 302
    assert send_report(resident, world.service_a).status_code == 302
    limited = send_report(resident, world.service_a)
    assert limited.status_code == 429
    assert "少し時間をおいてください" in limited.content.decode()
    assert ListingReport.objects.count() == 2
    # Another service, or another resident, is not held back.
    assert send_report(resident, world.service_b).status_code == 302
    assert send_report(neighbour, world.service_a).status_code == 302
    assert ListingReport.objects.count() == 4


def test_the_form_exists_in_every_language(client, world) -> None:
    en = client.get(f"/en/services/{world.service_a.pk}/report/")
    assert en.status_code == 200 and "The phone number is wrong" in en.content.decode()
    easy = client.get(f"/ja-easy/services/{world.service_a.pk}/report/")
    assert easy.status_code == 200


def test_a_service_residents_cannot_see_has_no_form(client, world) -> None:
    Service.objects.filter(pk=world.service_a.pk).update(status=Service.Status.DEFUNCT)
    assert client.get(f"/services/{world.service_a.pk}/report/").status_code == 404
    assert (
        client.post(f"/services/{world.service_a.pk}/report/", {"reason": "phone"}).status_code
        == 404
    )


def test_behind_a_proxy_each_resident_has_their_own_bound(world, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.5"
    resident = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    # A neighbour who writes their own header cannot pass as someone else: the proxy
    # appends the address it saw, and only that one is believed.
    neighbour = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1, 198.51.100.2")
    assert send_report(resident, world.service_a).status_code == 302
    assert send_report(resident, world.service_a).status_code == 302
    assert send_report(resident, world.service_a).status_code == 429
    assert send_report(neighbour, world.service_a).status_code == 302
    assert ListingReport.objects.count() == 3
