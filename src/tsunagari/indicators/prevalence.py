"""Loneliness prevalence from survey responses, by group, with design-based intervals.

``prevalence_rows(frame, spec)`` takes responses as columns (a mapping of column name to
one value per respondent) and estimates the share with the outcome (0/1, missing as
None/NaN) for everyone and for each level of each ``by`` column, using the survey
estimator (``tsunagari.surveys.estimation``). A cell answered by fewer than
``MIN_RESPONDENTS`` people is suppressed: its estimate and interval are not returned.

``local_prevalence(code)`` reads the municipality's surveys (surveys app,
``responses_frame``); without one the dashboard shows the national figures only."""

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
        column = ["" if _missing(v) else str(v) for v in frame[group]]
        levels = sorted({v for v in column if v})
        labels = np.asarray(column, dtype=object)
        for level in levels:
            rows.append(row(group, level, labels == level))
    return rows


def _missing(value: Any) -> bool:
    """An unanswered cell: None, empty, or NaN (how the frame holds a skipped choice)."""
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


# The headline outcome: the direct question's 「しばしばある・常にある」 flag, the national
# survey's headline figure (surveys/data/instruments.toml).
OUTCOME = "direct_loneliness.often_always"
GROUPS = ("age_band", "sex", "district")


def local_prevalence(code: str) -> Prevalence | None:
    """The municipality's latest survey that asked the direct question and has
    responses (open or closed), as prevalence rows by age band, sex and district, with
    the survey's weights and strata; earlier such surveys give the overall row per wave.
    None while there is no such survey."""
    from django.db.models import Exists, OuterRef
    from django.utils.translation import get_language

    from tsunagari.surveys import instruments
    from tsunagari.surveys.models import Response, Survey, SurveyStatus
    from tsunagari.surveys.selectors import responses_frame

    # One query for the surveys with answers (not one existence check per survey).
    answered = Response.objects.filter(survey_id=OuterRef("pk"))
    surveys = list(
        Survey.objects.filter(Exists(answered), municipality_id=code)
        .exclude(status=SurveyStatus.DRAFT)
        .order_by("-created_at", "-id")
    )
    frames = [(s, responses_frame(s)) for s in surveys]
    frames = [(s, f) for s, f in frames if OUTCOME in f]
    if not frames:
        return None
    items = instruments.catalogue().items
    language = get_language() or "ja"

    def spec_for(frame: Mapping[str, Any], by: tuple[str, ...]) -> DesignSpec:
        stratified = any(str(v) for v in frame["stratum"])
        return DesignSpec(
            outcome=OUTCOME,
            by=tuple(g for g in by if g in frame),
            weights="weight",
            strata="stratum" if stratified else None,
        )

    def labelled(frame: Mapping[str, Any]) -> dict[str, Any]:
        # Choice answers are option values (1, 2, ...): show their wording instead.
        shown = dict(frame)
        for group in GROUPS:
            item = items.get(group)
            if group in frame and item is not None and item.options:
                names = {o.value: instruments.label(o.label, language) for o in item.options}
                shown[group] = [
                    "" if _missing(v) else names.get(int(v), "") if isinstance(v, float) else str(v)
                    for v in frame[group]
                ]
        return shown

    latest, frame = frames[0]
    rows = prevalence_rows(labelled(frame), spec_for(frame, GROUPS))
    waves = {}
    for survey, earlier in reversed(frames):
        overall = prevalence_rows(earlier, spec_for(earlier, ()))[0]
        waves[survey.period or survey.title] = overall
    title = f"{latest.title}（{latest.period}）" if latest.period else latest.title
    return Prevalence(title=title, rows=rows, waves=waves)
