"""HSDS 3.0 as a tabular data package: ``datapackage.json`` and one CSV per table (what
``tsunagari export hsds`` writes, and the official tabular shape).

Tables are read in dependency order (``hsds.TABLES``), each CSV row by row, and every
row is upserted on its own: a package may hold only some tables or some columns, so
nothing absent from it is deleted (``complete_records = False``)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from ..hsds import TABLES, CellError, Table, to_python
from ..services import Graph
from .base import ImportContext, ImportProblem, SourceInfo

# Official resources that tsunagari does not store.
NOT_STORED = {"meta_table_description"}


def load_descriptor(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8-sig") as f:
            descriptor = json.load(f)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportProblem(
            f"datapackage.json として読めません (broken JSON): {exc}", file=path.name
        ) from exc
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise ImportProblem("resources の一覧がありません (no resources list)", file=path.name)
    return descriptor


def _licence(descriptor: dict[str, Any]) -> tuple[str, str]:
    """(name, url) of the data's licence: frictionless ``licenses`` or HSDS ``license``."""
    licences = descriptor.get("licenses")
    first = licences[0] if isinstance(licences, list) and licences else descriptor.get("license")
    if not isinstance(first, dict):
        return "", ""
    name = first.get("title") or first.get("name") or first.get("type") or ""
    url = first.get("path") or first.get("url") or ""
    return str(name), str(url)


def descriptor_source_info(path: Path) -> SourceInfo:
    """Publisher and licence, as far as the package descriptor says."""
    try:
        descriptor = load_descriptor(path)
    except ImportProblem:
        return SourceInfo(format=HsdsTabularFormat.name)
    publisher = descriptor.get("publisher") or ""
    for contributor in descriptor.get("contributors") or []:
        if isinstance(contributor, dict) and contributor.get("role") == "publisher":
            publisher = contributor.get("title") or publisher
    licence, licence_url = _licence(descriptor)
    return SourceInfo(
        format=HsdsTabularFormat.name,
        publisher=str(publisher),
        licence=licence,
        licence_url=licence_url if licence_url.startswith(("http://", "https://")) else "",
        source_url=str(descriptor.get("homepage") or ""),
    )


def _resource_file(package: Path, resource: dict[str, Any], table: Table) -> Path:
    raw = resource.get("path") or table.path
    relative = PurePosixPath(str(raw))
    if not isinstance(raw, str) or "://" in raw or relative.is_absolute() or ".." in relative.parts:
        raise ImportProblem(
            f"resource {table.name} の path {raw!r} はパッケージ内のファイルではありません "
            "(path must be a file inside the package)",
            file=package.name,
        )
    return package.parent / relative


class HsdsTabularFormat:
    name = "hsds:tabular"
    label = "HSDS 3.0 表形式データパッケージ / HSDS 3.0 tabular data package"
    complete_records = False

    def sniff(self, path: Path, head: str) -> bool:
        # Cheap checks first: only a package descriptor is parsed whole.
        if not head.lstrip("\ufeff \t\r\n").startswith("{") or '"resources"' not in head:
            return False
        try:
            descriptor = load_descriptor(path)
        except ImportProblem:
            return False
        names = {r.get("name") for r in descriptor["resources"] if isinstance(r, dict)}
        return bool(names & {"service", "organization"})

    def source_info(self, path: Path) -> SourceInfo:
        return descriptor_source_info(path)

    def read(self, ctx: ImportContext) -> Iterator[Graph]:
        descriptor = load_descriptor(ctx.path)
        resources = {
            r["name"]: r for r in descriptor["resources"] if isinstance(r, dict) and "name" in r
        }
        known = {t.name for t in TABLES}
        for name in sorted(set(resources) - known - NOT_STORED):
            ctx.notes.append(f"resource {name} は取り込みません (not an HSDS table; skipped)")
        for table in TABLES:
            resource = resources.get(table.name)
            if resource is None:
                continue
            csv_path = _resource_file(ctx.path, resource, table)
            if not csv_path.is_file():
                raise ImportProblem(
                    "datapackage.json にあるファイルが見つかりません (declared but missing)",
                    file=csv_path.name,
                )
            schema = resource.get("schema")
            fields = schema.get("fields") if isinstance(schema, dict) else None
            declared = {f.get("name") for f in fields or [] if isinstance(f, dict)}
            yield from _read_csv(ctx, table, csv_path, declared)


def _read_csv(ctx: ImportContext, table: Table, path: Path, declared: set[Any]) -> Iterator[Graph]:
    file = path.name
    row_number = 1
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, strict=True)
        try:
            header = [h.strip() for h in next(reader, [])]
            columns = _columns(table, header, declared, file, ctx)
            for row_number, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue  # a blank line
                if len(cells) != len(header):
                    raise ImportProblem(
                        f"列の数が見出しと違います: {len(cells)} 列 (header has {len(header)} "
                        f"columns, this row {len(cells)})",
                        file=file,
                        row=row_number,
                    )
                row: dict[str, Any] = {}
                for index, name in columns:
                    try:
                        row[name] = to_python(table, name, cells[index])
                    except CellError as exc:
                        raise ImportProblem(
                            exc.reason, file=file, row=row_number, column=name
                        ) from exc
                if "last_modified" in row and row["last_modified"] is None:
                    del row["last_modified"]  # not stated: the writer records the import time
                ctx.rows_read += 1
                yield {table.name: [row]}
        except csv.Error as exc:
            raise ImportProblem(
                f"CSV の引用符が壊れています (broken CSV: {exc})", file=file, row=row_number + 1
            ) from exc
        except UnicodeDecodeError as exc:
            raise ImportProblem(
                "UTF-8 ではありません (data package CSV must be UTF-8)",
                file=file,
                row=row_number + 1,
            ) from exc


def _columns(
    table: Table, header: list[str], declared: set[Any], file: str, ctx: ImportContext
) -> list[tuple[int, str]]:
    """(position, field) of the columns to read. A column neither HSDS nor Japan profile
    is an error, unless the package declares it as its own extension (then skipped)."""
    known = set(table.all_fields)
    columns: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, name in enumerate(header):
        if name in seen:
            raise ImportProblem(
                "見出しが重複しています (duplicate column)", file=file, row=1, column=name
            )
        seen.add(name)
        if name in known:
            columns.append((index, name))
        elif name in declared:
            ctx.notes.append(f"{file}: column {name} (package extension) skipped")
        else:
            raise ImportProblem(
                f"{table.name} の列ではありません (unknown column for HSDS table {table.name})",
                file=file,
                row=1,
                column=name,
            )
    if "id" not in seen:
        raise ImportProblem(
            "id 列がありません (the id column is missing)", file=file, row=1, column="id"
        )
    return columns
