"""Audit events are append-only: nothing in the application changes or removes one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.staff_world import World, sign_in
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.audit.services import Actor, audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world: World) -> AuditEvent:
    return audit_record(
        actor=Actor(label="editor_a", user_id=world.editor_a.pk),
        action=AuditAction.CHANGE_SUBMIT,
        object_type="service",
        object_id=world.service_a.pk,
        new={"name": "あおぞらサロン（火曜）"},
        organization_id=world.org_a.pk,
    )


def _stored() -> list[tuple[object, ...]]:
    return list(AuditEvent.objects.order_by("pk").values_list("pk", "action", "new_values"))


def test_an_event_cannot_be_changed_or_deleted_in_code(event: AuditEvent) -> None:
    before = _stored()
    event.action = AuditAction.CHANGE_APPROVE
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditAction.CHANGE_APPROVE)
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert _stored() == before


def test_no_page_of_the_admin_changes_or_deletes_an_event(
    world: World, event: AuditEvent, client: Client
) -> None:
    sign_in(client, world.admin)
    before = _stored()
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    assert client.post(change, {"action": AuditAction.CHANGE_APPROVE}).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    add = reverse("admin:audit_auditevent_add")
    assert client.post(add, {"action": AuditAction.LOGIN}).status_code == 403
    # The change list's bulk "delete selected" is not offered either.
    changelist = reverse("admin:audit_auditevent_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302, 403)
    assert _stored() == before


def test_no_page_of_the_audit_record_changes_an_event(
    world: World, event: AuditEvent, client: Client
) -> None:
    sign_in(client, world.admin)
    before = _stored()
    for name in ("audit:events", "audit:export"):
        response = client.post(reverse(name), {"id": event.pk, "action": "delete"})
        assert response.status_code == 405
    assert _stored() == before


def test_an_actor_with_events_cannot_be_deleted(world: World, event: AuditEvent) -> None:
    """Deleting the account would orphan or cascade its record: the database refuses."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        User.objects.filter(pk=world.editor_a.pk).delete()
    assert _stored()[-1][0] == event.pk


def test_the_database_refuses_a_raw_update_or_delete_on_postgresql(event: AuditEvent) -> None:
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    table = AuditEvent._meta.db_table
    for sql in (
        f"UPDATE {table} SET action = 'x' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.CHANGE_SUBMIT
