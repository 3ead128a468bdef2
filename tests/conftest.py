"""Fixtures shared by every test."""

from __future__ import annotations

from typing import Any

import pytest

from tsunagari.directory.reference import municipalities_load, taxonomy_seed


@pytest.fixture
def reference_data(db: None) -> None:
    """The municipality list and the taxonomy, as every deployment has them."""
    municipalities_load()
    taxonomy_seed()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Accounts made in tests hash their passwords cheaply: the default hasher costs a
    fifth of a second or more per account, on purpose, and the staff world makes eight
    per test. (Sign-in still checks the password, with the same hasher.)"""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache, as a new deployment does (tests write the
    directory directly, past the writer that would clear it)."""
    from django.core.cache import cache

    cache.clear()


# The staff side's permission world (tests/staff_world.py), for every staff test.
from tests.staff_world import world  # noqa: E402, F401


@pytest.fixture
def admin_client(client: Any, admin_user: Any) -> Any:
    """pytest-django's admin client, signed in as the admin site asks: with a verified
    second factor (the admin is an OTPAdminSite)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.staff_world import sign_in

    TOTPDevice.objects.create(user=admin_user, name="test", confirmed=True)
    return sign_in(client, admin_user)
