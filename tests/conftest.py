"""Fixtures shared by every test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.utils import translation

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
def _default_language() -> Iterator[None]:
    """Every test starts and ends in the default language (Japanese). A request to an
    /en/ page leaves English active in the thread (LocaleMiddleware does not switch
    back), and reverse() and the words of a page follow it."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


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
