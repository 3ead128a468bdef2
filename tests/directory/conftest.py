"""Fixtures for the directory tests."""

from __future__ import annotations

import pytest

from tsunagari.directory.hsds import TABLES
from tsunagari.directory.services import Graph

from .hsds_sample import sample_directory


@pytest.fixture
def sample(reference_data: None) -> Graph:
    """The sample directory, stored (municipalities and taxonomy seeded)."""
    return sample_directory()


def wipe_directory(*, taxonomy: bool) -> None:
    """Empty the directory tables (dependants first). ``taxonomy=False`` keeps the seeded
    taxonomy, as on a fresh deployment that has run ``load_reference``."""
    kept = set() if taxonomy else {"taxonomy", "taxonomy_term"}
    for table in reversed(TABLES):
        if table.name not in kept:
            table.model._default_manager.all().delete()
