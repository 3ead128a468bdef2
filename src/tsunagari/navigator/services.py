"""Writes of the navigator: only aggregate need counters (DESIGN.md §7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import NeedCount


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def need_counts_record(*, municipality: str, day: dt.date, needs: Mapping[str, bool]) -> None:
    """Count one navigator answer: +1 asked for each need, +1 unmet where the value is
    True (asked, but no open option nearby). Counters only; concurrent answers add up."""
    week = week_of(day)
    for need, unmet in needs.items():
        cell = NeedCount.objects.filter(municipality=municipality, need=need, week=week)
        changes = {"asked": F("asked") + 1}
        if unmet:
            changes["unmet"] = F("unmet") + 1
        if cell.update(**changes):
            continue
        try:
            with transaction.atomic():  # a savepoint: a concurrent insert may win
                NeedCount.objects.create(
                    municipality=municipality, need=need, week=week, asked=1, unmet=int(unmet)
                )
        except IntegrityError:
            cell.update(**changes)
