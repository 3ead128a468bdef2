"""Inferred terms and search documents worked out from the graphs themselves, before
they are written, for services whose rows are all new.

``refresh.py`` derives both from what the database holds after a write: it reads each
batch back (seven queries), works, writes. On a first import that read is of rows just
written, whose values the importer still holds. ``Deriver`` builds, from a batch of
graphs, the same rows those queries would return once the graphs are stored
(``inference.facts.fact_rows``, ``inference.attributes_read`` and
``search.index.draft_input``) and hands them to the same ``batch_plan`` and
``drafts_from``. The reader does this (in its child process for a large file), so the
writer only inserts the result.

It is only right when the stored rows of a service are exactly its graph. Two parts
make sure of that:

* here, only graphs of formats whose parts belong to their service alone
  (``Format.own_parts``: part ids derive from the service id) are derived, and only
  graphs of the simple shape those formats build (one place, every part pointing at
  this service, its place or its organisation, the organisation in the graph);
* the writer (``services.DirectoryWriter``) uses a derivation only for a record whose
  rows were all created by this write and met no other row of the same id with other
  values; anything else (a re-import, a service twice in one file) is refreshed from
  the database as before. An organisation whose name a later row changes has all its
  services refreshed at the end.

A test imports every sample file both ways and compares the stored results."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tsunagari.core.bulk import defaults

from .hsds import BY_NAME
from .inference import BatchInput, batch_plan, default_matcher, is_inferred_label, term_ids_read
from .inference.facts import FactRows, RawId, raw_id
from .models import Service

Row = dict[str, Any]
Graph = dict[str, list[Row]]

# What the derivation reads of each table (HSDS names), for the defaults of absent fields.
_TABLES = (
    "service",
    "organization",
    "location",
    "service_at_location",
    "address",
    "phone",
    "schedule",
    "attribute",
)
_SCHEDULE_FIELDS = (
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
_FACT_QUERIES = (
    "services",
    "schedules",
    "schedules_at",
    "phones",
    "phones_at",
    "phones_of_location",
    "in_person",
)


@dataclass
class Derived:
    """What one new service needs besides its own rows."""

    inferred: list[tuple[Any, ...]]  # attribute rows, in inference.COLUMNS order
    draft: Any  # its search document (search.index.Draft), None when it is not public


class Deriver:
    """Built where the database can be read (term ids), then called without it."""

    def __init__(self) -> None:
        self.matcher = default_matcher()
        self.term_ids = term_ids_read()
        self.defaults = {name: _hsds_defaults(name) for name in _TABLES}
        self._terms: dict[uuid.UUID, RawId] = {}  # term id -> raw id (a few dozen)

    def __call__(self, graphs: Sequence[Graph]) -> dict[RawId, Derived]:
        from tsunagari.search.index import DraftInput, drafts_from

        facts: FactRows = {query: [] for query in _FACT_QUERIES}
        attributes: list[tuple[Any, ...]] = []
        found = DraftInput([], {}, {}, {})
        for graph in graphs:
            if self.term_ids:
                self._add(graph, facts, attributes, found)
        if not facts["services"]:
            return {}
        plan = batch_plan(BatchInput(facts, attributes), self.matcher, self.term_ids)
        inferred: dict[RawId, list[tuple[Any, ...]]] = defaultdict(list)
        for row in plan.to_create:
            inferred[row[1]].append(row)
        drafts = {d.values[0]: d.packed() for d in drafts_from(found, plan.codes)}
        # A service twice in one batch mixes both graphs' rows: the writer refreshes it.
        seen = Counter(row[0] for row in facts["services"])
        return {
            sid: Derived(inferred.get(sid, []), drafts.get(sid))
            for sid, count in seen.items()
            if count == 1
        }

    def _term(self, term: uuid.UUID) -> RawId:
        found = self._terms.get(term)
        if found is None:
            found = self._terms[term] = raw_id(term)
        return found

    def _full(self, table: str, row: Row) -> Row:
        return {**self.defaults[table], **row}

    def _add(
        self, graph: Graph, facts: FactRows, attributes: list[tuple[Any, ...]], found: Any
    ) -> None:
        """Add the rows the queries would return for this graph's service, if the graph
        has the simple shape (else nothing: the writer refreshes it from the database)."""
        shape = _simple(graph)
        if shape is None:
            return
        full = self._full
        service = full("service", graph["service"][0])
        sal = full("service_at_location", graph["service_at_location"][0]) if shape.sal else None
        location = full("location", graph["location"][0]) if shape.location else None
        sid = raw_id(service["id"])
        sal_id = sal["id"] if sal else None
        location_id = sal["location_id"] if sal else None
        facts["services"].append(
            (
                sid,
                service["name"],
                service["alternate_name"],
                service["description"],
                service["eligibility_description"],
                service["application_process"],
                service["fees_description"],
                service["interpretation_services"],
            )
        )
        mine, at = [], []
        for row in graph.get("schedule", ()):
            schedule = full("schedule", row)
            hours = (
                schedule["byday"],
                schedule["freq"],
                schedule["opens_at"],
                schedule["closes_at"],
                schedule["description"],
                schedule["notes"],
            )
            every = tuple(schedule[f] for f in _SCHEDULE_FIELDS)
            if schedule["service_id"] == service["id"]:
                facts["schedules"].append((sid, *hours))
                mine.append(every)
            if sal_id is not None and schedule["service_at_location_id"] == sal_id:
                facts["schedules_at"].append((sid, *hours))
                at.append(every)
        for row in graph.get("phone", ()):
            phone = full("phone", row)
            number, description = phone["number"], phone["description"]
            if phone["service_id"] == service["id"]:
                facts["phones"].append((sid, number, description))
            if sal_id is not None and phone["service_at_location_id"] == sal_id:
                facts["phones_at"].append((sid, number, description))
            if location_id is not None and phone["location_id"] == location_id:
                facts["phones_of_location"].append((sid, number, description))
        lines: list[str] = []
        if location is not None:
            for row in graph.get("address", ()):
                address = full("address", row)
                if address["location_id"] == location_id:
                    parts = ("state_province", "city", "address_1", "address_2")
                    lines.append("".join(address[p] for p in parts if address[p]))
            if location["location_type"] == "physical" and (
                location["latitude"] is not None or lines
            ):
                facts["in_person"].append((sid,))
        defaults = self.defaults["attribute"]
        for row in graph.get("attribute", ()):
            entity = row.get("link_entity", defaults["link_entity"])
            if entity == "service" and row.get("link_id") == service["id"]:
                label = str(row.get("label", defaults["label"]))
                inferred = row.get("inferred", defaults["inferred"])
                attributes.append(
                    (
                        # Only a row inference owns is matched by its id (batch_plan).
                        raw_id(row["id"]) if inferred and is_inferred_label(label) else None,
                        sid,
                        self._term(row["taxonomy_term_id"]),
                        label,
                        inferred,
                    )
                )
        if service["status"] != Service.Status.ACTIVE:
            return  # no search document
        organization = graph["organization"][0]["name"] if shape.organization else None
        found.services.append(
            (
                sid,
                service["name"],
                service["name_kana"],
                service["alternate_name"],
                service["description"],
                service["eligibility_description"],
                service["municipality_code"],
                organization,
            )
        )
        if location is not None and location_id is not None:
            loc = raw_id(location_id)
            found.places[sid] = [
                (loc, location["name"], location["latitude"], location["longitude"])
            ]
            if lines:
                found.addresses[loc] = lines
        if mine or at:
            found.schedules[sid] = [*mine, *at]


@dataclass
class _Shape:
    sal: bool
    location: bool
    organization: bool


def _simple(graph: Graph) -> _Shape | None:
    """Which optional parts the graph has, when it has the shape derivation handles: one
    service; at most one place, linked to it; every part pointing at them; the
    organisation it names included. None otherwise."""
    services = graph.get("service", ())
    sals = graph.get("service_at_location", ())
    locations = graph.get("location", ())
    organizations = graph.get("organization", ())
    if len(services) != 1 or len(sals) > 1 or len(locations) > 1 or len(organizations) > 1:
        return None
    service = services[0]
    sid = service["id"]
    location_id = locations[0]["id"] if locations else None
    if sals and (sals[0].get("service_id") != sid or sals[0].get("location_id") != location_id):
        return None
    if locations and not sals:
        return None
    org_id = service.get("organization_id")
    if org_id is not None and not (organizations and organizations[0]["id"] == org_id):
        return None
    own = {sid, location_id, sals[0]["id"] if sals else None, None}  # None: no link
    for table in ("schedule", "phone"):
        for row in graph.get(table, ()):
            get = row.get
            if not (
                get("service_id") in own
                and get("location_id") in own
                and get("service_at_location_id") in own
            ):
                return None
    for row in graph.get("address", ()):
        if row.get("location_id") != location_id:
            return None
    return _Shape(sal=bool(sals), location=bool(locations), organization=org_id is not None)


def _hsds_defaults(table_name: str) -> Row:
    """The value each field of ``table_name`` gets when a graph leaves it out, by HSDS
    name (as the writer fills it in)."""
    table = BY_NAME[table_name]
    return {table.hsds_name(k): v for k, v in defaults(table.model).items()}
