"""Means, totals, ratios and proportions with Taylor-linearised standard errors.

Formulas and conventions follow R's ``survey`` (``svytotal``, ``svymean``, ``svyratio``,
``svyciprop``, ``svyby``):

* Missing values (NaN) are dropped as ``na.rm=TRUE`` does; with ``na_rm=False`` a
  missing value makes the estimate NaN, as R's NA.
* A domain (``svyby``) keeps the whole design and gives rows outside it zero weight, so
  its variance uses every PSU of the design, as R's subset designs do.
* Intervals of means, totals and ratios use the normal quantile (R's ``confint``);
  proportions may instead use ``svyciprop``'s methods with a t quantile on the design
  degrees of freedom (``df``: first-stage PSUs minus strata among the domain's rows).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats

from .design import Design, FloatArray, IntArray
from .variance import design_variance

BoolArray = npt.NDArray[np.bool_]
LEVEL = 0.95
PROPORTION_INTERVALS = ("wald", "logit", "xlogit", "mean", "asin", "beta")


@dataclass(frozen=True)
class Estimate:
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    df: int


@dataclass(frozen=True)
class _Subset:
    """The rows an estimate uses: ``domain`` (row indices of the domain), ``rows`` (those
    also complete in every column) and the columns' values on ``rows``."""

    domain: IntArray | None
    rows: IntArray
    values: list[FloatArray]
    complete: bool


def _subset(design: Design, domain: BoolArray | None, *columns: npt.ArrayLike) -> _Subset:
    if domain is None:
        indices = None
        values = [np.asarray(c, dtype=np.float64) for c in columns]
    else:
        mask = np.asarray(domain, dtype=bool)
        if mask.shape != (design.n,):
            raise ValueError(f"domain must have one value per row ({design.n})")
        indices = np.flatnonzero(mask)
        values = [np.asarray(c, dtype=np.float64)[indices] for c in columns]
    for v in values:
        if v.shape[0] != (design.n if indices is None else indices.shape[0]):
            raise ValueError(f"values must have one per row ({design.n})")
    ok = ~np.isnan(values[0])
    for v in values[1:]:
        ok &= ~np.isnan(v)
    complete = bool(ok.all())
    rows = np.arange(design.n) if indices is None else indices
    if not complete:
        rows = rows[ok]
        values = [v[ok] for v in values]
    return _Subset(domain=indices, rows=rows, values=values, complete=complete)


def _missing_result(design: Design, subset: _Subset) -> Estimate:
    nan = float("nan")
    return Estimate(nan, nan, nan, nan, design.degrees_of_freedom(subset.domain))


# The normal quantile, once: scipy's ppf costs more than a domain's whole variance.
Z = float(stats.norm.ppf(0.5 + LEVEL / 2))


def _normal_interval(estimate: float, se: float) -> tuple[float, float]:
    return estimate - Z * se, estimate + Z * se


def _finish(design: Design, estimate: float, influence: FloatArray, subset: _Subset) -> Estimate:
    rows = None if subset.domain is None and subset.complete else subset.rows
    se = float(np.sqrt(design_variance(design, influence, rows)[0, 0]))
    low, high = _normal_interval(estimate, se)
    return Estimate(estimate, se, low, high, design.degrees_of_freedom(subset.domain))


def total(
    design: Design, y: npt.ArrayLike, *, domain: BoolArray | None = None, na_rm: bool = True
) -> Estimate:
    """Estimated population total of ``y`` (in the domain)."""
    subset = _subset(design, domain, y)
    if not na_rm and not subset.complete:
        return _missing_result(design, subset)
    influence = design.weights[subset.rows] * subset.values[0]
    return _finish(design, float(influence.sum()), influence, subset)


