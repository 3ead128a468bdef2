"""What the indexer reads from the directory, in plain SQL.

The index is rebuilt inside every import, so these reads skip the ORM's per-value
conversions: ids stay as the database returns them (32 hex digits on SQLite, UUIDs on
PostgreSQL) and are only used as keys and written back as they came. Five queries per
batch, whatever its size."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from django.db import connection

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
_DATES = {"dtstart", "valid_from", "valid_to"}
_TIMES = {"opens_at", "closes_at"}

Key = Any  # a service id as the database returns it


def db_ids(ids: Iterable[uuid.UUID]) -> list[Any]:
    """Ids as query parameters (SQLite stores UUIDs as 32 hex digits)."""
    if connection.vendor == "sqlite":
        return [i.hex for i in ids]
    return list(ids)


def as_uuid(key: Key) -> uuid.UUID:
    return key if isinstance(key, uuid.UUID) else uuid.UUID(hex=key)


def _query(sql: str, ids: Sequence[Any], *params: Any) -> list[tuple[Any, ...]]:
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(sql.format(ids=marks), [*params, *ids])
        return cursor.fetchall()


def public_services(ids: Sequence[Any]) -> list[tuple[Any, ...]]:
    """(id, name, kana, alternate name, description, eligibility, municipality code,
    organisation name) of the active services among ``ids``."""
    return _query(
        "SELECT s.id, s.name, s.name_kana, s.alternate_name, s.description, "
        "s.eligibility_description, s.municipality_id, o.name "
        "FROM directory_service s "
        "LEFT JOIN directory_organization o ON o.id = s.organization_id "
        "WHERE s.status = %s AND s.id IN ({ids})",
        ids,
        "active",
    )


def places(ids: Sequence[Any]) -> dict[Key, list[tuple[Any, ...]]]:
    """Per service: (location id, name, latitude, longitude), in name order."""
    found: dict[Key, list[tuple[Any, ...]]] = defaultdict(list)
    for service_id, *row in _query(
        "SELECT sal.service_id, l.id, l.name, l.latitude, l.longitude "
        "FROM directory_serviceatlocation sal "
        "JOIN directory_location l ON l.id = sal.location_id "
        "WHERE sal.service_id IN ({ids}) ORDER BY l.name, sal.id",
        ids,
    ):
        found[service_id].append(tuple(row))
    return found


def addresses(location_ids: Sequence[Any]) -> dict[Key, list[str]]:
    """Per location: its addresses as one line each."""
    found: dict[Key, list[str]] = defaultdict(list)
    for location_id, *parts in _query(
        "SELECT location_id, state_province, city, address_1, address_2 "
        "FROM directory_address WHERE location_id IN ({ids})",
        location_ids,
    ):
        found[location_id].append("".join(p for p in parts if p))
    return found


def terms(ids: Sequence[Any]) -> dict[Key, list[tuple[str, str]]]:
    """Per service: (code, name) of its taxonomy terms."""
    found: dict[Key, list[tuple[str, str]]] = defaultdict(list)
    for link_id, code, name in _query(
        "SELECT a.link_id, t.code, t.name FROM directory_attribute a "
        "JOIN directory_taxonomyterm t ON t.id = a.taxonomy_term_id "
        "WHERE a.link_entity = %s AND a.link_id IN ({ids})",
        ids,
        "service",
    ):
        found[link_id].append((code, name))
    return found


@cache
def _sqlite_index(table: str, column: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA index_list('{table}')")
        for row in cursor.fetchall():
            name = row[1]
            cursor.execute(f"PRAGMA index_info('{name}')")
            if [info[2] for info in cursor.fetchall()] == [column]:
                return str(name)
    return None


def _indexed_by(table: str, column: str) -> str:
    """Pin SQLite to the index on ``column``: when most rows have it NULL (schedules
    usually belong to the service, not to one of its places), ANALYZE statistics make
    the planner scan the whole table instead, for every batch."""
    if connection.vendor != "sqlite":
        return ""
    name = _sqlite_index(table, column)
    return f'INDEXED BY "{name}" ' if name else ""


def _typed(row: Sequence[Any]) -> tuple[Any, ...]:
    """SQLite returns dates and times as text."""
    if connection.vendor != "sqlite":
        return tuple(row)
    typed = []
    for name, value in zip(SCHEDULE_FIELDS, row, strict=True):
        if isinstance(value, str) and value:
            if name in _DATES:
                value = dt.date.fromisoformat(value)
            elif name in _TIMES:
                value = dt.time.fromisoformat(value)
        typed.append(value)
    return tuple(typed)


def schedules(ids: Sequence[Any]) -> dict[Key, list[tuple[Any, ...]]]:
    """Per service: its own schedules and those of its places (as ``naive`` reads
    them), as tuples of ``SCHEDULE_FIELDS``."""
    columns = ", ".join(f"sc.{name}" for name in SCHEDULE_FIELDS)
    columns = columns.replace("sc.interval", 'sc."interval"')
    found: dict[Key, list[tuple[Any, ...]]] = defaultdict(list)
    marks = ", ".join(["%s"] * len(ids))
    index = _indexed_by("directory_schedule", "service_at_location_id")
    sql = (
        f"SELECT sc.service_id, {columns} FROM directory_schedule sc "  # noqa: S608
        f"WHERE sc.service_id IN ({marks}) "
        f"UNION ALL SELECT sal.service_id, {columns} FROM directory_schedule sc {index}"
        "JOIN directory_serviceatlocation sal ON sal.id = sc.service_at_location_id "
        "WHERE sc.service_at_location_id IN "
        f"(SELECT id FROM directory_serviceatlocation WHERE service_id IN ({marks}))"
    )
    if not ids:
        return found
    with connection.cursor() as cursor:  # one query: callers count their queries
        cursor.execute(sql, [*ids, *ids])
        for service_id, *row in cursor.fetchall():
            found[service_id].append(_typed(row))
    return found
