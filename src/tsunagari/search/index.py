"""Keeping the search index current: documents built from the directory in batches.

``index_services(ids)`` (called by ``directory.refresh.refresh_derived`` after every
write) replaces the documents of those services: public ones get a fresh document,
others (ended, paused, deleted) lose theirs. ``index_rebuild()`` does every service.
Each batch costs a fixed number of queries whatever its size, and rows are written
with bulk inserts (``executemany``), because this runs inside every import."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django.db import connection

from tsunagari.directory.models import (
    Service,
)

from . import bm25, reading
from .geo import format_points, point_cells
from .models import SearchDocument
from .normalise import bigrams, document_lines
from .reading import SCHEDULE_FIELDS, Key
from .slots import WeeklyHours, weekly_hours

BATCH = 2000
MAX_POSITION = 16383  # PostgreSQL keeps no positions beyond this


# Columns of search_document written by the indexer, in order (after the id).
DOCUMENT_COLUMNS = (
    "service_id",
    "name",
    "name_folded",
    "municipality_code",
    "latitude",
    "longitude",
    "points",
    "tags",
    "hours_known",
    "hours_exact",
    "closed_holidays",
    "closed_new_year",
    *(f"open_{day}" for day in range(7)),
)


@dataclass
class Draft:
    """One service's document before it is written: ``values`` in DOCUMENT_COLUMNS
    order (plain tuples: a model instance per row costs more than the rest)."""

    values: tuple[Any, ...]
    name_tokens: list[str] = field(default_factory=list)
    body_tokens: list[str] = field(default_factory=list)
    filter_tokens: list[str] = field(default_factory=list)
    # The tokens as written (``packed``): SQLite's FTS columns, or PostgreSQL's tsvector.
    text: tuple[str, ...] | None = None

    def packed(self) -> Draft:
        """The same document with its tokens as the text ``_write`` stores, and no token
        lists: a few strings instead of a hundred pickle and travel faster from a reading
        child process (directory/derive.py)."""
        return Draft(self.values, text=_text(self))


def _text(draft: Draft) -> tuple[str, ...]:
    if draft.text is not None:
        return draft.text
    if connection.vendor == "postgresql":
        return (tsvector_literal(draft),)
    return (
        " ".join(draft.name_tokens),
        " ".join(draft.body_tokens),
        " ".join(draft.filter_tokens),
    )


def municipality_token(code: str) -> str:
    return f"m{code}"


def _chunks(ids: list[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def index_services(service_ids: Collection[uuid.UUID]) -> int:
    """Bring the documents of ``service_ids`` up to date; returns how many are public."""
    bm25.forget()
    written = 0
    for chunk in _chunks(sorted(set(service_ids))):
        drafts = build_drafts(chunk)
        _delete(chunk)
        _write(drafts)
        written += len(drafts)
    return written


def replace_documents(service_ids: list[uuid.UUID], drafts: list[Draft]) -> None:
    """The documents of ``service_ids`` become ``drafts`` (``drafts_from``: those of
    the public ones), for a caller that built them itself (directory/refresh.py)."""
    bm25.forget()
    _delete(service_ids)
    _write(drafts)


def index_rebuild() -> int:
    """Rebuild the whole index from the directory; returns the number of documents."""
    bm25.forget()
    SearchDocument.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
    ids = list(
        Service.objects.filter(status=Service.Status.ACTIVE)
        .order_by("id")
        .values_list("id", flat=True)
    )
    written = 0
    for chunk in _chunks(ids):
        drafts = build_drafts(chunk)
        _write(drafts)
        written += len(drafts)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # one b-tree per term: faster queries
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    return written


# -- reading the directory ---------------------------------------------------------------


def build_drafts(service_ids: list[uuid.UUID]) -> list[Draft]:
    """Documents for the public services among ``service_ids`` (six queries)."""
    found = draft_input(reading.db_ids(service_ids))
    terms = reading.terms(found.ids) if found.ids else {}
    return drafts_from(found, {sid: [code for code, _name in rows] for sid, rows in terms.items()})


@dataclass
class DraftInput:
    """What the documents of a batch are made of, as read (``draft_input``): plain
    tuples, so ``drafts_from`` can run in another process (directory/refresh.py)."""

    services: list[tuple[Any, ...]]
    places: dict[Key, list[tuple[Any, ...]]]
    addresses: dict[Key, list[str]]
    schedules: dict[Key, list[tuple[Any, ...]]]

    @property
    def ids(self) -> list[Key]:
        return [row[0] for row in self.services]


def draft_input(db_ids: list[Key]) -> DraftInput:
    """Read the public services among ``db_ids`` (``reading.db_ids``) and their places,
    addresses and schedules: four queries (none when no service is public)."""
    services = reading.public_services(db_ids)
    if not services:
        return DraftInput([], {}, {}, {})
    ids = [row[0] for row in services]
    locations_of = reading.places(ids)
    addresses = reading.addresses([row[0] for rows in locations_of.values() for row in rows])
    return DraftInput(services, locations_of, addresses, reading.schedules(ids))


def drafts_from(found: DraftInput, codes_of: Mapping[Key, Iterable[str]]) -> list[Draft]:
    """The documents, from what ``draft_input`` read and the codes of each service's
    taxonomy terms. No database: this is the part of indexing that costs."""
    locations_of, addresses, schedules = found.places, found.addresses, found.schedules
    drafts = []
    for sid, name, kana, alternate, description, eligibility, municipality, org in found.services:
        located = locations_of.get(sid, [])
        points = [(r[2], r[3]) for r in located if r[2] is not None and r[3] is not None]
        codes = sorted({code for code in codes_of.get(sid, ()) if code})
        hours = _hours(tuple(schedules.get(sid, ())))
        name_lines = document_lines([name, kana, alternate])
        values = (
            sid,
            name,
            " ".join(filter(None, name_lines)),
            municipality or "",
            points[0][0] if points else None,
            points[0][1] if points else None,
            format_points(points),
            " ".join(codes),
            hours.known,
            hours.exact,
            hours.closed_holidays,
            hours.closed_new_year,
            *hours.masks,
        )
        body_texts = [description, eligibility, org or ""]
        for row in located:
            body_texts.append(row[1] or "")
            body_texts.extend(addresses.get(row[0], []))
        # Tags filter, they are not text: a name such as 「相談」の看板のない場 (inferred
        # for many places) would make 相談 find every one of them.
        filters = codes + point_cells(points)
        if municipality:
            filters.append(municipality_token(municipality))
        drafts.append(
            Draft(
                values=values,
                name_tokens=_tokens(name_lines),
                body_tokens=_tokens(document_lines(body_texts)),
                filter_tokens=filters,
            )
        )
    return drafts


def _tokens(lines: Iterable[str]) -> list[str]:
    found: list[str] = []
    for line in lines:
        found.extend(bigrams(line))
    return found


def _as_objects(rows: Iterable[tuple[Any, ...]]) -> list[SimpleNamespace]:
    """Light objects that ``opening`` and ``slots`` read by attribute."""
    return [SimpleNamespace(**dict(zip(SCHEDULE_FIELDS, row, strict=True))) for row in rows]


def schedules_of(ids: list[uuid.UUID]) -> dict[uuid.UUID, list[SimpleNamespace]]:
    """The schedules ``open_state`` needs for each service."""
    found = reading.schedules(reading.db_ids(ids))
    return {reading.as_uuid(key): _as_objects(rows) for key, rows in found.items()}


@lru_cache(maxsize=4096)
def _hours(key: tuple[tuple[Any, ...], ...]) -> WeeklyHours:
    """Weekly masks, worked out once per distinct set of schedules (most listings share
    a handful of opening patterns)."""
    return weekly_hours(_as_objects(key))


# -- writing -------------------------------------------------------------------------------


def _delete(service_ids: list[uuid.UUID]) -> None:
    # Plain SQL: the ORM's conversion of a thousand UUIDs per batch cost more than the
    # query (and on a first import there is nothing to delete).
    ids = reading.db_ids(service_ids)
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM search_document WHERE service_id IN ({})".format(  # noqa: S608
                ", ".join(["%s"] * len(ids))
            ),
            ids,
        )
        old = [row[0] for row in cursor.fetchall()]
    if not old:
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in old])
    SearchDocument.objects.filter(id__in=old).delete()


def _new_ids(count: int) -> list[int]:
    """Ids never used before (the FTS rowid must not meet a stale row)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('search_document', 'id')) "
                "FROM generate_series(1, %s)",
                [count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence "
            "WHERE name = 'search_document'), 0), coalesce((SELECT max(id) FROM "
            "search_document), 0), coalesce((SELECT max(rowid) FROM search_fts), 0))"
        )
        first = int(cursor.fetchone()[0]) + 1
        return list(range(first, first + count))


