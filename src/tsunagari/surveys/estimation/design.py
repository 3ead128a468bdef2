"""A complex survey design: strata, clusters at one or more stages, weights, fpc.

The conventions follow R's ``survey`` package (``svydesign``) so that estimates and
Taylor-linearised standard errors agree with it:

* ``ids`` names one cluster column per stage; without ``ids`` every row is its own
  primary sampling unit (R's ``id=~1``).
* Cluster ids are taken within strata, and stage-k ids within stage-(k-1) clusters
  (R's ``nest=TRUE``); ids that are already nested give the same design either way.
* ``fpc`` per stage is the population size of the stratum (or of the parent cluster at
  later stages), or the sampling fraction when every value is < 1, as R's ``as.fpc``.
* Without ``weights`` the weights come from the fpc (the product over stages of
  N/n); without either every row weighs 1.
* Without fpc the variance uses the first stage only ("with replacement", R's default
  ultimate-cluster approximation); with fpc at every stage it adds the later stages
  scaled by the earlier sampling fractions, as R's ``multistage()`` recursion does.
* A stratum with a single PSU that is not taken with certainty is an error, as R's
  default ``options(survey.lonely.psu = "fail")``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# R treats a stratum whose finite population correction is below this as sampled
# completely (a certainty stratum) and gives it zero variance.
CERTAINTY_TOLERANCE = 1e-7


class DesignError(ValueError):
    """The design cannot be built or cannot give a variance (e.g. a lonely PSU)."""


class Calibration(Protocol):
    """A weight adjustment that also changes the variance: before the design variance,
    influence values are replaced by their residuals from the calibration model."""

    def residuals(self, x: FloatArray) -> FloatArray: ...


@dataclass(frozen=True)
class Stage:
    """One sampling stage. ``stratum`` and ``cluster`` are dense integer codes per row;
    the arrays indexed by stratum hold its PSU count, its finite population correction
    ``1 - n/N`` (1 without fpc) and the product of the earlier stages' sampling fractions
    that scales this stage's variance."""

    stratum: IntArray
    cluster: IntArray
    cluster_stratum: IntArray  # stratum code of each cluster
    n_psu: FloatArray  # per stratum
    fpc_factor: FloatArray  # per stratum: 1 - n/N, or 1 when sampled with replacement
    fraction: FloatArray  # per stratum: n/N (0 when there is no fpc)
    scale: FloatArray  # per stratum: product of ancestor sampling fractions
    singletons: bool  # every cluster holds one row (e.g. no cluster ids)


def _codes(*columns: npt.ArrayLike) -> tuple[IntArray, int]:
    """Dense codes 0..k-1 for the combinations of the given columns, row by row, in the
    sorted order of the combinations."""
    codes: IntArray | None = None
    for column in columns:
        _, inverse = np.unique(np.asarray(column), return_inverse=True)
        inverse = inverse.reshape(-1).astype(np.int64)
        if codes is None:
            codes = inverse
        else:
            combined = codes * (int(inverse.max()) + 1 if inverse.size else 1) + inverse
            _, codes = np.unique(combined, return_inverse=True)
            codes = codes.reshape(-1).astype(np.int64)
    assert codes is not None
    return codes, int(codes.max()) + 1 if codes.size else 0


def _per_group_constant(values: FloatArray, group: IntArray, n_groups: int) -> FloatArray | None:
    """The value of each group when it is constant within the group, else None."""
    first = np.full(n_groups, np.nan)
    first[group[::-1]] = values[::-1]
    if not np.allclose(first[group], values, rtol=1e-12, atol=0.0):
        return None
    return first


