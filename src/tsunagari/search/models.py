"""The search index: one ``SearchDocument`` per public service.

What filters and ranking need is kept here, already worked out, so a query reads one
table: the representative point and every point of the service's locations, the weekly
opening masks (``slots``), the folded name for the name boost. The text itself is
indexed beside it: an FTS5 table ``search_fts`` on SQLite (rowid = document id) and the
``tokens`` tsvector with a GIN index on PostgreSQL (see the migration)."""

from __future__ import annotations

from typing import Any

from django.db import models


class TokenVectorField(models.TextField):
    """A tsvector built from our own tokens on PostgreSQL (written as a tsvector literal,
    never through PostgreSQL's text parser, which cannot split Japanese); unused text
    on other databases, where the FTS5 table holds the tokens."""

    def db_type(self, connection: Any) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"

    def get_placeholder(self, value: Any, compiler: Any, connection: Any) -> str:
        return "%s::tsvector" if connection.vendor == "postgresql" else "%s"


class SearchDocument(models.Model):
    id = models.BigAutoField(primary_key=True)
    # Not a foreign key: the index follows the directory through refresh_derived and
    # must never stand in the way of deleting a service.
    service_id = models.UUIDField(unique=True)
    name = models.CharField(max_length=255)  # for a stable order among equals
    name_folded = models.TextField(blank=True)  # name and reading, normalised
    municipality_code = models.CharField(max_length=6, blank=True)
    latitude = models.FloatField(null=True, blank=True)  # the first location's point
    longitude = models.FloatField(null=True, blank=True)
    points = models.TextField(blank=True)  # "lat,lon;lat,lon" of every location
    tags = models.TextField(blank=True)  # taxonomy codes, space separated
    hours_known = models.BooleanField(default=False)
    hours_exact = models.BooleanField(default=True)
    closed_holidays = models.BooleanField(default=False)
    closed_new_year = models.BooleanField(default=False)
    open_0 = models.BigIntegerField(default=0)  # Monday's half-hour slots
    open_1 = models.BigIntegerField(default=0)
    open_2 = models.BigIntegerField(default=0)
    open_3 = models.BigIntegerField(default=0)
    open_4 = models.BigIntegerField(default=0)
    open_5 = models.BigIntegerField(default=0)
    open_6 = models.BigIntegerField(default=0)  # Sunday
    tokens = TokenVectorField(blank=True, null=True)

    class Meta:
        db_table = "search_document"
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="search_doc_latlon_idx"),
            models.Index(fields=["name", "service_id"], name="search_doc_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name