def _write(drafts: list[Draft]) -> None:
    if not drafts:
        return
    postgres = connection.vendor == "postgresql"
    ids = _new_ids(len(drafts))
    columns = ", ".join(("id", *DOCUMENT_COLUMNS, "tokens"))
    placeholders = ", ".join(["%s"] * (len(DOCUMENT_COLUMNS) + 1))
    placeholders += ", %s::tsvector" if postgres else ", NULL"
    rows = []
    texts = [_text(draft) for draft in drafts]
    for doc_id, draft, text in zip(ids, drafts, texts, strict=True):
        row = [doc_id, *draft.values]  # the service id as the database gave it
        if postgres:
            row.append(text[0])
        rows.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO search_document ({columns}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )
        if not postgres:
            cursor.executemany(
                "INSERT INTO search_fts(rowid, name, body, filters) VALUES (%s, %s, %s, %s)",
                [(doc_id, *text) for doc_id, text in zip(ids, texts, strict=True)],
            )


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(draft: Draft) -> str:
    """The document as a tsvector literal: name tokens weigh A, body tokens D (the
    default), filter tokens carry no position (they filter, never rank)."""
    positions: dict[str, list[str]] = {}
    position = 0
    for tokens, weight in ((draft.name_tokens, "A"), (draft.body_tokens, "")):
        for token in tokens:
            position += 1
            if position > MAX_POSITION:
                break
            positions.setdefault(token, []).append(f"{position}{weight}")
    parts = [f"{_lexeme(t)}:{','.join(p[:256])}" for t, p in positions.items()]
    parts.extend(_lexeme(t) for t in draft.filter_tokens if t not in positions)
    return " ".join(parts)
