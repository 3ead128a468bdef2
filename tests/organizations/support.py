"""Helpers for the organisation tests."""

from __future__ import annotations

import time

from django.contrib.auth.models import User
from django.test import Client

from tests.staff_world import sign_in
from tsunagari.accounts.access import AUTH_AT_SESSION_KEY


def sign_in_recently(client: Client, user: User) -> Client:
    """Sign ``user`` in as if they had just entered their password (the re-authentication
    that sensitive actions ask for)."""
    sign_in(client, user)
    session = client.session
    session[AUTH_AT_SESSION_KEY] = int(time.time())
    session.save()
    return client
