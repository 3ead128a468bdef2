"""Fixtures for the search tests."""

from __future__ import annotations

import uuid

from tsunagari.search.query import SearchPage, SearchQuery, search


def found(**query) -> list[uuid.UUID]:
    """Service ids of every hit, best first (pages through)."""
    ids: list[uuid.UUID] = []
    page = 1
    while True:
        result: SearchPage = search(SearchQuery(page=page, per_page=100, **query))
        ids.extend(hit.service_id for hit in result.hits)
        if page >= result.pages:
            return ids
        page += 1
