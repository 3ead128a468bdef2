"""Loneliness prevalence from survey responses, by group, with design-based intervals.

``prevalence_rows(frame, spec)`` takes responses as columns (a mapping of column name to
one value per respondent) and estimates the share with the outcome (0/1, missing as
None/NaN) for everyone and for each level of each ``by`` column, using the survey
estimator (``tsunagari.surveys.estimation``). A cell answered by fewer than
``MIN_RESPONDENTS`` people is suppressed: its estimate and interval are not returned.

The surveys app will provide ``responses_frame(survey)``; until then
``local_prevalence(code)`` has nothing to give and the dashboard shows the national
figures only."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tsunagari.surveys.estimation import Design, DesignError, proportion

MIN_RESPONDENTS = 10
ALL = ""  # the group of the overall row


@dataclass(frozen=True)
class DesignSpec:
    """Which columns hold the outcome and the design. ``outcome`` is 1 for 「しばしばある・
    常にある」 (or any 0/1 indicator), 0 otherwise; ``by`` lists the grouping columns."""

    outcome: str
    by: tuple[str, ...] = ("age_band", "sex", "district")
    weights: str | None = None
    strata: str | None = None
    ids: tuple[str, ...] = ()
    fpc: tuple[str, ...] = ()
    interval: str = "logit"


@dataclass(frozen=True)
class Row:
    group: str  # the by column ("" for everyone)
    value: str  # its level ("" for everyone)
    estimate: float | None  # a proportion 0..1; None when suppressed or not estimable
    ci_low: float | None
    ci_high: float | None
    n: int  # respondents in the cell with an answer
    suppressed: bool


@dataclass(frozen=True)
class Prevalence:
    """What the dashboard shows for one municipality: rows of one survey wave and,
    optionally, the overall row of earlier waves (label -> Row)."""

    title: str
    rows: list[Row]
    waves: dict[str, Row] = field(default_factory=dict)


def _outcome(values: Sequence[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=np.float64)
    for i, v in enumerate(values):
        if v is None or v == "" or (isinstance(v, float) and math.isnan(v)):
            out[i] = np.nan
        else:
            out[i] = float(v)
    return out


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def prevalence_rows(frame: Mapping[str, Sequence[Any]], spec: DesignSpec) -> list[Row]:
    """The overall row, then one row per level of each ``spec.by`` column (levels in
    sorted order; respondents with no value in that column are left out of its rows).
    Raises ValueError when a column is missing or the design cannot be built."""
    for name in (
        (spec.outcome, *spec.by, *spec.ids, *spec.fpc)
        + ((spec.weights,) if spec.weights else ())
        + ((spec.strata,) if spec.strata else ())
    ):
        if name not in frame:
            raise ValueError(f"the frame has no column {name!r}")
    y = _outcome(frame[spec.outcome])
    n = y.shape[0]
    try:
        design = Design.build(
            n=n,
            ids=[np.asarray(frame[c]) for c in spec.ids],
            strata=np.asarray(frame[spec.strata]) if spec.strata else None,
            weights=np.asarray(frame[spec.weights], dtype=np.float64) if spec.weights else None,
            fpc=[np.asarray(frame[c], dtype=np.float64) for c in spec.fpc] if spec.fpc else None,
        )
    except DesignError as error:
        raise ValueError(f"the survey design cannot be built: {error}") from error
    answered = ~np.isnan(y)

    def row(group: str, value: str, domain: np.ndarray | None) -> Row:
        cell = answered if domain is None else answered & domain
        count = int(np.count_nonzero(cell))
        if count < MIN_RESPONDENTS:
            return Row(group, value, None, None, None, count, True)
        result = proportion(design, y, domain=domain, interval=spec.interval)
        return Row(
            group,
            value,
            _finite(result.estimate),
            _finite(result.ci_low),
            _finite(result.ci_high),
            count,
            False,
        )

    rows = [row(ALL, ALL, None)]
    for group in spec.by:
        column = [("" if v is None else str(v)) for v in frame[group]]
        levels = sorted({v for v in column if v})
        labels = np.asarray(column, dtype=object)
        for level in levels:
            rows.append(row(group, level, labels == level))
    return rows


def local_prevalence(code: str) -> Prevalence | None:
    """The municipality's latest survey results, or None while there are none.

    The surveys app fills this in from ``responses_frame(survey)`` and the survey's
    design: ``Prevalence(title, prevalence_rows(frame, spec), waves)``."""
    return None
