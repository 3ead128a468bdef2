"""HSDS 3.0 as a JSON array of service objects (what ``tsunagari export hsds`` writes as
``services.json``, and what other HSDS publishers offer).

The file is parsed one element at a time (ijson), so its size does not matter. Each
service becomes one complete graph: the service and every object nested in it, with
ids kept. A nested object without the field that links it to its parent (the official
examples leave them out) gets it from where it is nested."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson

from ..hsds import BY_NAME, CellError, Table, to_python
from ..hsds_nesting import Nest, has_attributes, has_metadata, nests_of
from ..ids import stable_id
from ..services import Graph
from .base import ImportContext, ImportProblem, SourceInfo
from .hsds_tabular import descriptor_source_info

BOM = b"\xef\xbb\xbf"
# Keys that only an HSDS service has, beside id and name.
SERVICE_KEYS = {"status", "organization", "organization_id", "service_at_locations"}
ATTRIBUTES = Nest("attributes", "attribute", "link_id", True)
METADATA = Nest("metadata", "metadata", "resource_id", True)
# What a nested attribute or metadata record says about its parent, when it does not.
PARENT_TYPE_FIELD = {"attribute": "link_entity", "metadata": "resource_type"}


class _Builder:
    """Turns one service object into a graph; knows the file and element for errors."""

    def __init__(self, file: str, row: int) -> None:
        self.file = file
        self.row = row
        self.rows: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}

    def problem(self, path: str, reason: str) -> ImportProblem:
        return ImportProblem(reason, file=self.file, row=self.row, column=path or None)

    def graph(self) -> Graph:
        return {name: list(rows.values()) for name, rows in self.rows.items()}

    def add(
        self, table: Table, obj: Any, path: str, given: dict[str, Any], fallback_id: str
    ) -> uuid.UUID:
        """Add ``obj`` (and what it nests) as a row of ``table``; returns its id.
        ``given``: linking fields from the parent, used when ``obj`` lacks them."""
        if not isinstance(obj, dict):
            raise self.problem(path, f"expected an object ({table.name}), got {_kind(obj)}")
        prefix = f"{path}." if path else ""
        if obj.get("id") in (None, ""):
            if not path:
                raise self.problem("id", "a service needs an id")
            # Nested objects of other publishers sometimes have none: derive a stable one.
            obj = {**obj, "id": str(stable_id("hsds", fallback_id, path))}
        values = dict(obj)
        for name, value in given.items():
            if values.get(name) in (None, ""):
                values[name] = value
        own_id = self._convert(table, "id", values["id"], prefix)
        # Objects this one points to (its organization, its location, its term) first:
        # their ids fill this object's linking field when it is missing.
        for nest in nests_of(table.name):
            if nest.many or obj.get(nest.key) is None:
                continue
            inherited = {f: values[f] for f in nest.inherit if values.get(f) not in (None, "")}
            target = self.add(
                BY_NAME[nest.table],
                obj[nest.key],
                prefix + nest.key,
                inherited,
                f"{own_id}:{nest.key}",
            )
            if values.get(nest.fk) in (None, ""):
                values[nest.fk] = str(target)
            elif self._convert(table, nest.fk, values[nest.fk], prefix) != target:
                raise self.problem(
                    prefix + nest.fk, f"{values[nest.fk]} differs from {nest.key}.id {target}"
                )
        row: dict[str, Any] = {}
        for name in table.all_fields:
            value = values.get(name)
            if name == "last_modified" and value in (None, ""):
                continue  # not stated: the writer records when we learned it
            row[name] = self._convert(table, name, value, prefix)
        self._store(table, row)
        many = [n for n in nests_of(table.name) if n.many]
        if has_attributes(table.name):
            many.append(ATTRIBUTES)
        if has_metadata(table.name):
            many.append(METADATA)
        for nest in many:
            children = obj.get(nest.key)
            if children is None:
                continue
            if not isinstance(children, list):
                raise self.problem(prefix + nest.key, f"expected an array, got {_kind(children)}")
            given_child: dict[str, Any] = {nest.fk: str(own_id)}
            if nest.table in PARENT_TYPE_FIELD:
                given_child[PARENT_TYPE_FIELD[nest.table]] = table.name
            for index, child in enumerate(children):
                self.add(
                    BY_NAME[nest.table],
                    child,
                    f"{prefix}{nest.key}[{index}]",
                    given_child,
                    f"{own_id}:{nest.key}:{index}",
                )
        return own_id

    def _convert(self, table: Table, name: str, value: Any, prefix: str) -> Any:
        if isinstance(value, dict | list):
            raise self.problem(prefix + name, f"expected a single value, got {_kind(value)}")
        try:
            return to_python(table, name, value)
        except CellError as exc:
            raise self.problem(prefix + exc.column, exc.reason) from exc

    def _store(self, table: Table, row: dict[str, Any]) -> None:
        """Keep one row per id. The same object nested in two places (a phone of a
        service and of its contact) is merged: a field empty in one copy takes the
        other's value."""
        rows = self.rows.setdefault(table.name, {})
        earlier = rows.get(row["id"])
        if earlier is None:
            rows[row["id"]] = row
            return
        for name, value in row.items():
            if earlier.get(name) in (None, "") and value not in (None, ""):
                earlier[name] = value


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return repr(value)


def graph_from_service(obj: Any, *, file: str, row: int) -> Graph:
    """One HSDS service object as a graph; ImportProblem names the element and path."""
    builder = _Builder(file, row)
    builder.add(BY_NAME["service"], obj, "", {}, "")
    return builder.graph()


def _open(path: Path) -> io.BufferedReader:
    f = path.open("rb")
    if f.read(3) != BOM:
        f.seek(0)
    return f


def _first_element_keys(head: str) -> set[str]:
    """Top-level keys of the first element of a JSON array (from the file's head)."""
    keys: set[str] = set()
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head.encode("utf-8"))):
            if prefix == "item" and event == "map_key":
                keys.add(value)
            elif prefix == "item" and event == "end_map":
                break
    except ijson.JSONError:
        pass  # the head ends mid-document; what was read is enough
    return keys


class HsdsJsonFormat:
    name = "hsds:json"
    label = "HSDS 3.0 サービス (JSON 配列) / HSDS 3.0 services (JSON array)"
    complete_records = True

    def sniff(self, path: Path, head: str) -> bool:
        if not head.lstrip("\ufeff \t\r\n").startswith("["):
            return False
        keys = _first_element_keys(head.lstrip("\ufeff"))
        return {"id", "name"} <= keys and bool(keys & SERVICE_KEYS)

    def source_info(self, path: Path) -> SourceInfo:
        # A JSON array has no room for provenance; a package descriptor beside it may.
        descriptor = path.parent / "datapackage.json"
        if descriptor.is_file():
            info = descriptor_source_info(descriptor)
            info.format = self.name
            return info
        return SourceInfo(format=self.name)

    def read(self, ctx: ImportContext) -> Iterator[Graph]:
        file = ctx.path.name
        index = 0
        with _open(ctx.path) as f:
            try:
                for index, element in enumerate(ijson.items(f, "item", use_float=True), 1):
                    ctx.rows_read = index
                    yield graph_from_service(element, file=file, row=index)
            except ijson.JSONError as exc:
                raise ImportProblem(
                    f"JSON として読めません (broken JSON): {exc}", file=file, row=index + 1
                ) from exc
            except UnicodeDecodeError as exc:
                raise ImportProblem(
                    "UTF-8 ではありません (JSON must be UTF-8)", file=file, row=index + 1
                ) from exc