def mean(
    design: Design, y: npt.ArrayLike, *, domain: BoolArray | None = None, na_rm: bool = True
) -> Estimate:
    """Estimated population mean of ``y`` (in the domain)."""
    subset = _subset(design, domain, y)
    if not na_rm and not subset.complete:
        return _missing_result(design, subset)
    w = design.weights[subset.rows]
    weight_sum = float(w.sum())
    if weight_sum == 0:
        return _missing_result(design, subset)
    values = subset.values[0]
    average = float(np.sum(w * values)) / weight_sum
    influence = w * (values - average) / weight_sum
    return _finish(design, average, influence, subset)


def ratio(
    design: Design,
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    domain: BoolArray | None = None,
    na_rm: bool = True,
) -> Estimate:
    """Estimated ratio of the population totals of ``numerator`` and ``denominator``."""
    subset = _subset(design, domain, numerator, denominator)
    if not na_rm and not subset.complete:
        return _missing_result(design, subset)
    w = design.weights[subset.rows]
    top, bottom = subset.values
    bottom_total = float(np.sum(w * bottom))
    if bottom_total == 0:
        return _missing_result(design, subset)
    r = float(np.sum(w * top)) / bottom_total
    influence = w * (top - r * bottom) / bottom_total
    return _finish(design, r, influence, subset)


def proportion(
    design: Design,
    indicator: npt.ArrayLike,
    *,
    domain: BoolArray | None = None,
    na_rm: bool = True,
    interval: str = "wald",
) -> Estimate:
    """Estimated proportion of rows with ``indicator`` 1 (values 0/1, NaN missing).

    ``interval``: ``wald`` (normal, as ``svymean``'s confint) or one of ``svyciprop``'s
    methods ``logit``, ``xlogit``, ``mean``, ``asin``, ``beta`` (t on the design df).
    """
    if interval not in PROPORTION_INTERVALS:
        raise ValueError(f"unknown interval {interval!r}: one of {', '.join(PROPORTION_INTERVALS)}")
    values = np.asarray(indicator, dtype=np.float64)
    observed = values[~np.isnan(values)]
    if not np.all((observed == 0) | (observed == 1)):
        raise ValueError("a proportion needs an indicator with values 0 and 1")
    result = mean(design, values, domain=domain, na_rm=na_rm)
    if interval == "wald" or np.isnan(result.estimate):
        return result
    n_rows = design.n if domain is None else int(np.count_nonzero(domain))
    low, high = _proportion_interval(interval, result.estimate, result.se, result.df, n_rows)
    return Estimate(result.estimate, result.se, low, high, result.df)


def _proportion_interval(
    method: str, p: float, se: float, df: int, n_rows: int
) -> tuple[float, float]:
    """svyciprop's interval for a proportion ``p`` with standard error ``se``."""
    alpha = 1 - LEVEL
    t = float(stats.t.ppf(1 - alpha / 2, df)) if df > 0 else float("nan")
    if method == "mean":
        return p - t * se, p + t * se
    if p in (0.0, 1.0):
        return p, p  # no sampling variation to show on the transformed scale
    if method in ("logit", "xlogit"):
        # Wald on the logit scale; svyglm's intercept-only logit SE is se / (p (1 - p)).
        eta = np.log(p / (1 - p))
        half = t * se / (p * (1 - p))
        return float(_expit(eta - half)), float(_expit(eta + half))
    if method == "asin":
        angle = np.arcsin(np.sqrt(p))
        half = t * se / (2 * np.sqrt(p * (1 - p)))
        return float(np.sin(angle - half) ** 2), float(np.sin(angle + half) ** 2)
    # beta (Korn & Graubard): effective sample size, corrected for the design df.
    n_eff = p * (1 - p) / se**2
    n_eff *= (stats.t.ppf(alpha / 2, n_rows - 1) / stats.t.ppf(alpha / 2, df)) ** 2
    low = stats.beta.ppf(alpha / 2, n_eff * p, n_eff * (1 - p) + 1)
    high = stats.beta.ppf(1 - alpha / 2, n_eff * p + 1, n_eff * (1 - p))
    return float(low), float(high)


def _expit(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))
