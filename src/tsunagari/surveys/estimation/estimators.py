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

from .design import Design, FloatArray
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


def _rows(design: Design, domain: BoolArray | None) -> BoolArray:
    if domain is None:
        return np.ones(design.n, dtype=bool)
    mask = np.asarray(domain, dtype=bool)
    if mask.shape != (design.n,):
        raise ValueError(f"domain must have one value per row ({design.n})")
    return mask


def _missing_result(design: Design, domain: BoolArray) -> Estimate:
    nan = float("nan")
    return Estimate(nan, nan, nan, nan, design.degrees_of_freedom(domain))


def _normal_interval(estimate: float, se: float) -> tuple[float, float]:
    z = float(stats.norm.ppf(0.5 + LEVEL / 2))
    return estimate - z * se, estimate + z * se


def _columns(*values: npt.ArrayLike) -> tuple[list[FloatArray], BoolArray]:
    """The columns as floats and the mask of rows where none is missing."""
    arrays = [np.asarray(v, dtype=np.float64) for v in values]
    complete = np.ones(arrays[0].shape[0], dtype=bool)
    for array in arrays:
        complete &= ~np.isnan(array)
    return [np.where(complete, a, 0.0) for a in arrays], complete


def _finish(
    design: Design, estimate: float, influence: FloatArray, present: BoolArray, domain: BoolArray
) -> Estimate:
    se = float(np.sqrt(design_variance(design, influence, present)[0, 0]))
    low, high = _normal_interval(estimate, se)
    return Estimate(estimate, se, low, high, design.degrees_of_freedom(domain))


def total(
    design: Design, y: npt.ArrayLike, *, domain: BoolArray | None = None, na_rm: bool = True
) -> Estimate:
    """Estimated population total of ``y`` (in the domain)."""
    rows = _rows(design, domain)
    (values,), complete = _columns(y)
    if not na_rm and not complete[rows].all():
        return _missing_result(design, rows)
    present = rows & complete
    w = np.where(present, design.weights, 0.0)
    influence = w * values
    return _finish(design, float(influence.sum()), influence, present, rows)


def mean(
    design: Design, y: npt.ArrayLike, *, domain: BoolArray | None = None, na_rm: bool = True
) -> Estimate:
    """Estimated population mean of ``y`` (in the domain)."""
    rows = _rows(design, domain)
    (values,), complete = _columns(y)
    if not na_rm and not complete[rows].all():
        return _missing_result(design, rows)
    present = rows & complete
    w = np.where(present, design.weights, 0.0)
    weight_sum = float(w.sum())
    if weight_sum == 0:
        return _missing_result(design, rows)
    average = float(w @ values) / weight_sum
    influence = w * (values - average) / weight_sum
    return _finish(design, average, influence, present, rows)


def ratio(
    design: Design,
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    domain: BoolArray | None = None,
    na_rm: bool = True,
) -> Estimate:
    """Estimated ratio of the population totals of ``numerator`` and ``denominator``."""
    rows = _rows(design, domain)
    (top, bottom), complete = _columns(numerator, denominator)
    if not na_rm and not complete[rows].all():
        return _missing_result(design, rows)
    present = rows & complete
    w = np.where(present, design.weights, 0.0)
    bottom_total = float(w @ bottom)
    if bottom_total == 0:
        return _missing_result(design, rows)
    r = float(w @ top) / bottom_total
    influence = w * (top - r * bottom) / bottom_total
    return _finish(design, r, influence, present, rows)


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
    rows = _rows(design, domain)
    low, high = _proportion_interval(
        interval, result.estimate, result.se, result.df, int(rows.sum())
    )
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
