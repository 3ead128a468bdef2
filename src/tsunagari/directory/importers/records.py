"""Building the HSDS graph of one imported record: a service with its location,
address, phones, schedules, cost options and taxonomy attributes. Ids of the parts
derive from the service id, so re-importing a file updates the same rows."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..ids import stable_id, term_id
from ..services import Graph
from . import normalise

# Part ids: the service id XOR a per-part constant, with the version (5) and variant
# bits restored. Deterministic like uuid5 but without hashing every part of every row
# (uuid5 was most of the per-row time).
_VERSION_MASK = 0xF << 76
_VERSION_5 = 0x5 << 76
_VARIANT_MASK = 0x3 << 62
_VARIANT_RFC = 0x2 << 62


@cache
def _part_key(*parts: object) -> int:
    return stable_id("part", *parts).int


@cache
def _term_id(code: str) -> uuid.UUID:
    return term_id(code)


_KEEP = ~_VERSION_MASK & ~_VARIANT_MASK
_SET = _VERSION_5 | _VARIANT_RFC
_new_object = object.__new__
_set_slot = object.__setattr__


def derived_id(base: uuid.UUID, *parts: object) -> uuid.UUID:
    """A stable id for a part of the record whose id is ``base``."""
    # uuid.UUID(int=...) validates a value that is valid by construction; building the
    # object directly takes a third of the time, for every part of every row.
    derived = _new_object(uuid.UUID)
    _set_slot(derived, "int", ((base.int ^ _part_key(*parts)) & _KEEP) | _SET)
    _set_slot(derived, "is_safe", uuid.SafeUUID.unknown)
    return derived


@lru_cache(maxsize=4096)  # rows of one body repeat its name
def organization_id(*, corporate_number: str, municipality_code: str, name: str) -> uuid.UUID:
    """By 法人番号 when there is one (the same body across files and towns), else by
    name within the municipality."""
    if corporate_number:
        return stable_id("organization", "corporate_number", corporate_number)
    return stable_id("organization", municipality_code, normalise.nfkc(name))


@dataclass
class Record:
    """One service and its parts, collected by a format, then turned into a graph."""

    service_id: uuid.UUID
    municipality_code: str
    source_record_id: str
    name: str
    name_kana: str = ""
    alternate_name: str = ""
    description: str = ""
    url: str = ""
    email: str = ""
    eligibility: str = ""
    fees_description: str = ""
    application_process: str = ""
    organization: dict[str, Any] | None = None
    location_name: str = ""
    location_description: str = ""
    transportation: str = ""
    latitude: float | None = None
    longitude: float | None = None
    location_municipality: str = ""
    address: dict[str, str] | None = None
    accessibility: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)  # (number, description)
    extension: float | None = None
    schedules: list[dict[str, Any]] = field(default_factory=list)
    costs: list[tuple[str, float | None, str]] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    def part_id(self, *parts: object) -> uuid.UUID:
        return derived_id(self.service_id, *parts)

    def graph(self) -> Graph:
        org_id = self.organization["id"] if self.organization else None
        service = {
            "id": self.service_id,
            "organization_id": org_id,
            "name": self.name[:255],
            "name_kana": self.name_kana[:255],
            "alternate_name": self.alternate_name[:255],
            "description": self.description,
            "url": self.url[:500],
            "email": self.email[:255],
            "status": "active",
            "eligibility_description": self.eligibility,
            "fees_description": self.fees_description,
            "application_process": self.application_process,
            "municipality_code": self.municipality_code,
            "source_record_id": self.source_record_id[:255],
        }
        graph: Graph = {"service": [service]}
        if self.organization:
            graph["organization"] = [self.organization]
        has_place = (
            self.address is not None or self.latitude is not None or bool(self.location_name)
        )
        location_id = self.part_id("location")
        if has_place:
            graph["location"] = [
                {
                    "id": location_id,
                    "location_type": "physical",
                    "organization_id": org_id,
                    "name": (self.location_name or self.name)[:255],
                    "name_kana": self.name_kana[:255] if not self.location_name else "",
                    "description": self.location_description,
                    "transportation": self.transportation,
                    "latitude": self.latitude,
                    "longitude": self.longitude,
                    "municipality_code": self.location_municipality or self.municipality_code,
                }
            ]
            graph["service_at_location"] = [
                {
                    "id": self.part_id("service_at_location"),
                    "service_id": self.service_id,
                    "location_id": location_id,
                    "description": "",
                }
            ]
            if self.address is not None:
                graph["address"] = [
                    {
                        "id": self.part_id("address"),
                        "location_id": location_id,
                        "attention": "",
                        "address_1": self.address.get("address_1", "")[:255],
                        "address_2": self.address.get("address_2", "")[:255],
                        "city": self.address.get("city", "")[:120],
                        "region": "",
                        "state_province": self.address.get("state_province", "")[:60],
                        "postal_code": self.address.get("postal_code", "")[:10],
                        "country": "JP",
                        "address_type": "physical",
                        "machiaza_id": self.address.get("machiaza_id", "")[:7],
                    }
                ]
            if self.accessibility:
                graph["accessibility"] = [
                    {
                        "id": self.part_id("accessibility"),
                        "location_id": location_id,
                        "description": self.accessibility,
                        "details": "",
                        "url": "",
                    }
                ]
        if self.phones:
            graph["phone"] = [
                {
                    "id": self.part_id("phone", i),
                    "service_id": self.service_id,
                    "number": number[:60],
                    "extension": self.extension if i == 0 else None,
                    "type": "voice",
                    "description": description,
                }
                for i, (number, description) in enumerate(self.phones)
            ]
        if self.schedules:
            graph["schedule"] = [
                {
                    "id": self.part_id("schedule", i),
                    "service_id": self.service_id,
                    **_schedule_fields(s),
                }
                for i, s in enumerate(self.schedules)
            ]
        if self.costs:
            graph["cost_option"] = [
                {
                    "id": self.part_id("cost_option", i),
                    "service_id": self.service_id,
                    "option": option,
                    "currency": "JPY" if amount is not None else "",
                    "amount": amount,
                    "amount_description": note,
                }
                for i, (option, amount, note) in enumerate(self.costs)
            ]
        if self.terms:
            graph["attribute"] = [
                {
                    "id": self.part_id("attribute", code),
                    "link_id": self.service_id,
                    "taxonomy_term_id": _term_id(code),
                    "link_type": "",
                    "link_entity": "service",
                    "value": "",
                    "label": code,
                    "inferred": True,
                }
                for code in self.terms
            ]
        return graph


def _schedule_fields(s: dict[str, Any]) -> dict[str, Any]:
    """Every schedule field this importer manages, so a cleared cell clears the value."""
    byday = s.get("byday", "")
    return {
        "freq": s.get("freq") or ("WEEKLY" if byday else ""),
        "interval": s.get("interval"),
        "byday": byday,
        "opens_at": s.get("opens_at"),
        "closes_at": s.get("closes_at"),
        "description": s.get("description", ""),
        "notes": s.get("notes", ""),
        "valid_from": s.get("valid_from"),
        "valid_to": s.get("valid_to"),
        "timezone": 9.0,
    }


def schedule(
    *,
    byday: str = "",
    opens_at: dt.time | None = None,
    closes_at: dt.time | None = None,
    description: str = "",
    freq: str = "",
    notes: str = "",
) -> dict[str, Any] | None:
    """A schedule dict, or None when there is nothing to say."""
    if not (byday or opens_at or closes_at or description or notes):
        return None
    return {
        "byday": byday,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "description": description,
        "freq": freq,
        "notes": notes,
    }


def join(*parts: str, sep: str = "\n") -> str:
    return sep.join(p for p in (normalise.nfkc(x) if x else "" for x in parts) if p)
