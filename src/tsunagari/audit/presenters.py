"""Audit events as people read them: old → new per field, and CSV rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .models import AuditEvent
from .selectors import TOKYO, action_label

CSV_HEADER = (
    "occurred_at",
    "actor",
    "actor_id",
    "organisation",
    "action",
    "action_label",
    "object_type",
    "object_id",
    "old_values",
    "new_values",
    "request_id",
)
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def field_changes(event: AuditEvent) -> list[FieldChange] | None:
    """The event's values as ``field: old → new`` lines when both sides are flat
    (field → plain value); None when a side is nested (a record created with its parts),
    which the page shows as JSON instead."""
    old: Any = event.old_values or {}
    new: Any = event.new_values or {}
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return None
    if any(isinstance(v, dict | list) for v in (*old.values(), *new.values())):
        return None
    fields = list(dict.fromkeys([*old, *new]))
    return [
        FieldChange(
            field=str(name),
            old=_text(old[name]) if old.get(name) is not None else None,
            new=_text(new[name]) if new.get(name) is not None else None,
        )
        for name in fields
    ]


def values_json(values: Any) -> str:
    """Values as indented JSON for people (Japanese left readable)."""
    return json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True)


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading ' keeps one that starts like a
    formula (=, +, -, @) from being run when the file is opened (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_row(event: AuditEvent) -> list[str]:
    def values(v: Any) -> str:
        return "" if v is None else json.dumps(v, ensure_ascii=False, sort_keys=True)

    organisation = event.organization.name if event.organization is not None else ""
    row = [
        event.occurred_at.astimezone(TOKYO).isoformat(),
        event.actor_label,
        "" if event.actor_id is None else str(event.actor_id),
        organisation,
        event.action,
        action_label(event.action),
        event.object_type,
        event.object_id,
        values(event.old_values),
        values(event.new_values),
        event.request_id,
    ]
    return [safe_cell(cell) for cell in row]


class _Line:
    """A file-like object whose write() hands back the line (csv.writer needs one)."""

    def write(self, line: str) -> str:
        return line


def csv_lines(events: Iterable[AuditEvent]) -> Iterator[str]:
    """The CSV file, line by line: a UTF-8 byte order mark first (so Excel in Japan reads
    it as UTF-8), the header, then one line per event."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    for event in events:
        yield writer.writerow(csv_row(event))
