"""Fixtures shared by every test."""

from __future__ import annotations

import pytest

from tsunagari.directory.reference import municipalities_load, taxonomy_seed


@pytest.fixture
def reference_data(db: None) -> None:
    """The municipality list and the taxonomy, as every deployment has them."""
    municipalities_load()
    taxonomy_seed()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache, as a new deployment does (tests write the
    directory directly, past the writer that would clear it)."""
    from django.core.cache import cache

    cache.clear()


# The staff side's permission world (tests/staff_world.py), for every staff test.
from tests.staff_world import world  # noqa: E402, F401
