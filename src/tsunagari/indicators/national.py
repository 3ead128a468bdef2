"""The national figures of 「人々のつながりに関する基礎調査」 (data/national_survey.csv,
see data/SOURCES.md), read once."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "national_survey.csv"
# The headline prevalence: 孤独感が「しばしばある・常にある」 (direct question).
HEADLINE = ("direct_loneliness", "often_always")


@dataclass(frozen=True)
class NationalFigure:
    year_reiwa: int
    period: str  # YYYY-MM of the fieldwork
    indicator: str
    category: str
    percent: float
    n: int
    source_url: str
    reliability: str

    @property
    def year_label(self) -> str:
        return f"令和{self.year_reiwa}年"


@cache
def national_figures() -> tuple[NationalFigure, ...]:
    with DATA.open(encoding="utf-8") as handle:
        return tuple(
            NationalFigure(
                year_reiwa=int(row["year_reiwa"]),
                period=row["year_ad_field"],
                indicator=row["indicator"],
                category=row["category"],
                percent=float(row["value_pct"]),
                n=int(row["n"]),
                source_url=row["source_url"],
                reliability=row["reliability"],
            )
            for row in csv.DictReader(handle)
        )


def national_series(
    indicator: str = HEADLINE[0], category: str = HEADLINE[1]
) -> list[NationalFigure]:
    """One figure per wave, oldest first."""
    rows = [f for f in national_figures() if f.indicator == indicator and f.category == category]
    return sorted(rows, key=lambda f: f.year_reiwa)


def national_latest(
    indicator: str = HEADLINE[0], category: str = HEADLINE[1]
) -> NationalFigure | None:
    series = national_series(indicator, category)
    return series[-1] if series else None
