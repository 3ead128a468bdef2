"""What inference reads about a batch of services: folded name and text, and facts from
the structure (a phone, a place, hours). A fixed number of queries per batch."""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q

from ..models import Location, Phone, Schedule, Service, ServiceAtLocation
from ..schedule_words import DAY_CODES, parse_byday
from .text import fold

EVENING = dt.time(18, 0)
MIDNIGHT = dt.time(0, 0)
END_OF_DAY = dt.time(23, 59)
WEEKEND = {"SA", "SU"}
TOLL_FREE_PREFIXES = ("0120", "0800")
TEXT_FIELDS = (
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
    "interpretation_services",
)


@dataclass
class ServiceFacts:
    name: str = ""  # folded name and alternate name
    parts: list[str] = field(default_factory=list)  # folded text besides the name
    facts: set[str] = field(default_factory=set)
    full_days: set[str] = field(default_factory=set)  # weekdays open around the clock

    @property
    def text(self) -> str:
        return "\n".join([self.name, *self.parts])


def facts_read(service_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, ServiceFacts]:
    """Facts for each service that exists among ``service_ids``."""
    found: dict[uuid.UUID, ServiceFacts] = {}
    rows = Service.objects.filter(id__in=service_ids).values_list(
        "id", "name", "alternate_name", *TEXT_FIELDS
    )
    for sid, name, alternate, *texts in rows:
        found[sid] = ServiceFacts(
            name=fold(f"{name}\n{alternate}"), parts=[fold(t) for t in texts if t]
        )
    _add_schedules(found, service_ids)
    _add_phones(found, service_ids)
    in_person = (
        ServiceAtLocation.objects.filter(
            service_id__in=service_ids,
            location__location_type=Location.LocationType.PHYSICAL,
        )
        .filter(Q(location__latitude__isnull=False) | Q(location__addresses__isnull=False))
        .values_list("service_id", flat=True)
    )
    for sid in set(in_person):
        found[sid].facts.add("in_person")
    return found


def _add_schedules(found: dict[uuid.UUID, ServiceFacts], ids: Sequence[uuid.UUID]) -> None:
    fields = ("byday", "freq", "opens_at", "closes_at", "description", "notes")
    own = Schedule.objects.filter(service_id__in=ids).values_list("service_id", *fields)
    at_location = Schedule.objects.filter(service_at_location__service_id__in=ids).values_list(
        "service_at_location__service_id", *fields
    )
    for rows in (own, at_location):
        for sid, byday, freq, opens, closes, description, notes in rows:
            facts = found.get(sid)
            if facts is None:
                continue
            facts.parts.extend(fold(t) for t in (description, notes) if t)
            _add_hours(facts, _days(byday, freq), opens, closes)
    for facts in found.values():
        if len(facts.full_days) == len(DAY_CODES):
            facts.facts.add("open_24h")


def _days(byday: str, freq: str) -> tuple[set[str], set[str]]:
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


def _add_phones(found: dict[uuid.UUID, ServiceFacts], ids: Sequence[uuid.UUID]) -> None:
    queries: Iterable[Iterable[tuple[uuid.UUID, str, str]]] = (
        Phone.objects.filter(service_id__in=ids).values_list("service_id", "number", "description"),
        Phone.objects.filter(service_at_location__service_id__in=ids).values_list(
            "service_at_location__service_id", "number", "description"
        ),
        Phone.objects.filter(location__service_at_locations__service_id__in=ids).values_list(
            "location__service_at_locations__service_id", "number", "description"
        ),
    )
    for rows in queries:
        for sid, number, description in rows:
            facts = found.get(sid)
            if facts is None or not number:
                continue
            facts.facts.add("phone")
            if unicodedata.normalize("NFKC", number).lstrip("(").startswith(TOLL_FREE_PREFIXES):
                facts.facts.add("toll_free")
            if description:
                facts.parts.append(fold(description))
