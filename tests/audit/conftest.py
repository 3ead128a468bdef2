"""Audit events of the kinds the staff side records."""

from __future__ import annotations

import pytest

from tests.staff_world import World
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.audit.services import Actor, audit_record


@pytest.fixture
def recorded(world: World) -> dict[str, AuditEvent]:
    """Events of the kinds the staff side records, next to the CREATE events the world's
    services got from the directory writer."""
    editor_a = Actor(label=world.editor_a.username, user_id=world.editor_a.pk, request_id="r-1")
    coord_y = Actor(label=world.coord_y.username, user_id=world.coord_y.pk)
    return {
        "edit_a": audit_record(
            actor=editor_a,
            action=AuditAction.CHANGE_SUBMIT,
            object_type="service",
            object_id=world.service_a.pk,
            old={"name": "あおぞらサロン"},
            new={"name": "あおぞらサロン（火曜）"},
            organization_id=world.org_a.pk,
        ),
        "verify_y": audit_record(
            actor=coord_y,
            action=AuditAction.VERIFY,
            object_type="service",
            object_id=world.service_y.pk,
            new={"assured_date": "2026-11-01"},
        ),
        "role_a": audit_record(
            actor=Actor(label=world.owner_a.username, user_id=world.owner_a.pk),
            action=AuditAction.MEMBER_ROLE,
            object_type="membership",
            object_id="1",
            old={"role": "viewer"},
            new={"role": "editor"},
            organization_id=world.org_a.pk,
        ),
        "login_b": audit_record(
            actor=Actor(label=world.editor_b.username, user_id=world.editor_b.pk),
            action=AuditAction.LOGIN,
            object_type="user",
            object_id=world.editor_b.pk,
        ),
        "policy_y": audit_record(
            actor=Actor(label="admin", user_id=world.admin.pk),
            action=AuditAction.POLICY_UPDATE,
            object_type="municipality",
            object_id="131016",
            old={"review_partner_edits": True},
            new={"review_partner_edits": False},
        ),
    }
