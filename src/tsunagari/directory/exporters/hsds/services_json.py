"""Full HSDS 3.0 service objects, built a chunk of services at a time.

A chunk costs about thirty queries whatever its size (one per nested table, with ids in
batches), and only the chunk is in memory, so a directory of any size streams out.
Objects are ordered by id everywhere, so the same data always gives the same bytes."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...hsds import BY_NAME, TABLES, Table, to_hsds
from ...hsds_nesting import NESTS, has_attributes, has_metadata, nests_of
from .package import required_fields

JsonObject = dict[str, Any]
ID_BATCH = 500  # ids per IN (...) list: well below every backend's parameter limit


def _fetch(table: Table, field: str, keys: Collection[Any]) -> list[tuple[Any, ...]]:
    """Rows of ``table`` whose ``field`` is one of ``keys``, in id order."""
    attnames = [table.attname(f) for f in table.all_fields]
    lookup = f"{table.attname(field)}__in"
    key_list = sorted(keys)
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(key_list), ID_BATCH):
        batch = key_list[start : start + ID_BATCH]
        rows.extend(
            table.model._default_manager.filter(**{lookup: batch}).order_by().values_list(*attnames)
        )
    rows.sort(key=lambda r: r[0])  # UUIDs sort as their text does
    return rows


def _json_object(table: Table, values: tuple[Any, ...]) -> JsonObject:
    """The fields of one row: nulls left out, and empty text unless the field is required
    (an empty ``url`` or ``email`` would fail the schema's format checks)."""
    required = required_fields(table.name)
    obj: JsonObject = {}
    for name, value in zip(table.all_fields, values, strict=True):
        if value is None or (value == "" and name not in required):
            continue
        obj[name] = to_hsds(value)
    return obj


@dataclass(frozen=True)
class _Links:
    """What this directory links at all, found once per export: which nested tables have
    rows, and which tables' objects carry attributes and metadata. Most directories have
    services, locations, addresses, phones and schedules, terms on services and no
    metadata; looking up the rest for every object would triple the work of an export."""

    nests: frozenset[tuple[str, str]]  # (child table, linking field) with rows
    attributes: frozenset[str]
    metadata: frozenset[str]

    @classmethod
    def survey(cls) -> _Links:
        pairs = {
            (n.table, n.fk) for nests in NESTS.values() for n in nests if n.many and n.exported
        }
        used = {
            (table, fk)
            for table, fk in pairs
            if BY_NAME[table]
            .model._default_manager.filter(**{f"{BY_NAME[table].attname(fk)}__isnull": False})
            .exists()
        }
        return cls(
            frozenset(used),
            _linked_tables("attribute", "link_entity", has_attributes),
            _linked_tables("metadata", "resource_type", has_metadata),
        )

    @classmethod
    def everything(cls) -> _Links:
        """Look for every link: cheaper than ``survey()`` for a handful of objects."""
        return cls(
            frozenset((n.table, n.fk) for nests in NESTS.values() for n in nests if n.many),
            frozenset(t.name for t in TABLES if has_attributes(t.name)),
            frozenset(t.name for t in TABLES if has_metadata(t.name)),
        )


def _linked_tables(table: str, field: str, applies: Callable[[str], bool]) -> frozenset[str]:
    candidates = frozenset(t.name for t in TABLES if applies(t.name))
    manager = BY_NAME[table].model._default_manager
    named = set(manager.order_by().values_list(field, flat=True).distinct())
    # A name that is not a table (free text from another publisher): look everywhere.
    return frozenset(named) if named <= candidates else candidates


class _TermCache:
    """Taxonomy terms with their taxonomy, built once per export: a few hundred terms are
    shared by every service."""

    def __init__(self, links: _Links) -> None:
        self.links = links
        self.terms: dict[str, JsonObject] = {}

    def get(self, ids: set[str]) -> dict[str, JsonObject]:
        missing = ids - self.terms.keys()
        if missing:
            self._load(missing)
        return {i: self.terms[i] for i in ids if i in self.terms}

    def _load(self, ids: set[str]) -> None:
        term_table, taxonomy_table = BY_NAME["taxonomy_term"], BY_NAME["taxonomy"]
        terms = [_json_object(term_table, v) for v in _fetch(term_table, "id", ids)]
        taxonomy_ids = {t["taxonomy_id"] for t in terms if "taxonomy_id" in t}
        taxonomies = {
            o["id"]: o
            for o in (
                _json_object(taxonomy_table, v) for v in _fetch(taxonomy_table, "id", taxonomy_ids)
            )
        }
        _attach_metadata(
            (terms if "taxonomy_term" in self.links.metadata else [])
            + (list(taxonomies.values()) if "taxonomy" in self.links.metadata else [])
        )
        for term in terms:
            taxonomy = taxonomies.get(term.get("taxonomy_id", ""))
            if taxonomy is not None:
                # Keep the schema's order: fields, taxonomy_detail, metadata.
                metadata = term.pop("metadata", None)
                term["taxonomy_detail"] = taxonomy
                if metadata is not None:
                    term["metadata"] = metadata
            self.terms[term["id"]] = term


def _attach_metadata(objects: list[JsonObject]) -> None:
    table = BY_NAME["metadata"]
    by_id: dict[str, list[JsonObject]] = defaultdict(list)
    for obj in objects:
        by_id[obj["id"]].append(obj)
    if not by_id:
        return
    groups: dict[str, list[JsonObject]] = defaultdict(list)
    for values in _fetch(table, "resource_id", by_id.keys()):
        record = _json_object(table, values)
        groups[record["resource_id"]].append(record)
    for resource_id, records in groups.items():
        for obj in by_id[resource_id]:
            obj["metadata"] = records


class _Chunk:
    """Builds the service objects of one chunk. An object reached twice (a location
    shared by two services, a phone of both a service and a contact) is built once."""

    def __init__(self, terms: _TermCache) -> None:
        self.terms = terms
        self.links = terms.links
        self.seen: dict[str, dict[str, JsonObject]] = defaultdict(dict)
        # The stored UUID of every id built: lookups by UUID skip parsing text again.
        self.uuids: dict[str, uuid.UUID] = {}

    def services(self, ids: Collection[Any]) -> list[JsonObject]:
        return self.objects(BY_NAME["service"], ids)

    def objects(self, table: Table, ids: Collection[Any]) -> list[JsonObject]:
        """Full objects of ``table`` with these ids, in id order."""
        objects = self._objects(table, _fetch(table, "id", ids))[0]
        self._attach(table, objects)
        self._attach_attributes()
        _attach_metadata(
            [
                obj
                for name, objs in self.seen.items()
                if name in self.links.metadata
                for obj in objs.values()
            ]
        )
        return objects

    def _objects(
        self, table: Table, rows: list[tuple[Any, ...]]
    ) -> tuple[list[JsonObject], list[JsonObject]]:
        """(every object of ``rows``, those not built before in this chunk)."""
        seen = self.seen[table.name]
        objects, new = [], []
        for values in rows:
            key = str(values[0])
            obj = seen.get(key)
            if obj is None:
                obj = seen[key] = _json_object(table, values)
                self.uuids[key] = values[0]
                new.append(obj)
            objects.append(obj)
        return objects, new

    def _attach(self, table: Table, parents: list[JsonObject]) -> None:
        """Nest the children and referenced objects of freshly built ``parents``."""
        if not parents:
            return
        for nest in nests_of(table.name):
            if not nest.exported:
                continue
            child_table = BY_NAME[nest.table]
            if nest.many:
                if (nest.table, nest.fk) not in self.links.nests:
                    continue
                keys = {self.uuids[p["id"]] for p in parents}
                children, new = self._objects(child_table, _fetch(child_table, nest.fk, keys))
                self._attach(child_table, new)
                groups: dict[str, list[JsonObject]] = defaultdict(list)
                for child in children:
                    groups[child[nest.fk]].append(child)
                for parent in parents:
                    if parent["id"] in groups:
                        parent[nest.key] = groups[parent["id"]]
            else:
                keys = {uuid.UUID(p[nest.fk]) for p in parents if nest.fk in p}
                found, new = self._objects(child_table, _fetch(child_table, "id", keys))
                self._attach(child_table, new)
                by_id = {o["id"]: o for o in found}
                for parent in parents:
                    if parent.get(nest.fk) in by_id:
                        parent[nest.key] = by_id[parent[nest.fk]]

    def _attach_attributes(self) -> None:
        table = BY_NAME["attribute"]
        linked = {
            key: obj
            for name, objs in self.seen.items()
            if name in self.links.attributes
            for key, obj in objs.items()
        }
        keys = [self.uuids[key] for key in linked]
        attributes = self._objects(table, _fetch(table, "link_id", keys))[0]
        terms = self.terms.get({a["taxonomy_term_id"] for a in attributes})
        groups: dict[str, list[JsonObject]] = defaultdict(list)
        for attribute in attributes:
            term = terms.get(attribute["taxonomy_term_id"])
            if term is not None:
                attribute["taxonomy_term"] = term
            groups[attribute["link_id"]].append(attribute)
        for key, group in groups.items():
            linked[key]["attributes"] = group


def iter_service_objects(*, chunk_size: int = 500) -> Iterator[JsonObject]:
    """Every service as a full HSDS object, in id order, ``chunk_size`` at a time."""
    service = BY_NAME["service"].model._default_manager
    terms = _TermCache(_Links.survey())
    last = None
    while True:
        query = service.order_by("id")
        if last is not None:
            query = query.filter(id__gt=last)
        ids = list(query.values_list("id", flat=True)[:chunk_size])
        if not ids:
            return
        yield from _Chunk(terms).services(ids)
        last = ids[-1]


def hsds_objects(table: str, ids: Collection[uuid.UUID]) -> list[JsonObject]:
    """Full HSDS objects of ``table`` (a service, an organization, ...) with these ids, in
    id order, nested exactly as the export nests them. For a few objects (an API
    response): about thirty small queries."""
    return _Chunk(_TermCache(_Links.everything())).objects(BY_NAME[table], ids)


def hsds_list_objects(table: str, ids: Collection[uuid.UUID]) -> list[JsonObject]:
    """HSDS objects of ``table`` with their own fields and, for each one-to-one link, the
    linked object's own fields (a service's organization and program) — the shape of the
    HSDS API's list responses. In id order."""
    main = BY_NAME[table]
    objects = [_json_object(main, values) for values in _fetch(main, "id", ids)]
    for nest in nests_of(table):
        if nest.many:
            continue
        linked = BY_NAME[nest.table]
        keys = {uuid.UUID(o[nest.fk]) for o in objects if nest.fk in o}
        by_id = {str(v[0]): _json_object(linked, v) for v in _fetch(linked, "id", keys)}
        for obj in objects:
            if obj.get(nest.fk) in by_id:
                obj[nest.key] = by_id[obj[nest.fk]]
    return objects


def write_services_json(path: Path, *, chunk_size: int = 500) -> int:
    """Write every service as a JSON array, one service per line; returns the count."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("[")
        for obj in iter_service_objects(chunk_size=chunk_size):
            out.write(",\n" if count else "\n")
            out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
            count += 1
        out.write("\n]\n" if count else "]\n")
    return count
