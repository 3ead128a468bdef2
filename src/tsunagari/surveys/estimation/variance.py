"""Design-based variance of totals of influence values (R's ``svyrecvar``).

Every estimator here is a smooth function of weighted totals; its Taylor-linearised
variance is the design variance of the total of its influence values ``x`` (one row per
observation, already multiplied by the weight). Calibration first replaces ``x`` by its
residuals from the calibration model (see calibration.py).

A domain estimate has influence zero outside the domain. The variance then needs only
the domain's rows: a PSU without any of them has total 0, and its deviation from the
stratum mean is added in closed form, so 50 domains of a million rows cost little more
than the rows they contain.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .design import CERTAINTY_TOLERANCE, Design, DesignError, FloatArray, IntArray


def _rowsum(x: FloatArray, group: IntArray, n_groups: int) -> FloatArray:
    """Sum the rows of ``x`` (n × p) within groups: (n_groups × p)."""
    out = np.empty((n_groups, x.shape[1]))
    for j in range(x.shape[1]):
        out[:, j] = np.bincount(group, weights=x[:, j], minlength=n_groups)
    return out


def _cross(a: FloatArray, b: FloatArray) -> FloatArray:
    """a' b without BLAS: a threaded BLAS spins for tens of milliseconds on a busy
    2-core machine, far longer than the sums themselves."""
    return np.einsum("ij,ik->jk", a, b, optimize=False)


def design_variance(design: Design, x: npt.ArrayLike, rows: IntArray | None = None) -> FloatArray:
    """Covariance matrix (p × p) of the totals of the influence values ``x``.

    ``x`` holds one row (or value) per design row, or, with ``rows``, per listed row
    (sorted, distinct indices), every other row's influence being zero. As R does for a
    subset design, a stratum without any listed row is skipped, so its lonely PSU is not
    an error there.
    """
    values = np.asarray(x, dtype=np.float64)
    if values.ndim == 1:
        values = values[:, None]
    if design.calibrations:
        # Calibration residuals spread over every row: go dense.
        if rows is not None:
            dense = np.zeros((design.n, values.shape[1]))
            dense[rows] = values
            values = dense
        for calibration in design.calibrations:
            values = calibration.residuals(values)
        # R zero-weights rows outside a calibrated design's subset, so every stratum stays
        # in use for the lonely-PSU check.
        in_use_rows: IntArray | None = None
        rows = None
    else:
        in_use_rows = rows
    p = values.shape[1]
    total = np.zeros((p, p))
    for number, stage in enumerate(design.stages, start=1):
        n_strata = stage.n_psu.shape[0]
        # Totals of the PSUs that hold listed rows, and which PSUs those are.
        if stage.singletons:
            clusters, z = (stage.cluster if rows is None else stage.cluster[rows]), values
        elif rows is None:
            clusters = np.arange(stage.cluster_stratum.shape[0])
            z = _rowsum(values, stage.cluster, clusters.shape[0])
        else:
            clusters, inverse = np.unique(stage.cluster[rows], return_inverse=True)
            z = _rowsum(values, inverse.reshape(-1), clusters.shape[0])
        h = stage.cluster_stratum[clusters]
        n_h = stage.n_psu
        held = np.bincount(h, minlength=n_strata).astype(np.float64)
        mean = _rowsum(z, h, n_strata) / n_h[:, None]
        deviation = z - mean[h]

        certain = stage.fpc_factor < CERTAINTY_TOLERANCE
        lonely = (n_h == 1) & ~certain
        if lonely.any():
            if in_use_rows is None:
                in_use = np.ones(n_strata, dtype=bool)
            else:
                in_use = np.bincount(stage.stratum[in_use_rows], minlength=n_strata) > 0
            if (lonely & in_use).any():
                raise DesignError(
                    f"a stratum has only one PSU at stage {number} "
                    "(a lonely PSU; R's default survey.lonely.psu='fail')"
                )
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = stage.scale * stage.fpc_factor * n_h / (n_h - 1)
        factor[certain | (n_h <= 1)] = 0.0
        total += _cross(deviation * factor[h][:, None], deviation)
        # PSUs without listed rows: total 0, deviation -mean, (n_h - held) of them.
        absent = factor * (n_h - held)
        total += _cross(mean * absent[:, None], mean)
    return total
