"""Builds ``src/tsunagari/api/data/hsds_components.json``: the official compiled HSDS 3.0
schemas (``tests/fixtures/hsds-3.0/compiled``) as lean OpenAPI components, one per table
(``HsdsService``, ``HsdsPhone``, ...) linked by ``$ref`` instead of repeated inline.

The compiled schemas repeat every nested table wherever it appears (2–3 MB each); the
components keep each table once with the keywords that validate (type, format, enum,
required) and the field descriptions. ``test_hsds_components_are_up_to_date`` fails when
the committed file differs; regenerate with ``python -m tests.api.hsds_components``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
COMPILED = ROOT / "tests" / "fixtures" / "hsds-3.0" / "compiled"
TARGET = ROOT / "src" / "tsunagari" / "api" / "data" / "hsds_components.json"
SOURCES = ("service.json", "organization.json", "service_at_location.json")
KEPT = ("type", "format", "enum", "description")


def component_name(table: str) -> str:
    return "Hsds" + "".join(part.title() for part in table.split("_"))


def _lean(schema: dict[str, Any], components: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A property schema without documentation-only keywords; a nested table becomes a
    ``$ref`` (and a component, merged with what other occurrences showed)."""
    if "properties" in schema and "name" in schema:
        _register(schema, components)
        return {"$ref": f"#/components/schemas/{component_name(schema['name'])}"}
    lean = {key: schema[key] for key in KEPT if key in schema}
    if "items" in schema:
        lean["items"] = _lean(schema["items"], components)
    return lean


def _register(schema: dict[str, Any], components: dict[str, dict[str, Any]]) -> None:
    name = component_name(schema["name"])
    component = components.setdefault(
        name,
        {
            "type": "object",
            "description": schema.get("description", ""),
            "required": list(schema.get("required", [])),
            "properties": {},
        },
    )
    for key, prop in schema["properties"].items():
        if key not in component["properties"]:
            component["properties"][key] = {}  # reserve the official order before recursing
            component["properties"][key] = _lean(prop, components)


def build() -> dict[str, dict[str, Any]]:
    components: dict[str, dict[str, Any]] = {}
    for file_name in SOURCES:
        _register(json.loads((COMPILED / file_name).read_text(encoding="utf-8")), components)
    return dict(sorted(components.items()))


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
