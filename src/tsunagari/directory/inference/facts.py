"""What inference reads about a batch of services: folded name and text, and facts from
the structure (a phone, a place, hours).

Reads are plain SQL over indexed foreign keys, a fixed number per batch, and keep ids as
the driver returns them (hex text on SQLite, UUID on PostgreSQL): converting every id
through the ORM cost more than the matching itself."""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import connection, models

from tsunagari.core.bulk import Converter, as_param, param_converters

from ..models import Address, Attribute, Location, Phone, Schedule, Service, ServiceAtLocation
from ..schedule_words import DAY_CODES, parse_byday
from .text import fold

EVENING = dt.time(18, 0)
MIDNIGHT = dt.time(0, 0)
END_OF_DAY = dt.time(23, 59)
WEEKEND = {"SA", "SU"}
TOLL_FREE_PREFIXES = ("0120", "0800")
CHUNK = 500  # ids per IN (...) list
HOURS = "sc.byday, sc.freq, sc.opens_at, sc.closes_at, sc.description, sc.notes"

RawId = Any  # an id as the driver returns it


@dataclass
class ServiceFacts:
    name: str = ""  # folded name and alternate name
    parts: list[str] = field(default_factory=list)  # folded text besides the name
    facts: set[str] = field(default_factory=set)
    full_days: set[str] = field(default_factory=set)  # weekdays open around the clock

    @property
    def text(self) -> str:
        return "\n".join([self.name, *self.parts])


@cache
def _id_converter() -> Converter | None:
    (convert,) = param_converters(Service, ["id"])
    return convert


def raw_id(value: uuid.UUID) -> RawId:
    """``value`` as the database driver takes and returns it."""
    return as_param(_id_converter(), value)


def as_uuid(value: RawId) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# The models' attnames are their column names (none sets db_column); tables are filled in
# from the models, quoted.
_QUERIES = {
    "services": "SELECT id, name, alternate_name, description, eligibility_description, "
    "application_process, fees_description, interpretation_services "
    "FROM {service} WHERE id IN ({ids})",
    "schedules": "SELECT service_id, {hours} FROM {schedule} sc WHERE service_id IN ({ids})",
    "schedules_at": "SELECT sal.service_id, {hours} FROM {schedule} sc "
    "JOIN {service_at_location} sal ON sc.service_at_location_id = sal.id "
    "WHERE sal.service_id IN ({ids})",
    "phones": "SELECT service_id, number, description FROM {phone} WHERE service_id IN ({ids})",
    "phones_at": "SELECT sal.service_id, p.number, p.description FROM {phone} p "
    "JOIN {service_at_location} sal ON p.service_at_location_id = sal.id "
    "WHERE sal.service_id IN ({ids})",
    "phones_of_location": "SELECT sal.service_id, p.number, p.description FROM {phone} p "
    "JOIN {service_at_location} sal ON p.location_id = sal.location_id "
    "WHERE sal.service_id IN ({ids})",
    "in_person": "SELECT DISTINCT sal.service_id FROM {service_at_location} sal "
    "JOIN {location} l ON l.id = sal.location_id WHERE sal.service_id IN ({ids}) "
    "AND l.location_type = 'physical' AND (l.latitude IS NOT NULL "
    "OR EXISTS (SELECT 1 FROM {address} a WHERE a.location_id = l.id))",
    "attributes": "SELECT id, link_id, taxonomy_term_id, label, inferred FROM {attribute} "
    "WHERE link_entity = 'service' AND link_id IN ({ids})",
}
_TABLES: dict[str, type[models.Model]] = {
    "service": Service,
    "schedule": Schedule,
    "service_at_location": ServiceAtLocation,
    "phone": Phone,
    "location": Location,
    "address": Address,
    "attribute": Attribute,
}


@cache
def _sql() -> dict[str, str]:
    tables = {k: connection.ops.quote_name(m._meta.db_table) for k, m in _TABLES.items()}
    return {key: sql.format(ids="{ids}", hours=HOURS, **tables) for key, sql in _QUERIES.items()}


