"""Helpers for the organisation tests."""

from __future__ import annotations

import time

from django.contrib.auth.models import User
from django.test import Client

from tests.staff_world import sign_in


def sign_in_recently(client: Client, user: User) -> Client:
    """Sign ``user`` in as if they had just entered their password (the re-authentication
    that sensitive actions ask for)."""
    sign_in(client, user)
    session = client.session
    session["reauth_at"] = time.time()
    session.save()
    return client
