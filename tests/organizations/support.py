"""Helpers for the organisation tests."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from tests.staff_world import sign_in
from tsunagari.accounts.access import AUTH_AT_SESSION_KEY
from tsunagari.audit.services import Actor
from tsunagari.organizations.models import Role
from tsunagari.organizations.services import IssuedInvitation, invitation_create


def sign_in_recently(client: Client, user: User) -> Client:
    """Sign ``user`` in as if they had just entered their password (the re-authentication
    that sensitive actions ask for)."""
    sign_in(client, user)
    session = client.session
    session[AUTH_AT_SESSION_KEY] = int(time.time())
    session.save()
    return client


def invite_to_org_a(world: Any, email: str, role: str = Role.EDITOR) -> IssuedInvitation:
    """A pending invitation to org A, sent by its owner."""
    return invitation_create(
        actor=Actor(label="owner_a", user_id=world.owner_a.pk),
        organization=world.org_a,
        email=email,
        role=role,
    )