@dataclass(frozen=True)
class Design:
    """An immutable survey design over ``n`` rows; see the module docstring."""

    weights: FloatArray
    stages: tuple[Stage, ...]
    has_strata: bool
    calibrations: tuple[Calibration, ...] = field(default=())

    @property
    def n(self) -> int:
        return int(self.weights.shape[0])

    @classmethod
    def build(
        cls,
        *,
        n: int,
        ids: Sequence[npt.ArrayLike] = (),
        strata: npt.ArrayLike | None = None,
        weights: npt.ArrayLike | None = None,
        fpc: Sequence[npt.ArrayLike] | None = None,
    ) -> Design:
        """Build a design from per-row columns. Raises DesignError for designs R would
        refuse: fpc for a different number of stages than ids, fpc not constant within a
        stratum, a population smaller than its sample, mixed fractions and sizes,
        non-positive weights."""
        id_columns = [np.asarray(c) for c in ids] or [np.arange(n)]
        for column in id_columns:
            if column.shape != (n,):
                raise DesignError(f"cluster ids must have one value per row ({n})")
        if fpc is not None and len(fpc) != len(id_columns):
            raise DesignError(
                f"fpc lists {len(fpc)} stage(s) but ids list {len(id_columns)}: give one per stage"
            )
        top_strata = np.zeros(n, dtype=np.int64) if strata is None else np.asarray(strata)
        if top_strata.shape != (n,):
            raise DesignError(f"strata must have one value per row ({n})")

        fpc_columns, fpc_sizes = _fpc_columns(fpc, n) if fpc is not None else ([], False)
        stages: list[Stage] = []
        stage_fractions: list[FloatArray] = []  # per row: n/N of each stage, for weights
        parent_scale = np.ones(n)
        stratum_codes, n_strata = _codes(top_strata)
        for k, column in enumerate(id_columns):
            if k > 0:
                # Later-stage strata are the parent clusters (R nests substrata in them).
                stratum_codes, n_strata = stages[-1].cluster, int(stages[-1].cluster.max()) + 1
            cluster_codes, n_clusters = _codes(stratum_codes, column)
            cluster_stratum = np.zeros(n_clusters, dtype=np.int64)
            cluster_stratum[cluster_codes] = stratum_codes
            n_psu = np.bincount(cluster_stratum, minlength=n_strata).astype(np.float64)
            scale = _per_group_constant(parent_scale, stratum_codes, n_strata)
            assert scale is not None  # ancestors are constant within nested strata
            if fpc is None:
                fpc_factor = np.ones(n_strata)
                fraction = np.zeros(n_strata)
            else:
                fraction = _stage_fraction(
                    fpc_columns[k], fpc_sizes, stratum_codes, n_strata, n_psu, k
                )
                fpc_factor = 1.0 - fraction
                stage_fractions.append(fraction[stratum_codes])
                parent_scale = parent_scale * fraction[stratum_codes]
            stages.append(
                Stage(
                    stratum=stratum_codes,
                    cluster=cluster_codes,
                    cluster_stratum=cluster_stratum,
                    n_psu=n_psu,
                    fpc_factor=fpc_factor,
                    fraction=fraction,
                    scale=scale,
                    singletons=n_clusters == n,
                )
            )
            if k == 0 and n_clusters < 2:
                raise DesignError("the design has only one primary sampling unit")
            if fpc is None:
                break  # with replacement: only the first stage enters the variance

        if weights is not None:
            w = np.asarray(weights, dtype=np.float64)
            if w.shape != (n,):
                raise DesignError(f"weights must have one value per row ({n})")
            if not np.all(np.isfinite(w)) or np.any(w <= 0):
                raise DesignError("weights must be positive numbers")
        elif stage_fractions:
            w = 1.0 / np.prod(np.vstack(stage_fractions), axis=0)
        else:
            w = np.ones(n)
        return cls(weights=w, stages=tuple(stages), has_strata=strata is not None)

    def degrees_of_freedom(self, rows: IntArray | None = None) -> int:
        """R's ``degf``: first-stage PSUs minus strata, counting only ``rows`` if given."""
        if rows is None:
            return self._full_degrees_of_freedom
        first = self.stages[0]
        clusters = np.bincount(first.cluster[rows], minlength=first.cluster_stratum.size)
        strata = np.bincount(first.stratum[rows], minlength=first.n_psu.size)
        return int(np.count_nonzero(clusters) - np.count_nonzero(strata))

    @cached_property
    def _full_degrees_of_freedom(self) -> int:
        first = self.stages[0]
        return int(first.cluster_stratum.size - np.unique(first.stratum).size)

    def calibrated(self, weights: FloatArray, calibration: Calibration) -> Design:
        """The same sampling structure with calibrated weights and one more adjustment."""
        return Design(
            weights=weights,
            stages=self.stages,
            has_strata=self.has_strata,
            calibrations=(*self.calibrations, calibration),
        )


def _fpc_columns(fpc: Sequence[npt.ArrayLike], n: int) -> tuple[list[FloatArray], bool]:
    """The fpc columns as floats, and whether they are population sizes (else fractions).
    As R's ``as.fpc`` the choice is made over all stages together."""
    columns = []
    for k, column in enumerate(fpc):
        values = np.asarray(column, dtype=np.float64)
        if values.shape != (n,) or not np.all(np.isfinite(values)) or np.any(values <= 0):
            raise DesignError(f"fpc (stage {k + 1}): every row needs a positive number")
        columns.append(values)
    any_size = any(bool(np.any(c > 1)) for c in columns)
    all_at_least_one = all(bool(np.all(c >= 1)) for c in columns)
    if any_size != all_at_least_one:
        raise DesignError(
            "fpc: give population sizes (all >= 1) or sampling fractions (all <= 1), not both"
        )
    return columns, any_size


def _stage_fraction(
    values: FloatArray,
    as_sizes: bool,
    stratum: IntArray,
    n_strata: int,
    n_psu: FloatArray,
    stage: int,
) -> FloatArray:
    """Sampling fraction n/N per stratum from one stage's fpc column."""
    label = f"fpc (stage {stage + 1})"
    per_stratum = _per_group_constant(values, stratum, n_strata)
    if per_stratum is None:
        raise DesignError(f"{label}: must be the same within each stratum / cluster")
    if not as_sizes:
        return per_stratum
    if np.any(per_stratum < n_psu):
        raise DesignError(f"{label}: a population size is smaller than its sample (> 100%)")
    return n_psu / per_stratum
