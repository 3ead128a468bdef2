"""Run a DESIGN.toml over a response CSV: build the design, compute every estimate."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .estimation import (
    CalibrationError,
    Design,
    DesignError,
    Estimate,
    mean,
    post_stratify,
    proportion,
    rake,
    ratio,
    total,
)
from .spec import CalibrationSpec, EstimateSpec, Spec, read_spec
from .table import SurveyInputError, Table, read_table


def build_design(spec: Spec, table: Table) -> Design:
    """The Design of ``spec.design`` over the table's rows; design columns may not be
    missing and weights and fpc must be numbers."""
    d = spec.design
    for name in d.columns():
        missing = table.missing(name)
        if missing.any():
            line = table.lines[int(np.argmax(missing))]
            raise SurveyInputError(
                f"{table.path.name}: 設計の列 '{name}' の {line} 行目が空です"
                f" / design column '{name}', line {line}: missing value"
            )
    try:
        return Design.build(
            n=table.n,
            ids=[table.text(c) for c in d.ids],
            strata=table.text(d.strata) if d.strata else None,
            weights=table.numbers(d.weights, missing_allowed=False) if d.weights else None,
            fpc=[table.numbers(c, missing_allowed=False) for c in d.fpc] if d.fpc else None,
        )
    except DesignError as exc:
        raise SurveyInputError(f"調査設計に問題があります / bad design: {exc}") from exc


def calibrate_design(design: Design, spec: CalibrationSpec, table: Table) -> Design:
    """Post-stratify or rake to the counts of a population table (its cells summed over
    the columns a margin leaves out)."""
    population = read_table(spec.population, [*spec.columns(), spec.count])
    counts = population.numbers(spec.count, missing_allowed=False)
    margins = []
    for margin in spec.margins:
        for name in margin:
            missing = table.missing(name)
            if missing.any():
                line = table.lines[int(np.argmax(missing))]
                raise SurveyInputError(
                    f"{table.path.name}: 補正に使う列 '{name}' の {line} 行目が空です"
                    f" / calibration column '{name}', line {line}: missing value"
                )
        keys = zip(*(population.columns[name] for name in margin), strict=True)
        totals: dict[tuple[str, ...], float] = {}
        for key, count in zip(keys, counts.tolist(), strict=True):
            totals[key] = totals.get(key, 0.0) + count
        margins.append(([table.text(name) for name in margin], totals))
    try:
        if spec.method == "poststratify":
            ((columns, totals),) = margins
            return post_stratify(design, columns=columns, population=totals)
        raked, converged = rake(design, margins=margins)
    except CalibrationError as exc:
        raise SurveyInputError(
            f"{spec.population.name}: 母集団の表と合いません / does not fit the sample: {exc}"
        ) from exc
    if not converged:
        raise SurveyInputError(
            "レーキングが 10 回で収束しませんでした / raking did not converge in 10 passes"
        )
    return raked


def _domains(table: Table, by: str) -> list[tuple[str, npt.NDArray[np.bool_]]]:
    """Each observed value of ``by`` (numbers in numeric order) with its rows."""
    values = table.text(by)
    present = ~table.missing(by)
    levels = sorted(set(values[present].tolist()), key=_sort_key)
    return [(level, present & (values == level)) for level in levels]


def _sort_key(value: str) -> tuple[int, float, str]:
    try:
        return (0, float(value), value)
    except ValueError:
        return (1, 0.0, value)


def _indicator(table: Table, spec: EstimateSpec, where: str) -> npt.NDArray[np.float64]:
    if spec.level is None:
        try:
            values = table.numbers(spec.variable)
        except SurveyInputError as exc:
            raise SurveyInputError(
                f"{where}: {exc}。数える値を level に書いてください / give the value to count"
                " as level"
            ) from exc
        observed = values[~np.isnan(values)]
        if not np.all((observed == 0) | (observed == 1)):
            raise SurveyInputError(
                f"{where}: 列 '{spec.variable}' は 0/1 ではありません。"
                "数える値を level に書いてください"
                f" / column '{spec.variable}' is not 0/1: give the value to count as level"
            )
        return values
    text = table.text(spec.variable)
    missing = table.missing(spec.variable)
    if not np.any(text[~missing] == spec.level):
        raise SurveyInputError(
            f"{where}: 列 '{spec.variable}' に値 '{spec.level}' がありません"
            f" / column '{spec.variable}' never has the value '{spec.level}'"
        )
    return np.where(missing, np.nan, (text == spec.level).astype(np.float64))


def _one(
    design: Design,
    spec: EstimateSpec,
    values: npt.NDArray[np.float64],
    denominator: npt.NDArray[np.float64] | None,
    domain: npt.NDArray[np.bool_] | None,
) -> Estimate:
    if spec.kind == "mean":
        return mean(design, values, domain=domain)
    if spec.kind == "total":
        return total(design, values, domain=domain)
    if spec.kind == "ratio":
        assert denominator is not None
        return ratio(design, values, denominator, domain=domain)
    return proportion(design, values, domain=domain, interval=spec.ci)


def _number(value: float) -> float | None:
    return None if math.isnan(value) else value


def run(spec: Spec, table: Table) -> dict[str, Any]:
    """The CLI's JSON document: one entry per estimate and domain, in the spec's order."""
    design = build_design(spec, table)
    if spec.calibration is not None:
        design = calibrate_design(design, spec.calibration, table)
    out = []
    for number, item in enumerate(spec.estimates, start=1):
        where = f"estimate[{number}]"
        if item.kind == "proportion":
            values = _indicator(table, item, where)
        else:
            values = table.numbers(item.variable)
        denominator = table.numbers(item.denominator) if item.denominator else None
        domains: list[tuple[str | None, npt.NDArray[np.bool_] | None]]
        domains = [(None, None)] if item.by is None else list(_domains(table, item.by))
        for label, rows in domains:
            try:
                result = _one(design, item, values, denominator, rows)
            except DesignError as exc:
                raise SurveyInputError(
                    f"{where}: 分散を計算できません / cannot compute the variance: {exc}"
                ) from exc
            out.append(
                {
                    "kind": item.kind,
                    "variable": item.variable,
                    "level": item.level,
                    "domain": None if item.by is None else {item.by: label},
                    "estimate": _number(result.estimate),
                    "se": _number(result.se),
                    "ci_low": _number(result.ci_low),
                    "ci_high": _number(result.ci_high),
                    "df": result.df,
                }
            )
    return {"estimates": out}


def estimate_files(data: Path, design: Path) -> dict[str, Any]:
    """Read DESIGN.toml and the CSV (only the columns it names) and run the analysis."""
    spec = read_spec(design)
    table = read_table(data, spec.columns())
    return run(spec, table)
