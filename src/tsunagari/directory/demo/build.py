"""Turn the demo town into HSDS rows and write them through ``DirectoryWriter``: one
transaction, audited, stable ids (re-running updates and records nothing new when
nothing changed)."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from tsunagari.audit.services import Actor

from ..hours import JST_OFFSET, WEEKEND
from ..ids import stable_id, term_id
from ..models import DataSource, Municipality, TaxonomyTerm
from ..reference import taxonomy_rows
from ..services import DirectoryWriter, Graph, record_import
from .clinics import clinic_services
from .community import community_services
from .consult import consult_care
from .consult_health import consult_health
from .consult_living import consult_living
from .consult_people import consult_people
from .consult_rights import consult_rights
from .family import family_services
from .gathering import gathering_services
from .neighbourhood import neighbourhood_services
from .orgs import core_orgs
from .outreach import outreach_services
from .remote import remote_services
from .town import (
    DEMO_CITY,
    DEMO_CODE,
    DEMO_LATITUDE,
    DEMO_LONGITUDE,
    DEMO_NAME,
    DEMO_NAME_KANA,
    DEMO_PREFECTURE,
    DEMO_PREFECTURE_KANA,
    SAMPLE_NOTE,
    Place,
    Spec,
    Town,
)

SOURCE_KEY = "demo:tsunagari-city"
PUBLISHER = "tsunagari デモ（架空のデータ）"
ACCESSIBLE = "車いすで利用できます（入口に段差なし、多目的トイレあり）。"


@dataclass
class DemoResult:
    municipality: Municipality
    source: DataSource
    services: int
    organizations: int
    locations: int
    stats: Counter[tuple[str, str]]


def demo_town() -> Town:
    """The whole fictional town, built the same way every time (seeded)."""
    town = Town()
    core_orgs(town)
    # Order matters: later modules use organizations and places registered earlier.
    for part in (
        community_services,
        gathering_services,
        neighbourhood_services,
        consult_care,
        consult_living,
        consult_health,
        consult_people,
        consult_rights,
        family_services,
        remote_services,
        outreach_services,
        clinic_services,
    ):
        part(town)
    return town


@transaction.atomic
def demo_load(*, actor: Actor | None = None) -> DemoResult:
    """Create or update the fictional municipality, its sample DataSource and every demo
    organization, location and service. Needs the taxonomy (``taxonomy_seed``)."""
    actor = actor or Actor(label="demo")
    town = demo_town()
    names = {row["code"]: row["name"] for row in taxonomy_rows()}
    _check_terms(town, names)
    now = timezone.now()
    municipality, _ = Municipality.objects.update_or_create(
        code=DEMO_CODE,
        defaults={
            "prefecture": DEMO_PREFECTURE,
            "name": DEMO_NAME,
            "prefecture_kana": DEMO_PREFECTURE_KANA,
            "name_kana": DEMO_NAME_KANA,
            "latitude": DEMO_LATITUDE,
            "longitude": DEMO_LONGITUDE,
            "is_fictional": True,
        },
    )
    source, _ = DataSource.objects.update_or_create(
        key=SOURCE_KEY,
        defaults={
            "file_name": "つながり市デモデータ（プログラムで生成）",
            "format": "tsunagari:demo",
            "publisher": PUBLISHER,
            "licence": "CC0 1.0（架空のサンプルデータ）",
            "licence_url": "https://creativecommons.org/publicdomain/zero/1.0/deed.ja",
            "source_url": "",
            "sha256": "",
            "imported_at": now,
            "record_count": len(town.specs),
            "is_sample": True,
        },
    )
    writer = DirectoryWriter(actor=actor, source=source, now=now)
    writer.add({"organization": [_organization(town, key) for key in town.orgs]}, complete=False)
    for place in town.places.values():
        writer.add(_location_graph(place))
    for spec in town.specs:
        writer.add(_service_graph(town, spec, names))
    stats = writer.finish()
    record_import(
        actor=actor, source=source, records=len(town.specs), stats=stats, only_if_changed=True
    )
    return DemoResult(
        municipality, source, len(town.specs), len(town.orgs), len(town.places), stats
    )


def org_id(key: str) -> uuid.UUID:
    return stable_id("demo", "organization", key)


def location_id(key: str) -> uuid.UUID:
    return stable_id("demo", "location", key)


def service_id(key: str) -> uuid.UUID:
    return stable_id("demo", "service", key)


def spec_terms(town: Town, spec: Spec) -> list[str]:
    """The stated terms plus those that follow from hours, cost, place and languages."""
    terms = dict.fromkeys(spec.terms)
    if any(h.always for h in spec.hours):
        terms["attr.24h"] = None
    if any(h.closes.hour >= 19 or h.always for h in spec.hours):
        terms["attr.evening"] = None
    if any(set(h.days) & set(WEEKEND) for h in spec.hours):
        terms["attr.holiday"] = None
    if spec.cost.amount == 0:
        terms["attr.free"] = None
    if spec.place and town.places[spec.place].barrier_free:
        terms["attr.barrier_free"] = None
    if any(code != "ja" for _name, code in spec.languages):
        terms["attr.multilingual"] = None
    if spec.anywhere:
        terms["attr.out_of_area"] = None
    return list(terms)


# -- rows ----------------------------------------------------------------------------------


def _organization(town: Town, key: str) -> dict[str, Any]:
    org = town.orgs[key]
    return {
        "id": org_id(key),
        "name": org.name,
        "name_kana": org.kana,
        "description": f"{org.description}{SAMPLE_NOTE}",
        "website": org.website,
        "legal_status": org.legal_status,
        "parent_organization_id": org_id(org.parent) if org.parent else None,
        "municipality_code": DEMO_CODE,
    }


def _location_graph(place: Place) -> Graph:
    lid = location_id(place.key)
    graph: Graph = {
        "location": [
            {
                "id": lid,
                "location_type": "physical",
                "name": place.name,
                "name_kana": place.kana,
                "organization_id": org_id(place.org) if place.org else None,
                "description": (
                    f"{DEMO_CITY}{place.district.name}にある架空の場所です。{SAMPLE_NOTE}"
                ),
                "transportation": place.transportation,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "municipality_code": DEMO_CODE,
            }
        ],
        "address": [
            {
                "id": stable_id("demo", place.key, "address"),
                "location_id": lid,
                "address_1": f"{place.district.name}{place.street}",
                "address_2": place.building,
                "city": DEMO_CITY,
                "state_province": DEMO_PREFECTURE,
                "postal_code": place.district.postal,
                "country": "JP",
                "address_type": "physical",
            }
        ],
        "accessibility": [],
    }
    if place.barrier_free:
        graph["accessibility"].append(
            {
                "id": stable_id("demo", place.key, "accessibility"),
                "location_id": lid,
                "description": ACCESSIBLE,
            }
        )
    return graph


def _service_graph(town: Town, spec: Spec, names: dict[str, str]) -> Graph:
    sid = service_id(spec.key)

    def part(*p: object) -> uuid.UUID:
        return stable_id("demo", spec.key, *p)

    application = spec.application or (
        "予約はいりません。直接お越しください。"
        if "attr.no_booking" in spec.terms
        else "まずは電話でお問い合わせください。"
        if spec.phone
        else ""
    )
    graph: Graph = {
        "service": [
            {
                "id": sid,
                "organization_id": org_id(spec.org),
                "name": spec.name,
                "name_kana": spec.kana,
                "description": f"{spec.description}{SAMPLE_NOTE}",
                "url": spec.url,
                "email": spec.email,
                "status": "active",
                "application_process": application,
                "fees_description": spec.cost.description,
                "eligibility_description": spec.eligibility,
                "minimum_age": spec.min_age,
                "maximum_age": spec.max_age,
                "municipality_code": DEMO_CODE,
                "source_record_id": spec.key,
            }
        ],
        "service_at_location": [],
        "phone": [],
        "schedule": [_schedule(spec, index) for index in range(len(spec.hours))],
        "service_area": [
            {
                "id": part("service_area"),
                "service_id": sid,
                "name": "全国（どこからでも）" if spec.anywhere else DEMO_CITY,
                "description": (
                    "住んでいる地域に関係なく利用できます。"
                    if spec.anywhere
                    else f"{DEMO_NAME}にお住まいの方、通勤・通学している方"
                ),
            }
        ],
        "cost_option": [
            {
                "id": part("cost"),
                "service_id": sid,
                "option": spec.cost.option,
                "currency": "JPY",
                "amount": spec.cost.amount,
                "amount_description": spec.cost.description,
            }
        ],
        "language": [
            {"id": part("language", code), "service_id": sid, "name": name, "code": code}
            for name, code in spec.languages
        ],
        "attribute": [
            {
                "id": part("attribute", code),
                "link_id": sid,
                "taxonomy_term_id": term_id(code),
                "link_type": "",
                "link_entity": "service",
                "value": "",
                "label": names[code],
                "inferred": False,
            }
            for code in spec_terms(town, spec)
        ],
    }
    if spec.place:
        graph["service_at_location"].append(
            {
                "id": part("at", spec.place),
                "service_id": sid,
                "location_id": location_id(spec.place),
            }
        )
    if spec.phone:
        graph["phone"].append(
            {
                "id": part("phone"),
                "service_id": sid,
                "number": spec.phone,
                "type": "voice",
                "description": "架空の電話番号です（つながりません）",
            }
        )
    return graph


def _schedule(spec: Spec, index: int) -> dict[str, Any]:
    h = spec.hours[index]
    return {
        "id": stable_id("demo", spec.key, "schedule", index),
        "service_id": service_id(spec.key),
        "freq": "MONTHLY" if h.nth else "WEEKLY",
        "wkst": "MO",
        "byday": f"{h.nth}{h.days[0]}" if h.nth else ",".join(h.days),
        "opens_at": h.opens,
        "closes_at": h.closes,
        "description": h.description,
        "timezone": JST_OFFSET,
    }


def _check_terms(town: Town, names: dict[str, str]) -> None:
    """Fail early on a typo in the catalogue, or when the taxonomy is not loaded."""
    for spec in town.specs:
        unknown = [code for code in spec_terms(town, spec) if code not in names]
        if unknown:
            raise ValueError(f"demo service {spec.key}: unknown terms {unknown}")
    if TaxonomyTerm.objects.filter(code__in=list(names)).count() < len(names):
        raise RuntimeError("The taxonomy is not loaded yet: run `tsunagari load_reference` first.")
