"""Indexes on links that most rows leave empty.

A phone usually belongs to its service, not also to a place, a contact or an
organisation; a schedule likewise. Django gives every foreign key an index, and each
row written (hundreds of thousands in an import) adds an entry to each, NULL or not.
These links are indexed only where they are set (a partial index), which serves every
lookup by them (``x = ?``, ``x IN (...)``, joins) on SQLite and PostgreSQL alike."""

from __future__ import annotations

from django.db import models


def where_set(name: str, field: str) -> models.Index:
    """An index on ``field`` over the rows that have it."""
    return models.Index(
        fields=[field], name=name, condition=models.Q(**{f"{field}__isnull": False})
    )
