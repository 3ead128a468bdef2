"""The HSDS 3.0 tabular data package: ``datapackage.json`` and one UTF-8 CSV per table,
official columns first, then the Japan-profile columns; a header row even when a table
is empty. Rows stream from the database in id order."""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from ...hsds import BY_NAME, to_hsds
from ...ids import stable_id
from .package import package_descriptor

ITERATOR_CHUNK = 2000


def csv_cell(value: Any) -> str:
    """A stored value as CSV text; ``hsds.to_python`` reads it back to the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, uuid.UUID | dt.date | dt.time):
        return str(to_hsds(value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_tabular(directory: Path, *, publisher: str = "", licence: str = "") -> dict[str, int]:
    """Write the package into ``directory``; returns rows written per table."""
    descriptor = package_descriptor(publisher=publisher, licence=licence)
    counts: dict[str, int] = {}
    for resource in descriptor["resources"]:
        header = [f["name"] for f in resource["schema"]["fields"]]
        with (directory / resource["path"]).open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            table = BY_NAME.get(resource["name"])
            if table is None:
                # meta_table_description: the one table we do not store; it describes
                # the export itself.
                writer.writerow(
                    [stable_id("meta_table_description", "tsunagari"), "tsunagari", "ja", "UTF-8"]
                )
                counts[resource["name"]] = 1
                continue
            attnames = [table.attname(name) for name in header]
            rows = table.model._default_manager.order_by("id").values_list(*attnames)
            count = 0
            for values in rows.iterator(chunk_size=ITERATOR_CHUNK):
                writer.writerow([csv_cell(v) for v in values])
                count += 1
            counts[table.name] = count
    with (directory / "datapackage.json").open("w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n")
    return counts