def select(sql: str, ids: Sequence[RawId]) -> list[tuple[Any, ...]]:
    """Run ``sql`` (with ``{ids}`` where the id list goes) over ``ids`` in chunks."""
    rows: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = list(ids[start : start + CHUNK])
            cursor.execute(sql.format(ids=", ".join(["%s"] * len(chunk))), chunk)
            rows.extend(cursor.fetchall())
    return rows


FactRows = dict[str, list[tuple[Any, ...]]]  # query name -> its rows


def facts_read(ids: Sequence[RawId]) -> dict[RawId, ServiceFacts]:
    """Facts for each service that exists among ``ids`` (raw ids, see ``raw_id``)."""
    return facts_from(fact_rows(ids))


def fact_rows(ids: Sequence[RawId]) -> FactRows:
    """What ``facts_from`` needs, read: the queries only, so that the folding and
    matching can run in another process (directory/refresh.py)."""
    sql = _sql()
    return {query: select(sql[query], ids) for query in _QUERIES if query != "attributes"}


def facts_from(rows: FactRows) -> dict[RawId, ServiceFacts]:
    """Facts for each service in ``rows`` (``fact_rows``). No database."""
    found: dict[RawId, ServiceFacts] = {}
    for sid, name, alternate, *texts in rows["services"]:
        found[sid] = ServiceFacts(
            name=fold(f"{name}\n{alternate}"), parts=[fold(t) for t in texts if t]
        )
    for query in ("schedules", "schedules_at"):
        for sid, byday, freq, opens, closes, description, notes in rows[query]:
            facts = found.get(sid)
            if facts is not None:
                facts.parts.extend(fold(t) for t in (description, notes) if t)
                _add_hours(facts, _days(byday, freq), _time(opens), _time(closes))
    for query in ("phones", "phones_at", "phones_of_location"):
        for sid, number, description in rows[query]:
            facts = found.get(sid)
            if facts is not None and number:
                _add_phone(facts, number, description)
    for (sid,) in rows["in_person"]:
        if sid in found:
            found[sid].facts.add("in_person")
    for facts in found.values():
        if len(facts.full_days) == len(DAY_CODES):
            facts.facts.add("open_24h")
    return found


def attributes_read(ids: Sequence[RawId]) -> list[tuple[Any, ...]]:
    """(id, link_id, taxonomy_term_id, label, inferred) of the services' attribute rows."""
    return select(_sql()["attributes"], ids)


def _time(value: Any) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def _days(byday: str | None, freq: str | None) -> tuple[set[str], set[str]]:
    """(every week's days, some weeks' days) of a schedule."""
    if not byday and (freq or "").upper() == "DAILY":
        return set(DAY_CODES), set()
    weekly: set[str] = set()
    some: set[str] = set()
    for ordinal, code in parse_byday(byday or ""):
        (weekly if ordinal is None else some).add(code)
    return weekly, some


def _add_hours(
    facts: ServiceFacts,
    days: tuple[set[str], set[str]],
    opens: dt.time | None,
    closes: dt.time | None,
) -> None:
    weekly, some = days
    if opens is None or closes is None or not (weekly or some):
        return
    overnight = closes <= opens
    if closes > EVENING or overnight:
        facts.facts.add("open_evening")
    if (weekly | some) & WEEKEND:
        facts.facts.add("open_weekend")
    if closes == opens or (opens == MIDNIGHT and closes >= END_OF_DAY):
        facts.full_days.update(weekly)


def _add_phone(facts: ServiceFacts, number: str, description: str | None) -> None:
    facts.facts.add("phone")
    if unicodedata.normalize("NFKC", number).lstrip("(").startswith(TOLL_FREE_PREFIXES):
        facts.facts.add("toll_free")
    if description:
        facts.parts.append(fold(description))
