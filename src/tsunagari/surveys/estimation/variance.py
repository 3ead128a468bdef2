"""Design-based variance of totals of influence values (R's ``svyrecvar``).

Every estimator here is a smooth function of weighted totals; its Taylor-linearised
variance is the design variance of the total of its influence values ``x`` (one row per
observation, already multiplied by the weight). Calibration first replaces ``x`` by its
residuals from the calibration model (see calibration.py).
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


def design_variance(
    design: Design, x: npt.ArrayLike, present: npt.NDArray[np.bool_] | None = None
) -> FloatArray:
    """Covariance matrix (p × p) of the totals of ``x`` (n × p, or n) under the design.

    ``present`` marks the rows of the (sub)population being estimated; rows outside it
    must have ``x == 0``. As R does for a subset design, a stratum without any present
    row is skipped, so its lonely PSU is not an error there.
    """
    values = np.asarray(x, dtype=np.float64)
    if values.ndim == 1:
        values = values[:, None]
    for calibration in design.calibrations:
        values = calibration.residuals(values)
    p = values.shape[1]
    total = np.zeros((p, p))
    for number, stage in enumerate(design.stages, start=1):
        n_strata = stage.n_psu.shape[0]
        n_clusters = stage.cluster_stratum.shape[0]
        if n_clusters == design.n and np.array_equal(stage.cluster, np.arange(design.n)):
            z = values  # every row its own PSU: no summing needed
        else:
            z = _rowsum(values, stage.cluster, n_clusters)
        n_h = stage.n_psu
        mean = _rowsum(z, stage.cluster_stratum, n_strata) / n_h[:, None]
        deviation = z - mean[stage.cluster_stratum]

        certain = stage.fpc_factor < CERTAINTY_TOLERANCE
        lonely = (n_h == 1) & ~certain
        if lonely.any():
            in_use = np.ones(n_strata, dtype=bool)
            if present is not None:
                in_use = np.bincount(stage.stratum[present], minlength=n_strata) > 0
            if (lonely & in_use).any():
                raise DesignError(
                    f"a stratum has only one PSU at stage {number} "
                    "(a lonely PSU; R's default survey.lonely.psu='fail')"
                )
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = stage.scale * stage.fpc_factor * n_h / (n_h - 1)
        factor[certain | (n_h <= 1)] = 0.0
        scaled = deviation * factor[stage.cluster_stratum][:, None]
        total += scaled.T @ deviation
    return total
