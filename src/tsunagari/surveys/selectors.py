"""Reads of surveys: lists and counts for the staff pages, and ``responses_frame`` — the
columns the estimator (``tsunagari.surveys.estimation``) takes."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db.models import Count, QuerySet

from . import instruments
from .models import InvitationCode, Mode, Response, ResponseImport, Survey
from .questionnaire import instruments_of, questions_of


def surveys_with_counts(surveys: QuerySet[Survey]) -> QuerySet[Survey]:
    return surveys.select_related("municipality").annotate(response_count=Count("responses"))


def counts_by_mode(survey: Survey) -> dict[str, int]:
    found = dict(
        Response.objects.filter(survey=survey)
        .values_list("mode")
        .annotate(n=Count("id"))
        .values_list("mode", "n")
    )
    return {mode: found.get(mode, 0) for mode in Mode.values}


def code_counts(survey: Survey) -> dict[str, int]:
    codes = InvitationCode.objects.filter(survey=survey)
    return {"total": codes.count(), "used": codes.filter(used=True).count()}


def unused_codes(survey: Survey) -> list[str]:
    return list(
        InvitationCode.objects.filter(survey=survey, used=False)
        .order_by("code")
        .values_list("code", flat=True)
    )


def _number(value: Any) -> float:
    if isinstance(value, bool) or value is None:
        return np.nan
    return float(value) if isinstance(value, int | float) else np.nan


def _flag(value: Any) -> float:
    return float(value) if isinstance(value, bool) else np.nan


def responses_frame(survey: Survey) -> dict[str, Any]:
    """One row per response, as columns for ``Design.build`` and the estimators:

    * every choice item by its code: the option value as float, NaN when skipped;
      text items (the district) as str arrays, "" when skipped;
    * every score by its code (the total, NaN when unscored), ``<score>.band`` (str,
      "" when unscored) and ``<score>.<flag>`` (1.0 / 0.0, NaN when unscored);
    * ``mode``, ``district``, ``stratum`` (str) and ``weight`` (float; 1.0 where the
      survey gave none).
    """
    questions = questions_of(survey)
    rows = list(
        Response.objects.filter(survey=survey)
        .order_by("id")
        .values_list("answers", "scores", "mode", "district", "stratum", "weight")
    )
    frame: dict[str, Any] = {}
    for q in questions:
        if q.type == "text":
            frame[q.code] = np.array([str(r[0].get(q.code, "")) for r in rows], dtype=str)
        else:
            frame[q.code] = np.array([_number(r[0].get(q.code)) for r in rows], dtype=np.float64)
    catalogue = instruments.catalogue()
    for code in instruments_of(questions):
        for score in catalogue.instrument(code).scores:
            found = [r[1].get(score.code) or {} for r in rows]
            frame[score.code] = np.array([_number(s.get("total")) for s in found])
            frame[f"{score.code}.band"] = np.array([s.get("band") or "" for s in found], dtype=str)
            for flag in score.flags:
                frame[f"{score.code}.{flag.code}"] = np.array(
                    [_flag((s.get("flags") or {}).get(flag.code)) for s in found]
                )
    frame["mode"] = np.array([r[2] for r in rows], dtype=str)
    frame["district"] = np.array([r[3] for r in rows], dtype=str)
    frame["stratum"] = np.array([r[4] for r in rows], dtype=str)
    frame["weight"] = np.array([1.0 if r[5] is None else r[5] for r in rows], dtype=np.float64)
    return frame


def imports_of(survey: Survey) -> QuerySet[ResponseImport]:
    """The survey's CSV imports, newest first, with who took each in (and back)."""
    return ResponseImport.objects.filter(survey=survey).select_related("imported_by", "undone_by")
