"""How the HSDS 3.0 tables nest inside a service object (the compiled ``service.json``
schema): which property holds which table, and which field links the two. The JSON
exporter and the JSON importer both walk this one description, so what one writes the
other reads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Nest:
    """A property of an HSDS object that holds objects of another table.

    ``many``: an array of children whose ``fk`` is the parent's id (``phones`` of a
    service have ``service_id``). Otherwise a single object that the parent's ``fk``
    points to (``organization`` of a service, via the service's ``organization_id``)."""

    key: str
    table: str
    fk: str
    many: bool
    # Fields a nested object takes from its parent when it lacks them (a program inside a
    # service belongs to the service's organization).
    inherit: tuple[str, ...] = ()
    # False: read on import, not written on export (see ORGANIZATION_LOCATIONS).
    exported: bool = True


def _children(fk: str, *keys_tables: tuple[str, str]) -> tuple[Nest, ...]:
    return tuple(Nest(key, child, fk, True) for key, child in keys_tables)


# An organization's locations would repeat every location of a large organization inside
# each of its services (a national body with thousands of sites); the export leaves them
# out — locations reach the JSON through service_at_locations, and all of them through
# the tabular package. The importer accepts them.
ORGANIZATION_LOCATIONS = Nest("locations", "location", "organization_id", True, exported=False)

# Property order follows the compiled schema, so the export reads like the standard.
NESTS: dict[str, tuple[Nest, ...]] = {
    "service": (
        Nest("phones", "phone", "service_id", True),
        Nest("schedules", "schedule", "service_id", True),
        Nest("service_areas", "service_area", "service_id", True),
        Nest("service_at_locations", "service_at_location", "service_id", True),
        Nest("languages", "language", "service_id", True),
        Nest("organization", "organization", "organization_id", False),
        Nest("funding", "funding", "service_id", True),
        Nest("cost_options", "cost_option", "service_id", True),
        Nest("program", "program", "program_id", False, inherit=("organization_id",)),
        Nest("required_documents", "required_document", "service_id", True),
        Nest("contacts", "contact", "service_id", True),
    ),
    "phone": _children("phone_id", ("languages", "language")),
    "contact": _children("contact_id", ("phones", "phone")),
    "service_at_location": (
        Nest("contacts", "contact", "service_at_location_id", True),
        Nest("phones", "phone", "service_at_location_id", True),
        Nest("schedules", "schedule", "service_at_location_id", True),
        Nest("location", "location", "location_id", False),
    ),
    "location": _children(
        "location_id",
        ("languages", "language"),
        ("addresses", "address"),
        ("contacts", "contact"),
        ("accessibility", "accessibility"),
        ("phones", "phone"),
        ("schedules", "schedule"),
    ),
    "organization": (
        Nest("funding", "funding", "organization_id", True),
        Nest("contacts", "contact", "organization_id", True),
        Nest("phones", "phone", "organization_id", True),
        ORGANIZATION_LOCATIONS,
        Nest("programs", "program", "organization_id", True),
        Nest("organization_identifiers", "organization_identifier", "organization_id", True),
    ),
    "attribute": (Nest("taxonomy_term", "taxonomy_term", "taxonomy_term_id", False),),
    "taxonomy_term": (Nest("taxonomy_detail", "taxonomy", "taxonomy_id", False),),
}

# Every object carries ``attributes`` (taxonomy terms linked by link_id) except these;
# every object except metadata carries ``metadata`` (change records by resource_id).
NO_ATTRIBUTES = frozenset({"attribute", "metadata", "taxonomy_term", "taxonomy"})
NO_METADATA = frozenset({"metadata"})


def nests_of(table: str) -> tuple[Nest, ...]:
    return NESTS.get(table, ())


def has_attributes(table: str) -> bool:
    return table not in NO_ATTRIBUTES


def has_metadata(table: str) -> bool:
    return table not in NO_METADATA
