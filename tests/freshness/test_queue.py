"""The staff queue: a resident's report reaches the owning organisation's members and
the coordinators of its municipality; editors and up resolve it, viewers read."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.freshness.conftest import make_stale
from tests.staff_world import sign_in
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.freshness.models import ListingReport, ReportStatus
from tsunagari.freshness.services import report_create

QUEUE = "/staff/freshness/reports/"


@pytest.fixture
def report(world) -> ListingReport:
    return report_create(service=world.service_a, reason="phone", text="番号が使われていません")


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("owner_a", True),
        ("editor_a", True),
        ("viewer_a", True),
        ("coord_x", True),
        ("admin", True),
        ("editor_b", False),
        ("coord_y", False),
    ],
)
def test_who_sees_the_report(client, world, report, role, sees) -> None:
    page = sign_in(client, world.users[role]).get(QUEUE).content.decode()
    assert ("番号が使われていません" in page) is sees
    assert ("電話番号がちがう" in page) is sees


def test_a_viewer_reads_but_cannot_resolve(client, world, report) -> None:
    sign_in(client, world.viewer_a)
    page = client.get(QUEUE).content.decode()
    assert "閲覧のみ" in page and "対応済みにする" not in page
    response = client.post(f"/staff/freshness/reports/{report.pk}/resolve/", {})
    assert response.status_code == 403
    assert ListingReport.objects.get().status == ReportStatus.OPEN


def test_another_organisation_cannot_find_the_report(client, world, report) -> None:
    response = sign_in(client, world.editor_b).post(
        f"/staff/freshness/reports/{report.pk}/resolve/", {}
    )
    assert response.status_code == 404
    assert (
        sign_in(Client(), world.coord_y)
        .post(f"/staff/freshness/reports/{report.pk}/resolve/", {})
        .status_code
        == 404
    )
    assert ListingReport.objects.get().status == ReportStatus.OPEN


def test_an_editor_resolves_with_a_note(client, world, report) -> None:
    sign_in(client, world.editor_a)
    response = client.post(
        f"/staff/freshness/reports/{report.pk}/resolve/", {f"r{report.pk}-note": "番号を直しました"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    assert (report.resolved_by, report.resolution_note) == (world.editor_a, "番号を直しました")
    assert report.resolved_at is not None
    event = AuditEvent.objects.get(action=AuditAction.REPORT_RESOLVE)
    assert (event.actor, event.organization_id) == (world.editor_a, world.org_a.pk)
    page = client.get(QUEUE).content.decode()
    assert "未対応の「情報がちがう」はありません。" in page
    assert "番号を直しました" in page  # under 最近対応済みにしたもの
    # Resolving twice changes nothing more.
    client.post(f"/staff/freshness/reports/{report.pk}/resolve/", {})
    assert AuditEvent.objects.filter(action=AuditAction.REPORT_RESOLVE).count() == 1


def test_a_too_long_note_is_refused(client, world, report) -> None:
    sign_in(client, world.coord_x)
    response = client.post(
        f"/staff/freshness/reports/{report.pk}/resolve/", {f"r{report.pk}-note": "あ" * 1001}
    )
    assert response.status_code == 302
    assert ListingReport.objects.get().status == ReportStatus.OPEN
    assert "1000文字まで" in client.get(QUEUE).content.decode()


def test_the_queue_lists_listings_to_verify(client, world) -> None:
    make_stale(world.service_a)
    make_stale(world.service_b)
    page = sign_in(client, world.viewer_a).get(QUEUE).content.decode()
    assert "あおぞらサロン" in page and "みどり食堂" not in page
    assert "閲覧のみ" in page
    page = sign_in(Client(), world.owner_a).get(QUEUE).content.decode()
    assert f"/staff/freshness/services/{world.service_a.pk}/verify/" in page
