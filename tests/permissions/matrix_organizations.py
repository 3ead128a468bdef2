"""Organisations, members, invitations, municipality policies and coordinators.

Members see their own organisation; owners, the coordinators of its municipality and
administrators manage its members (after re-entering their password: the ``session``
key below stands for a password entered just now). Another organisation's or
municipality's objects answer 404. The invitation link is open to anyone who has it."""

from __future__ import annotations

import time
from typing import Any

from tests.organizations.support import invite_to_org_a
from tsunagari.accounts.access import AUTH_AT_SESSION_KEY
from tsunagari.organizations.models import Membership, Role


def _recent_password(world: Any) -> dict[str, int]:
    return {AUTH_AT_SESSION_KEY: int(time.time())}


def _org_a(world: Any) -> dict[str, Any]:
    return {"pk": world.org_a.pk}


def _editor_a_membership(world: Any) -> dict[str, Any]:
    membership = Membership.objects.get(user=world.editor_a, organization=world.org_a)
    return {"pk": world.org_a.pk, "membership_id": membership.pk}


def _invitation_token(world: Any) -> dict[str, str]:
    issued = invite_to_org_a(world, "invited@example.jp", Role.EDITOR)
    return {"token": issued.token}


def _pending_invitation_of_a(world: Any) -> dict[str, Any]:
    issued = invite_to_org_a(world, "pending@example.jp", Role.VIEWER)
    return {"pk": world.org_a.pk, "invitation_id": issued.invitation.pk}


def _unregistered_listing_of_y(world: Any) -> dict[str, str]:
    assert world.service_y.organization_id is not None
    return {"listing": str(world.service_y.organization_id)}


# Who sees org A; who manages its members.
SEES_ORG_A = {
    "anonymous": 302,
    "viewer_a": 200,
    "editor_a": 200,
    "owner_a": 200,
    "editor_b": 404,
    "coord_x": 200,
    "coord_y": 404,
    "admin": 200,
}
MANAGES_ORG_A = {**SEES_ORG_A, "viewer_a": 403, "editor_a": 403}

EXPECTED: dict[str, dict[str, Any]] = {
    "organizations:list": {
        "expect": {
            "anonymous": 302,
            "viewer_a": 200,
            "editor_a": 200,
            "owner_a": 200,
            "editor_b": 200,
            "coord_x": 200,
            "coord_y": 200,
            "admin": 200,
        }
    },
    # Registering Y's unregistered organisation: its coordinator and administrators may
    # (302 to the new organisation's page); X's coordinator does not see it; partners
    # may not register at all.
    "organizations:register": {
        "method": "POST",
        "data": _unregistered_listing_of_y,
        "expect": {
            "anonymous": 302,
            "viewer_a": 403,
            "editor_a": 403,
            "owner_a": 403,
            "editor_b": 403,
            "coord_x": 404,
            "coord_y": 302,
            "admin": 302,
        },
    },
    "organizations:detail": {"kwargs": _org_a, "object_of": "org_a", "expect": SEES_ORG_A},
    "organizations:invite": {
        "kwargs": _org_a,
        "session": _recent_password,
        "object_of": "org_a",
        "expect": MANAGES_ORG_A,
    },
    "organizations:member_role": {
        "kwargs": _editor_a_membership,
        "session": _recent_password,
        "object_of": "org_a",
        "expect": MANAGES_ORG_A,
    },
    "organizations:member_remove": {
        "kwargs": _editor_a_membership,
        "session": _recent_password,
        "object_of": "org_a",
        "expect": MANAGES_ORG_A,
    },
    "organizations:invitation_withdraw": {
        "kwargs": _pending_invitation_of_a,
        "session": _recent_password,
        "object_of": "org_a",
        "expect": MANAGES_ORG_A,
    },
    # The link itself is the credential: anyone holding it sees the invitation.
    "organizations:accept": {
        "kwargs": _invitation_token,
        "expect": {
            "anonymous": 200,
            "viewer_a": 200,
            "editor_a": 200,
            "owner_a": 200,
            "editor_b": 200,
            "coord_x": 200,
            "coord_y": 200,
            "admin": 200,
        },
    },
    "organizations:policy": {
        "kwargs": {"code": "132098"},
        "expect": {
            "anonymous": 302,
            "viewer_a": 404,
            "editor_a": 404,
            "owner_a": 404,
            "editor_b": 404,
            "coord_x": 200,
            "coord_y": 404,
            "admin": 200,
        },
    },
    "organizations:coordinators": {
        "session": _recent_password,
        "expect": {
            "anonymous": 302,
            "viewer_a": 403,
            "editor_a": 403,
            "owner_a": 403,
            "editor_b": 403,
            "coord_x": 403,
            "coord_y": 403,
            "admin": 200,
        },
    },
}
