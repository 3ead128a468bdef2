"""DESIGN.toml: the survey design and the estimates an analyst asks for.

    [design]                 # every key optional
    ids = ["dnum", "snum"]   # cluster column per stage; none: each row its own PSU
    strata = "stype"
    weights = "pw"
    fpc = ["fpc1", "fpc2"]   # one per stage: population size, or sampling fraction < 1

    [[estimate]]
    kind = "mean"            # mean | total | proportion | ratio
    variable = "api00"
    level = "Yes"            # proportion of a categorical variable
    denominator = "enroll"   # ratio only
    by = "stype"             # one estimate per domain
    ci = "logit"             # proportions: logit (svyciprop), also xlogit, mean, asin, beta

    [calibration]            # optional: weights calibrated to a population table
    method = "poststratify"  # poststratify | rake
    population = "population.csv"  # relative to DESIGN.toml: the columns and a count column
    count = "count"          # the count column (default "count")
    cells = ["age", "sex", "district"]        # poststratify: the cells
    margins = [["age", "sex"], ["district"]]  # rake: the margins, summed from the table

Errors name the key and say what is allowed, in Japanese and English.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .estimation import PROPORTION_INTERVALS
from .table import SurveyInputError

KINDS = ("mean", "total", "proportion", "ratio")
DESIGN_KEYS = ("ids", "strata", "weights", "fpc")
ESTIMATE_KEYS = ("kind", "variable", "level", "denominator", "by", "ci")
CALIBRATION_KEYS = ("method", "population", "count", "cells", "margins")


@dataclass(frozen=True)
class DesignSpec:
    ids: tuple[str, ...] = ()
    strata: str | None = None
    weights: str | None = None
    fpc: tuple[str, ...] | None = None

    def columns(self) -> list[str]:
        named = [*self.ids, self.strata, self.weights, *(self.fpc or ())]
        return [c for c in named if c is not None]


@dataclass(frozen=True)
class EstimateSpec:
    kind: str
    variable: str
    level: str | None = None
    denominator: str | None = None
    by: str | None = None
    ci: str = "wald"

    def columns(self) -> list[str]:
        return [c for c in (self.variable, self.denominator, self.by) if c is not None]


@dataclass(frozen=True)
class CalibrationSpec:
    method: str
    population: Path
    count: str
    margins: tuple[tuple[str, ...], ...]  # one margin (the cells) for poststratify

    def columns(self) -> list[str]:
        return [c for margin in self.margins for c in margin]


@dataclass(frozen=True)
class Spec:
    design: DesignSpec
    estimates: tuple[EstimateSpec, ...]
    calibration: CalibrationSpec | None = None

    def columns(self) -> list[str]:
        names = self.design.columns()
        if self.calibration is not None:
            names.extend(self.calibration.columns())
        for estimate in self.estimates:
            names.extend(estimate.columns())
        return names


def _error(where: str, japanese: str, english: str) -> SurveyInputError:
    return SurveyInputError(f"{where}: {japanese} / {english}")


def _column_name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise _error(where, "列名（文字列）を書いてください", "give a column name (a string)")
    return value


def _column_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _error(
            where,
            "列名のリストを書いてください（段ごとに 1 つ）",
            "give a list of column names, one per stage",
        )
    return tuple(_column_name(v, f"{where}[{i}]") for i, v in enumerate(value))


def _unknown_keys(table: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    unknown = [key for key in table if key not in allowed]
    if unknown:
        raise _error(
            f"{where}.{unknown[0]}",
            f"知らないキーです（使えるのは {', '.join(allowed)}）",
            f"unknown key (allowed: {', '.join(allowed)})",
        )


def parse_design(table: Any) -> DesignSpec:
    if not isinstance(table, dict):
        raise _error("design", "[design] は表にしてください", "[design] must be a table")
    _unknown_keys(table, DESIGN_KEYS, "design")
    ids = _column_list(table["ids"], "design.ids") if "ids" in table else ()
    fpc = _column_list(table["fpc"], "design.fpc") if "fpc" in table else None
    stages = len(ids) or 1
    if fpc is not None and len(fpc) != stages:
        raise _error(
            "design.fpc",
            f"段の数と合いません（ids は {stages} 段、fpc は {len(fpc)} 個）",
            f"needs one column per stage: ids has {stages} stage(s), fpc {len(fpc)}",
        )
    return DesignSpec(
        ids=ids,
        strata=_column_name(table["strata"], "design.strata") if "strata" in table else None,
        weights=_column_name(table["weights"], "design.weights") if "weights" in table else None,
        fpc=fpc,
    )


def parse_estimate(table: Any, number: int) -> EstimateSpec:
    where = f"estimate[{number}]"
    if not isinstance(table, dict):
        raise _error(where, "[[estimate]] は表にしてください", "[[estimate]] must be a table")
    _unknown_keys(table, ESTIMATE_KEYS, where)
    kind = table.get("kind")
    if kind not in KINDS:
        raise _error(
            f"{where}.kind",
            f"{kind!r} は使えません（{' | '.join(KINDS)}）",
            f"{kind!r} is not one of {' | '.join(KINDS)}",
        )
    if "variable" not in table:
        raise _error(
            f"{where}.variable", "推定する列を書いてください", "name the column to estimate"
        )
    variable = _column_name(table["variable"], f"{where}.variable")
    level = table.get("level")
    if level is not None:
        if kind != "proportion":
            raise _error(
                f"{where}.level",
                "level は proportion だけで使えます",
                "level is for proportions only",
            )
        if not isinstance(level, str | int | float) or isinstance(level, bool):
            raise _error(f"{where}.level", "値を書いてください", "give the value to count")
        level = str(level)
    denominator = None
    if kind == "ratio":
        if "denominator" not in table:
            raise _error(
                f"{where}.denominator",
                "ratio には分母の列が必要です",
                "a ratio needs a denominator",
            )
        denominator = _column_name(table["denominator"], f"{where}.denominator")
    elif "denominator" in table:
        raise _error(
            f"{where}.denominator",
            "denominator は ratio だけで使えます",
            "denominator is for ratios only",
        )
    by = _column_name(table["by"], f"{where}.by") if "by" in table else None
    ci = table.get("ci", "wald")
    allowed = PROPORTION_INTERVALS if kind == "proportion" else ("wald",)
    if ci not in allowed:
        raise _error(
            f"{where}.ci",
            f"{ci!r} は使えません（{' | '.join(allowed)}）",
            f"{ci!r} is not one of {' | '.join(allowed)} for a {kind}",
        )
    return EstimateSpec(
        kind=kind, variable=variable, level=level, denominator=denominator, by=by, ci=ci
    )


def parse_calibration(table: Any, base: Path) -> CalibrationSpec:
    where = "calibration"
    if not isinstance(table, dict):
        raise _error(where, "[calibration] は表にしてください", "[calibration] must be a table")
    _unknown_keys(table, CALIBRATION_KEYS, where)
    method = table.get("method")
    if method not in ("poststratify", "rake"):
        raise _error(
            f"{where}.method",
            f"{method!r} は使えません（poststratify | rake）",
            f"{method!r} is not one of poststratify | rake",
        )
    population = _column_name(table.get("population"), f"{where}.population")
    count = _column_name(table.get("count", "count"), f"{where}.count")
    margins: tuple[tuple[str, ...], ...]
    if method == "poststratify":
        if "margins" in table:
            raise _error(f"{where}.margins", "margins は rake で使います", "margins are for rake")
        margins = (_column_list(table.get("cells"), f"{where}.cells"),)
    else:
        if "cells" in table:
            raise _error(
                f"{where}.cells", "cells は poststratify で使います", "cells are for poststratify"
            )
        raw = table.get("margins")
        if not isinstance(raw, list) or not raw:
            raise _error(
                f"{where}.margins",
                "列名のリストのリストを書いてください",
                'give a list of column lists, e.g. [["age", "sex"], ["district"]]',
            )
        margins = tuple(_column_list(m, f"{where}.margins[{i}]") for i, m in enumerate(raw))
    return CalibrationSpec(
        method=method, population=base / population, count=count, margins=margins
    )


def parse_spec(data: dict[str, Any], base: Path = Path()) -> Spec:
    """The spec of a parsed DESIGN.toml; file names in it are relative to ``base``."""
    _unknown_keys(data, ("design", "estimate", "calibration"), "DESIGN.toml")
    design = parse_design(data.get("design", {}))
    estimates = data.get("estimate")
    if not isinstance(estimates, list) or not estimates:
        raise _error(
            "estimate", "[[estimate]] を 1 つ以上書いてください", "add at least one [[estimate]]"
        )
    calibration = data.get("calibration")
    return Spec(
        design=design,
        estimates=tuple(parse_estimate(t, i + 1) for i, t in enumerate(estimates)),
        calibration=None if calibration is None else parse_calibration(calibration, base),
    )


def read_spec(path: Path) -> Spec:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise SurveyInputError(
            f"設計ファイルを開けません / cannot open the design file: {path} ({exc.strerror})"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise SurveyInputError(
            f"{path.name}: TOML として読めません / not valid TOML: {exc}"
        ) from exc
    return parse_spec(data, path.parent)
