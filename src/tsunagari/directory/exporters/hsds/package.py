"""The tabular data package descriptor: the official HSDS 3.0 ``datapackage.json`` with
the Japan-profile fields declared after the official fields of each resource, so a
consumer knows what the extra columns mean."""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

from ...hsds import BY_NAME
from ...reference import DATA_DIR

OFFICIAL_DESCRIPTOR = DATA_DIR / "hsds-3.0" / "datapackage.json"
PROFILE_NOTE = "Japan profile (tsunagari), not part of HSDS 3.0. "

# Frictionless field descriptors of the Japan-profile columns, by field name (a name
# means the same thing in every table that has it).
PROFILE_FIELDS: dict[str, dict[str, Any]] = {
    "name_kana": {
        "type": "string",
        "title": "名称_カナ (reading)",
        "description": "The reading of the name in katakana, for kana search.",
    },
    "municipality_code": {
        "type": "string",
        "title": "全国地方公共団体コード",
        "description": "The 6-digit local government code (with check digit) of the "
        "municipality the record belongs to.",
        "constraints": {"pattern": "[0-9]{6}"},
    },
    "corporate_number": {
        "type": "string",
        "title": "法人番号",
        "description": "The 13-digit corporate number assigned by the National Tax Agency.",
        "constraints": {"pattern": "[0-9]{13}"},
    },
    "source_record_id": {
        "type": "string",
        "title": "元データのID",
        "description": "The record's id in the open-data file it was imported from.",
    },
    "machiaza_id": {
        "type": "string",
        "title": "町字ID",
        "description": "The town/district id of the Address Base Registry (アドレス・ベース・"
        "レジストリ).",
        "constraints": {"pattern": "[0-9]{7}"},
    },
    "label": {
        "type": "string",
        "title": "Label",
        "description": "A human-readable label of the attribute.",
    },
    "inferred": {
        "type": "boolean",
        "title": "Inferred",
        "description": "true when the term was derived by rule rather than stated by the "
        "publisher.",
    },
    "name_en": {
        "type": "string",
        "title": "English name",
        "description": "The term's name in English.",
    },
}


@functools.cache
def official_descriptor() -> dict[str, Any]:
    with OFFICIAL_DESCRIPTOR.open(encoding="utf-8") as f:
        descriptor: dict[str, Any] = json.load(f)
    return descriptor


@functools.cache
def required_fields(table: str) -> frozenset[str]:
    """Fields the official descriptor marks required: kept even when empty text."""
    for resource in official_descriptor()["resources"]:
        if resource["name"] == table:
            return frozenset(
                f["name"]
                for f in resource["schema"]["fields"]
                if f.get("constraints", {}).get("required")
            )
    return frozenset()


def package_descriptor(*, publisher: str = "", licence: str = "") -> dict[str, Any]:
    """Our descriptor: the official one, with profile fields appended to each resource.
    The official ``license`` and ``homepage`` are those of the specification, not of the
    data: they are dropped, and the data's licence and publisher named when given."""
    descriptor = copy.deepcopy(official_descriptor())
    descriptor.pop("license", None)
    descriptor.pop("homepage", None)
    descriptor["description"] = (
        "A directory exported by tsunagari in the shape of HSDS 3.0, with Japan-profile "
        "fields after the official fields of each resource."
    )
    if publisher:
        descriptor["contributors"] = [{"title": publisher, "role": "publisher"}]
    if licence:
        descriptor["licenses"] = [{"name": licence, "title": licence}]
    for resource in descriptor["resources"]:
        table = BY_NAME.get(resource["name"])
        if table is None:
            continue
        fields = resource["schema"]["fields"]
        if [f["name"] for f in fields] != list(table.fields):
            raise RuntimeError(f"hsds.TABLES and the official descriptor differ: {table.name}")
        for name in table.profile_fields:
            field = {"name": name, **copy.deepcopy(PROFILE_FIELDS[name])}
            field["description"] = PROFILE_NOTE + field["description"]
            fields.append(field)
    return descriptor
