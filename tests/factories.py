"""Builders for directory test data. Everything is written through ``DirectoryWriter``,
as imports write it, so tests see the same shapes (and audit events) real data has.

Needs the ``reference_data`` fixture (municipalities and taxonomy) first."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from tsunagari.audit.services import Actor
from tsunagari.directory.ids import term_id
from tsunagari.directory.models import DataSource, Municipality, Service
from tsunagari.directory.services import DirectoryWriter, Graph

ACTOR = Actor(label="test:factory")

# A weekly evening: Thursdays 17:30–18:30.
THURSDAY_EVENING = {
    "freq": "WEEKLY",
    "byday": "TH",
    "opens_at": dt.time(17, 30),
    "closes_at": dt.time(18, 30),
}


def make_source(
    *,
    file_name: str = "test.csv",
    publisher: str = "町田市",
    licence: str = "CC BY 4.0",
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.ja",
    source_url: str = "",
    imported_at: dt.datetime | None = None,
    record_count: int = 0,
    is_sample: bool = False,
) -> DataSource:
    """A data source (one imported file), as ``import_file`` records it."""
    return DataSource.objects.create(
        key=f"test:{file_name}",
        file_name=file_name,
        format="test",
        publisher=publisher,
        licence=licence,
        licence_url=licence_url,
        source_url=source_url,
        imported_at=imported_at or timezone.now(),
        record_count=record_count,
        is_sample=is_sample,
    )


def make_service(
    name: str = "つながりカフェ",
    *,
    name_kana: str = "",
    municipality: str = "132098",
    organization: str | None = "NPO法人 まちのつながり",
    description: str = "どなたでも立ち寄れる居場所です。",
    eligibility: str = "",
    fees: str = "",
    status: str = "active",
    address: str | None = "森野2-2-22",
    postal_code: str = "1948520",
    location_name: str | None = None,
    latitude: float | None = 35.5466,
    longitude: float | None = 139.4386,
    phones: Sequence[str] = ("042-722-3111",),
    schedules: Sequence[Mapping[str, Any]] = (THURSDAY_EVENING,),
    terms: Sequence[str] = ("type.ibasho", "need.talk"),
    cost_options: Sequence[Mapping[str, Any]] = (),
    source: DataSource | None = None,
    service_fields: Mapping[str, Any] | None = None,
) -> Service:
    """Write one service with its organisation, a location with an address (unless
    ``address`` is None: a remote-only service such as a phone line), phones,
    schedules, cost options and taxonomy terms (codes as in data/taxonomy.csv).
    ``service_fields`` sets any other HSDS service field."""
    place = Municipality.objects.get(code=municipality)
    service_id = uuid.uuid4()
    graph: Graph = {"service": [], "attribute": []}
    org_id = None
    if organization is not None:
        org_id = uuid.uuid4()
        graph["organization"] = [
            {"id": org_id, "name": organization, "description": "", "municipality_code": place.code}
        ]
    graph["service"].append(
        {
            "id": service_id,
            "organization_id": org_id,
            "name": name,
            "name_kana": name_kana,
            "description": description,
            "eligibility_description": eligibility,
            "fees_description": fees,
            "status": status,
            "municipality_code": place.code,
            **(service_fields or {}),
        }
    )
    if address is not None:
        location_id = uuid.uuid4()
        graph["location"] = [
            {
                "id": location_id,
                "location_type": "physical",
                "organization_id": org_id,
                "name": location_name if location_name is not None else name,
                "latitude": latitude,
                "longitude": longitude,
                "municipality_code": place.code,
            }
        ]
        graph["service_at_location"] = [
            {"id": uuid.uuid4(), "service_id": service_id, "location_id": location_id}
        ]
        graph["address"] = [
            {
                "id": uuid.uuid4(),
                "location_id": location_id,
                "address_1": address,
                "city": place.name,
                "state_province": place.prefecture,
                "postal_code": postal_code,
                "country": "JP",
                "address_type": "physical",
            }
        ]
    graph["phone"] = [
        {"id": uuid.uuid4(), "service_id": service_id, "number": number} for number in phones
    ]
    graph["schedule"] = [
        {"id": uuid.uuid4(), "service_id": service_id, **schedule} for schedule in schedules
    ]
    graph["cost_option"] = [
        {"id": uuid.uuid4(), "service_id": service_id, **cost} for cost in cost_options
    ]
    graph["attribute"] = [
        {
            "id": uuid.uuid4(),
            "link_id": service_id,
            "link_entity": "service",
            "link_type": "",
            "taxonomy_term_id": term_id(code),
            "value": "",
        }
        for code in terms
    ]
    with transaction.atomic():
        writer = DirectoryWriter(actor=ACTOR, source=source)
        writer.add(graph)
        writer.finish()
    return Service.objects.select_related("organization", "municipality").get(id=service_id)
