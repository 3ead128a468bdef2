"""Keeping the search index current: documents built from the directory in batches.

``index_services(ids)`` (called by ``directory.refresh.refresh_derived`` after every
write) replaces the documents of those services: public ones get a fresh document,
others (ended, paused, deleted) lose theirs. ``index_rebuild()`` does every service.
Each batch costs a fixed number of queries whatever its size, and rows are written
with bulk inserts (``executemany``), because this runs inside every import."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db import connection

from tsunagari.directory.models import (
    Address,
    Attribute,
    Schedule,
    Service,
    ServiceAtLocation,
)

from .geo import format_points, point_cells
from .models import SearchDocument
from .normalise import document_tokens, fold
from .slots import weekly_hours

BATCH = 2000
MAX_POSITION = 16383  # PostgreSQL keeps no positions beyond this

SCHEDULE_FIELDS = (
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "dtstart",
    "valid_from",
    "valid_to",
    "opens_at",
    "closes_at",
    "notes",
    "description",
)


@dataclass
class Draft:
    """One service's document before it is written."""

    document: SearchDocument
    name_tokens: list[str] = field(default_factory=list)
    body_tokens: list[str] = field(default_factory=list)
    filter_tokens: list[str] = field(default_factory=list)


def municipality_token(code: str) -> str:
    return f"m{code}"


def _chunks(ids: list[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def index_services(service_ids: Collection[uuid.UUID]) -> int:
    """Bring the documents of ``service_ids`` up to date; returns how many are public."""
    written = 0
    for chunk in _chunks(sorted(set(service_ids))):
        drafts = build_drafts(chunk)
        _delete(chunk)
        _write(drafts)
        written += len(drafts)
    return written


def index_rebuild() -> int:
    """Rebuild the whole index from the directory; returns the number of documents."""
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
    services = list(
        Service.objects.filter(id__in=service_ids, status=Service.Status.ACTIVE).values_list(
            "id",
            "name",
            "name_kana",
            "alternate_name",
            "description",
            "eligibility_description",
            "municipality_id",
            "organization__name",
        )
    )
    if not services:
        return []
    ids = [row[0] for row in services]
    places = (
        ServiceAtLocation.objects.filter(service_id__in=ids)
        .order_by("location__name", "id")
        .values_list(
            "service_id",
            "location_id",
            "location__name",
            "location__latitude",
            "location__longitude",
        )
    )
    locations_of: dict[uuid.UUID, list[tuple[Any, ...]]] = defaultdict(list)
    for row in places:
        locations_of[row[0]].append(row)
    location_ids = {row[1] for rows in locations_of.values() for row in rows}
    addresses: dict[uuid.UUID, list[str]] = defaultdict(list)
    for location_id, *parts in Address.objects.filter(location_id__in=location_ids).values_list(
        "location_id", "state_province", "city", "address_1", "address_2"
    ):
        addresses[location_id].append("".join(p for p in parts if p))
    schedules = _schedules(ids)
    terms: dict[uuid.UUID, list[tuple[str, str]]] = defaultdict(list)
    for link_id, code, term_name in Attribute.objects.filter(
        link_entity="service", link_id__in=ids
    ).values_list("link_id", "taxonomy_term__code", "taxonomy_term__name"):
        terms[link_id].append((code, term_name))

    drafts = []
    for sid, name, kana, alternate, description, eligibility, municipality, org in services:
        located = locations_of.get(sid, [])
        points = [(r[3], r[4]) for r in located if r[3] is not None and r[4] is not None]
        codes = sorted({code for code, _ in terms.get(sid, []) if code})
        hours = weekly_hours(schedules.get(sid, []))
        document = SearchDocument(
            service_id=sid,
            name=name,
            name_folded=" ".join(filter(None, (fold(name), fold(kana), fold(alternate)))),
            municipality_code=municipality or "",
            latitude=points[0][0] if points else None,
            longitude=points[0][1] if points else None,
            points=format_points(points),
            tags=" ".join(codes),
            hours_known=hours.known,
            hours_exact=hours.exact,
            closed_holidays=hours.closed_holidays,
            closed_new_year=hours.closed_new_year,
            **{f"open_{day}": mask for day, mask in enumerate(hours.masks)},
        )
        body_texts = [description, eligibility, org or ""]
        for row in located:
            body_texts.append(row[2] or "")
            body_texts.extend(addresses.get(row[1], []))
        body_texts.extend(term_name for _, term_name in terms.get(sid, []))
        filters = codes + point_cells(points)
        if municipality:
            filters.append(municipality_token(municipality))
        drafts.append(
            Draft(
                document=document,
                name_tokens=_tokens((name, kana, alternate)),
                body_tokens=_tokens(body_texts),
                filter_tokens=filters,
            )
        )
    return drafts


def _tokens(texts: Iterable[str]) -> list[str]:
    found: list[str] = []
    for text in texts:
        if text:
            found.extend(document_tokens(text))
    return found


def _schedules(ids: list[uuid.UUID]) -> dict[uuid.UUID, list[SimpleNamespace]]:
    """A service's own schedules and those of its places (as ``naive`` reads them),
    as light objects that ``opening`` and ``slots`` read by attribute."""
    found: dict[uuid.UUID, list[SimpleNamespace]] = defaultdict(list)
    for row in Schedule.objects.filter(service_id__in=ids).values("service_id", *SCHEDULE_FIELDS):
        found[row.pop("service_id")].append(SimpleNamespace(**row))
    at_places = Schedule.objects.filter(service_at_location__service_id__in=ids).values(
        "service_at_location__service_id", *SCHEDULE_FIELDS
    )
    for row in at_places:
        found[row.pop("service_at_location__service_id")].append(SimpleNamespace(**row))
    return found


# -- writing -------------------------------------------------------------------------------


def _delete(service_ids: list[uuid.UUID]) -> None:
    old = list(
        SearchDocument.objects.filter(service_id__in=service_ids).values_list("id", flat=True)
    )
    if not old:
        return
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in old])
    SearchDocument.objects.filter(id__in=old).delete()


def _write(drafts: list[Draft]) -> None:
    if not drafts:
        return
    postgres = connection.vendor == "postgresql"
    if postgres:
        for draft in drafts:
            draft.document.tokens = tsvector_literal(draft)
    created = SearchDocument.objects.bulk_create([d.document for d in drafts], batch_size=500)
    if connection.vendor == "sqlite":
        rows = [
            (
                doc.pk,
                " ".join(d.name_tokens),
                " ".join(d.body_tokens),
                " ".join(d.filter_tokens),
            )
            for doc, d in zip(created, drafts, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts(rowid, name, body, filters) VALUES (%s, %s, %s, %s)", rows
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
