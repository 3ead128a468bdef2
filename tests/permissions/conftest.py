"""The matrix makes hundreds of requests, each with a fresh permission world: a fast
password hasher keeps the world's eight accounts cheap to create (the default hasher
costs a fifth of a second per account, on purpose)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
