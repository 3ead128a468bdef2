"""Reads of the navigator's need statistics, for staff pages (which must check that the
reader is staff; residents never see them).

Small counts can point at a person in a small town, so a cell (municipality × need ×
week) is shown only when 10 or more asked; its unmet count is shown only when both it
and the met remainder are 0 or at least 10, so neither can be worked out below 10."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import NeedCount

MIN_CELL = 10


@dataclass(frozen=True)
class NeedCell:
    municipality: str
    need: str
    week: dt.date
    asked: int
    unmet: int | None  # None: suppressed (under 10 either way)


def _shown(n: int) -> bool:
    return n == 0 or n >= MIN_CELL


def need_counts_visible(
    *, municipality: str | None = None, since: dt.date | None = None
) -> list[NeedCell]:
    """Cells with at least ``MIN_CELL`` answers, newest week first."""
    rows = NeedCount.objects.filter(asked__gte=MIN_CELL)
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    if since is not None:
        rows = rows.filter(week__gte=since)
    return [
        NeedCell(
            municipality=row.municipality,
            need=row.need,
            week=row.week,
            asked=row.asked,
            unmet=row.unmet if _shown(row.unmet) and _shown(row.asked - row.unmet) else None,
        )
        for row in rows.order_by("-week", "municipality", "need")
    ]
