"""Fixtures shared by every test."""

from __future__ import annotations

import pytest

from tsunagari.directory.reference import municipalities_load, taxonomy_seed


@pytest.fixture
def reference_data(db: None) -> None:
    """The municipality list and the taxonomy, as every deployment has them."""
    municipalities_load()
    taxonomy_seed()
