"""HSDS objects in the OpenAPI document.

Responses carry HSDS objects as plain dicts (built by the HSDS exporter, never copied
into pydantic models). Their schemas are the official compiled HSDS 3.0 schemas as
components (``data/hsds_components.json``, built by ``tests/api/hsds_components.py``),
with the Japan-profile fields declared beside the official ones. A pydantic field typed
``HsdsService`` etc. validates as "any object" and appears in the document as a ``$ref``
to its component (put in place by ``with_hsds_components``)."""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from tsunagari.directory.exporters.hsds.package import PROFILE_FIELDS, PROFILE_NOTE
from tsunagari.directory.hsds import TABLES

COMPONENTS_FILE = Path(__file__).resolve().parent / "data" / "hsds_components.json"
MARKER = "x-tsunagari-hsds"


def component_name(table: str) -> str:
    return "Hsds" + "".join(part.title() for part in table.split("_"))


@functools.cache
def hsds_components() -> dict[str, Any]:
    """The HSDS component schemas, with each table's Japan-profile fields added."""
    components: dict[str, Any] = json.loads(COMPONENTS_FILE.read_text(encoding="utf-8"))
    for table in TABLES:
        properties = components[component_name(table.name)]["properties"]
        for name in table.profile_fields:
            descriptor = PROFILE_FIELDS[name]
            properties[name] = {
                "type": descriptor["type"],
                "description": PROFILE_NOTE + descriptor["description"],
            }
    return components


class HsdsObject(dict[str, Any]):
    """An HSDS object of ``table`` as built by the exporter (passed through unchanged)."""

    table = ""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.dict_schema()

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {MARKER: component_name(cls.table)}


class HsdsService(HsdsObject):
    table = "service"


class HsdsOrganization(HsdsObject):
    table = "organization"


class HsdsServiceAtLocation(HsdsObject):
    table = "service_at_location"


class HsdsTaxonomy(HsdsObject):
    table = "taxonomy"


class HsdsTaxonomyTerm(HsdsObject):
    table = "taxonomy_term"


def with_hsds_components(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with every HSDS marker replaced by a ``$ref`` and the HSDS
    components added (only when a marker was found, so the document stays valid)."""
    found = False

    def replace(node: Any) -> Any:
        nonlocal found
        if isinstance(node, dict):
            if MARKER in node:
                found = True
                return {"$ref": f"#/components/schemas/{node[MARKER]}"}
            return {key: replace(value) for key, value in node.items()}
        if isinstance(node, list):
            return [replace(item) for item in node]
        return node

    result: dict[str, Any] = replace(document)
    if found:
        schemas = result.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(copy.deepcopy(hsds_components()))
    return result


class HsdsServiceHit(HsdsObject):
    """A service in a search result: the HSDS list shape of a service, with where the
    search found it (distance from ``proximity``) and whether it is open."""

    table = "service"

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "allOf": [{MARKER: component_name("service")}],
            "properties": {
                "distance_km": {
                    "type": "number",
                    "description": "Japan profile (tsunagari): distance in km from the "
                    "proximity point to the service's nearest location.",
                },
                "open_now": {
                    "type": ["boolean", "null"],
                    "description": "Japan profile (tsunagari): open at open_at (or now); "
                    "null when the hours are unknown.",
                },
            },
        }
