"""Design-based survey estimation in numpy, matching R's ``survey`` package.

No Django here: the CLI and the benchmark use it directly.
"""

from .calibration import CalibrationError, calibrate, post_stratify, rake
from .design import Design, DesignError
from .estimators import PROPORTION_INTERVALS, Estimate, mean, proportion, ratio, total

__all__ = [
    "PROPORTION_INTERVALS",
    "CalibrationError",
    "Design",
    "DesignError",
    "Estimate",
    "calibrate",
    "mean",
    "post_stratify",
    "proportion",
    "rake",
    "ratio",
    "total",
]
