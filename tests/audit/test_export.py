"""The CSV export: what Excel in Japan opens as UTF-8, the same scope and filters as the
page, no formula run from a cell, and a record that the export happened."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time

import pytest
from django.test import Client
from django.urls import reverse

from tests.staff_world import World, sign_in
from tsunagari.accounts.access import AUTH_AT_SESSION_KEY
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.audit.services import Actor, audit_record

pytestmark = pytest.mark.django_db
URL = reverse("audit:export")


def _reauthenticated(client: Client, user) -> Client:
    sign_in(client, user)
    session = client.session
    session[AUTH_AT_SESSION_KEY] = int(time.time())
    session.save()
    return client


def _download(client: Client, **query: str) -> tuple[bytes, list[dict[str, str]]]:
    response = client.get(URL, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    body = b"".join(response.streaming_content)
    return body, list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_file_opens_as_utf8_with_one_row_per_event_in_scope(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    body, rows = _download(_reauthenticated(client, world.coord_x))
    assert body.startswith(b"\xef\xbb\xbf")
    assert list(rows[0]) == [
        "occurred_at",
        "actor",
        "actor_id",
        "organisation",
        "action",
        "action_label",
        "object_type",
        "object_id",
        "old_values",
        "new_values",
        "request_id",
    ]
    objects = {row["object_id"] for row in rows}
    assert {str(world.service_a.pk), str(world.service_b.pk)} <= objects
    assert str(world.service_y.pk) not in objects

    edit = next(row for row in rows if row["action"] == AuditAction.CHANGE_SUBMIT)
    assert edit["actor"] == "editor_a"
    assert edit["actor_id"] == str(world.editor_a.pk)
    assert edit["organisation"] == "NPO法人 あおぞら"
    assert edit["action_label"] == "変更の申請"
    assert edit["old_values"] == '{"name": "あおぞらサロン"}'
    assert edit["new_values"] == '{"name": "あおぞらサロン（火曜）"}'
    assert edit["request_id"] == "r-1"
    assert edit["occurred_at"].endswith("+09:00")
    when = recorded["edit_a"].occurred_at
    assert dt.datetime.fromisoformat(edit["occurred_at"]) == when


def test_the_filters_of_the_page_apply(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    _reauthenticated(client, world.coord_x)
    _body, rows = _download(client, object_type="service", object_id=str(world.service_a.pk))
    assert {row["object_id"] for row in rows} == {str(world.service_a.pk)}
    _body, rows = _download(client, action=AuditAction.MEMBER_ROLE)
    assert [row["object_type"] for row in rows] == ["membership"]


def test_a_cell_that_looks_like_a_formula_stays_text(world: World, client: Client) -> None:
    audit_record(
        actor=Actor(label='=HYPERLINK("http://evil.example")', user_id=None),
        action=AuditAction.REPORT_CREATE,
        object_type="report",
        object_id="-1+1",
        organization_id=world.org_a.pk,
    )
    _body, rows = _download(_reauthenticated(client, world.coord_x), action="report.create")
    assert rows[0]["actor"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["object_id"] == "'-1+1"


def test_the_export_is_recorded_with_its_filters(
    world: World, recorded: dict[str, AuditEvent], client: Client
) -> None:
    _reauthenticated(client, world.coord_x)
    _download(client, actor="editor_a", date_from="2026-04-01")
    export = AuditEvent.objects.get(action=AuditAction.AUDIT_EXPORT)
    assert export.actor_id == world.coord_x.pk
    assert export.new_values == {"filters": {"actor": "editor_a", "date_from": "2026-04-01"}}
    # The coordinator finds their own export in the record afterwards.
    listed = client.get(reverse("audit:events"), {"action": AuditAction.AUDIT_EXPORT})
    assert [row["event"] for row in listed.context["rows"]] == [export]


def test_without_a_recent_password_nothing_is_exported(world: World, client: Client) -> None:
    response = sign_in(client, world.coord_x).get(URL)
    # 302 to the re-authentication page (403 while that page does not exist yet).
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_EXPORT).exists()


def test_partners_cannot_export(world: World, client: Client) -> None:
    response = _reauthenticated(client, world.owner_a).get(URL)
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_EXPORT).exists()


def test_bad_filters_export_nothing(world: World, client: Client) -> None:
    response = _reauthenticated(client, world.coord_x).get(URL, {"date_from": "昨日"})
    assert response.status_code == 400
    assert "date_from" in response.context["form"].errors
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_EXPORT).exists()
