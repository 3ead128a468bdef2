"""The shape every indicator table has, so one page, one CSV writer, one Excel writer
and the PDF report handle them all: columns with labels and units, rows of values.

A value is a number, a text, ``None`` (not available, e.g. no population data) or
``SUPPRESSED`` (withheld because fewer than 10 people are behind it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class _Suppressed:
    """A withheld value; shown as 「—」 with a note, written as "X" in files (as e-Stat
    marks 秘匿)."""

    def __str__(self) -> str:
        return str(_("非表示（10人未満）"))

    def __repr__(self) -> str:
        return "SUPPRESSED"


SUPPRESSED = _Suppressed()
Label = str | Promise


@dataclass(frozen=True)
class Column:
    key: str
    label: Label
    unit: Label = ""


@dataclass
class Table:
    key: str
    title: Label
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    note: Label = ""
    # The chart drawn beside the table: which column is the bar, and optional interval
    # columns and a reference (national) value in the same unit.
    chart_value: str = ""
    chart_low: str = ""
    chart_high: str = ""
    reference: float | None = None
    reference_label: Label = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def column_index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)

    def values(self, key: str) -> list[Any]:
        index = self.column_index(key)
        return [row[index] for row in self.rows]


def file_value(value: Any) -> Any:
    """A value as written to CSV/Excel: suppressed -> "X", missing -> empty."""
    if value is SUPPRESSED:
        return "X"
    if value is None:
        return ""
    if isinstance(value, Promise):
        return str(value)
    return value
