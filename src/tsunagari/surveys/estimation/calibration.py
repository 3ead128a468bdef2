"""Calibration to population figures: post-stratification, raking, linear/raking GREG.

Each function returns a new Design with calibrated weights and an adjustment that the
variance applies to the influence values first, exactly as R's ``survey`` does
(``postStratify``, ``rake`` and ``calibrate`` with ``svyrecvar``), so standard errors
agree with R's.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .design import Design, FloatArray, IntArray

# Population counts by cell: a tuple with one value per cell column.
Population = Mapping[tuple[Any, ...], float]


class CalibrationError(ValueError):
    """Sample and population figures do not fit together."""


def _cells(columns: Sequence[npt.ArrayLike]) -> list[tuple[Hashable, ...]]:
    arrays = [np.asarray(c) for c in columns]
    return [
        tuple(v.item() if hasattr(v, "item") else v for v in row)
        for row in zip(*arrays, strict=True)
    ]


def _group_mean(values: FloatArray, codes: IntArray, n_groups: int) -> FloatArray:
    """Unweighted mean of each column of ``values`` within groups, per row (R's ``ave``)."""
    counts = np.bincount(codes, minlength=n_groups).astype(np.float64)
    out = np.empty_like(values)
    for j in range(values.shape[1]):
        sums = np.bincount(codes, weights=values[:, j], minlength=n_groups)
        out[:, j] = (sums / counts)[codes]
    return out


@dataclass(frozen=True)
class PostStratification:
    """R's post-stratum residuals: subtract, within each post-stratum, the mean of the
    influence values weighted by the weights before post-stratification."""

    codes: IntArray
    n_cells: int
    weights: FloatArray  # after
    old_weights: FloatArray  # before

    def residuals(self, x: FloatArray) -> FloatArray:
        psw = np.where((self.weights == 0) & (self.old_weights == 0), 1.0, self.weights)
        scaled = x * (self.old_weights / psw)[:, None]
        sums = np.vstack(
            [
                np.bincount(self.codes, weights=scaled[:, j], minlength=self.n_cells)
                for j in range(x.shape[1])
            ]
        ).T
        totals = np.bincount(self.codes, weights=self.old_weights, minlength=self.n_cells)
        means = sums / totals[:, None]
        return x - means[self.codes] * psw[:, None]


@dataclass(frozen=True)
class Raking:
    """R's raking residuals: ten sweeps over the margins of the last raking pass, each
    removing the plain mean of x / w within the margin's categories."""

    margins: tuple[tuple[IntArray, int, FloatArray], ...]  # codes, n_cells, weights after

    def residuals(self, x: FloatArray) -> FloatArray:
        x = x.copy()
        for _ in range(10):
            for codes, n_cells, psw in self.margins:
                x = x - psw[:, None] * _group_mean(x / psw[:, None], codes, n_cells)
        return x


@dataclass(frozen=True)
class Regression:
    """GREG residuals: x / w regressed (least squares) on the scaled model matrix."""

    model: FloatArray  # model matrix times sqrt(weights before calibration)
    w: FloatArray  # g * sqrt(weights before calibration)

    def residuals(self, x: FloatArray) -> FloatArray:
        y = x / self.w[:, None]
        coef, *_ = np.linalg.lstsq(self.model, y, rcond=None)
        return (y - self.model @ coef) * self.w[:, None]


def _post_stratify_weights(
    weights: FloatArray,
    cells: list[tuple[Hashable, ...]],
    population: Population,
) -> tuple[FloatArray, IntArray, int]:
    """New weights making the weighted count of each cell equal its population count."""
    labels = sorted(set(cells), key=repr)
    index = {label: i for i, label in enumerate(labels)}
    codes = np.fromiter((index[c] for c in cells), dtype=np.int64, count=len(cells))
    estimated = np.bincount(codes, weights=weights, minlength=len(labels))
    missing = [label for label in labels if label not in population]
    if missing:
        raise CalibrationError(f"cells in the sample but not in the population table: {missing}")
    absent = [label for label, count in population.items() if count > 0 and label not in index]
    if absent:
        raise CalibrationError(f"population cells without any respondent: {absent}")
    target = np.array([float(population[label]) for label in labels])
    if np.any((estimated == 0) & (target > 0)):
        raise CalibrationError("a population cell has respondents whose weights are all zero")
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(estimated > 0, target / estimated, 0.0)
    return weights * factor[codes], codes, len(labels)


def post_stratify(
    design: Design,
    *,
    columns: Sequence[npt.ArrayLike],
    population: Population,
) -> Design:
    """Post-stratify to population counts of the cells formed by ``columns`` (each key of
    ``population`` is a tuple with one value per column), as R's ``postStratify``."""
    cells = _cells(columns)
    new, codes, n_cells = _post_stratify_weights(design.weights, cells, population)
    return design.calibrated(
        new,
        PostStratification(codes=codes, n_cells=n_cells, weights=new, old_weights=design.weights),
    )


def rake(
    design: Design,
    *,
    margins: Sequence[tuple[Sequence[npt.ArrayLike], Population]],
    max_iterations: int = 10,
    epsilon: float = 1.0,
) -> tuple[Design, bool]:
    """Rake to several margins by iterative proportional fitting, as R's ``rake`` with
    its default control (at most 10 passes; stop when no cell of the cross-table of all
    margin variables moves by ``epsilon`` or more, a count when >= 1, else a fraction of
    the total weight). Returns the design and whether it converged."""
    margin_cells = [_cells(columns) for columns, _ in margins]
    tolerance = epsilon if epsilon >= 1 else epsilon * float(design.weights.sum())
    cross = [tuple(parts) for parts in zip(*margin_cells, strict=True)]
    cross_labels = sorted(set(cross), key=repr)
    cross_index = {label: i for i, label in enumerate(cross_labels)}
    cross_codes = np.fromiter((cross_index[c] for c in cross), dtype=np.int64, count=len(cross))

    def table(w: FloatArray) -> FloatArray:
        return np.bincount(cross_codes, weights=w, minlength=len(cross_labels)).astype(np.float64)

    weights = design.weights
    old_table = table(weights)
    converged = False
    last: list[tuple[IntArray, int, FloatArray]] = []
    for _ in range(max_iterations):
        last = []
        for cells, (_, population) in zip(margin_cells, margins, strict=True):
            weights, codes, n_cells = _post_stratify_weights(weights, cells, population)
            last.append((codes, n_cells, weights))
        new_table = table(weights)
        if np.max(np.abs(old_table - new_table)) < tolerance:
            converged = True
            break
        old_table = new_table
    return design.calibrated(weights, Raking(margins=tuple(last))), converged


def calibrate(
    design: Design,
    *,
    model: npt.ArrayLike,
    totals: npt.ArrayLike,
    method: str = "linear",
    epsilon: float = 1e-7,
    max_iterations: int = 50,
) -> Design:
    """Calibrate to population ``totals`` of the columns of ``model`` (n × q, include a
    column of ones for the population size): ``linear`` (GREG, R's ``regcalibrate``) or
    ``raking`` (exponential distance, R's ``grake`` Newton iterations)."""
    mm = np.asarray(model, dtype=np.float64)
    target = np.asarray(totals, dtype=np.float64)
    w = design.weights
    whalf = np.sqrt(w)
    scaled = mm * whalf[:, None]
    sample_total = mm.T @ w
    if method == "linear":
        step = np.linalg.solve(scaled.T @ scaled, target - sample_total)
        g = 1.0 + mm @ step
    elif method == "raking":
        g = _grake_exponential(mm, w, target, epsilon, max_iterations)
    else:
        raise CalibrationError(f"unknown calibration method {method!r}: linear or raking")
    return design.calibrated(w * g, Regression(model=scaled, w=g * whalf))


def _grake_exponential(
    mm: FloatArray, w: FloatArray, target: FloatArray, epsilon: float, max_iterations: int
) -> FloatArray:
    """g-weights exp(x'eta) solving the calibration equations by Newton steps."""
    sample_total = mm.T @ w
    scales = target / sample_total
    rescale = float(np.mean(scales)) if np.min(scales) > 20 else 1.0
    w = w * rescale
    sample_total = sample_total * rescale
    eta = np.zeros(mm.shape[1])
    for _ in range(max_iterations):
        xeta = mm @ eta
        jacobian = (mm * (w * np.exp(xeta))[:, None]).T @ mm
        misfit = target - sample_total - mm.T @ (w * np.expm1(xeta))
        eta = eta + np.linalg.pinv(jacobian) @ misfit
        g = np.exp(mm @ eta)
        misfit = target - sample_total - mm.T @ (w * (g - 1.0))
        if np.all(np.abs(misfit) / (1 + np.abs(target)) < epsilon):
            return g * rescale
    raise CalibrationError(f"calibration did not converge in {max_iterations} iterations")
