"""The designs of make_reference.R, built from the copied api CSVs (see SOURCES.md)."""

import csv
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

from tsunagari.surveys.estimation import Design, calibrate, post_stratify, rake

REFERENCE = Path(__file__).parent / "reference"

Columns = dict[str, np.ndarray]

POP_TYPES = {("E",): 4421.0, ("H",): 755.0, ("M",): 1018.0}
POP_SCHWIDE = {("No",): 1072.0, ("Yes",): 5122.0}


@cache
def load(name: str) -> Columns:
    """A CSV of R's api data as text columns ("NA" marks missing)."""
    with (REFERENCE / name).open(newline="") as f:
        rows = list(csv.DictReader(f))
    return {key: np.array([row[key] for row in rows]) for key in rows[0]}


def numeric(values: np.ndarray) -> np.ndarray:
    return np.array([np.nan if v == "NA" else float(v) for v in values])


def _dclus1(data: Columns) -> Design:
    return Design.build(
        n=len(data["cds"]),
        ids=[data["dnum"]],
        weights=numeric(data["pw"]),
        fpc=[numeric(data["fpc"])],
    )


def _calibration_model(data: Columns, *, api99: bool) -> np.ndarray:
    stype = data["stype"]
    columns = [np.ones(len(stype)), stype == "H", stype == "M"]
    if api99:
        columns.append(numeric(data["api99"]))
    return np.column_stack(columns).astype(float)


def _rake(data: Columns) -> Design:
    design, converged = rake(
        _dclus1(data),
        margins=[([data["stype"]], POP_TYPES), ([data["sch.wide"]], POP_SCHWIDE)],
    )
    assert converged
    return design


TOTALS_STYPE = [6194.0, 755.0, 1018.0]
BUILDERS: dict[str, tuple[str, Callable[[Columns], Design]]] = {
    "dstrat": (
        "apistrat.csv",
        lambda d: Design.build(
            n=len(d["cds"]),
            strata=d["stype"],
            weights=numeric(d["pw"]),
            fpc=[numeric(d["fpc"])],
        ),
    ),
    "dstrat_nofpc": (
        "apistrat.csv",
        lambda d: Design.build(n=len(d["cds"]), strata=d["stype"], weights=numeric(d["pw"])),
    ),
    "dclus1": ("apiclus1.csv", _dclus1),
    "dclus1_nofpc": (
        "apiclus1.csv",
        lambda d: Design.build(n=len(d["cds"]), ids=[d["dnum"]], weights=numeric(d["pw"])),
    ),
    "dclus2": (
        "apiclus2.csv",
        lambda d: Design.build(
            n=len(d["cds"]),
            ids=[d["dnum"], d["snum"]],
            fpc=[numeric(d["fpc1"]), numeric(d["fpc2"])],
        ),
    ),
    "dsrs": ("apisrs.csv", lambda d: Design.build(n=len(d["cds"]), fpc=[numeric(d["fpc"])])),
    "dclus1_postStratify_stype": (
        "apiclus1.csv",
        lambda d: post_stratify(_dclus1(d), columns=[d["stype"]], population=POP_TYPES),
    ),
    "dclus1_rake_stype_schwide": ("apiclus1.csv", _rake),
    "dclus1_calibrate_linear_stype": (
        "apiclus1.csv",
        lambda d: calibrate(
            _dclus1(d), model=_calibration_model(d, api99=False), totals=TOTALS_STYPE
        ),
    ),
    "dclus1_calibrate_linear_stype_api99": (
        "apiclus1.csv",
        lambda d: calibrate(
            _dclus1(d), model=_calibration_model(d, api99=True), totals=[*TOTALS_STYPE, 3914069]
        ),
    ),
    "dclus1_calibrate_raking_stype_api99": (
        "apiclus1.csv",
        lambda d: calibrate(
            _dclus1(d),
            model=_calibration_model(d, api99=True),
            totals=[*TOTALS_STYPE, 3914069],
            method="raking",
        ),
    ),
}


@cache
def design(name: str) -> tuple[Design, Columns]:
    """The named reference design and its data."""
    file, build = BUILDERS[name]
    data = load(file)
    return build(data), data
