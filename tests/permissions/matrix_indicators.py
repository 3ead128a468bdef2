"""The indicators: the staff dashboard and its downloads for coordinators of the
municipality (X here; Y's coordinator gets 404) and administrators; partners are staff
but not readers of the dashboard (403). The published indicators and open data are
public."""

from __future__ import annotations

from typing import Any

from .roles import everyone, roles

X = "132098"
READERS = roles(403, anonymous=302, coord_x=200, coord_y=200, admin=200)
X_READERS = roles(403, anonymous=302, coord_x=200, coord_y=404, admin=200)
ON_X = {"code": X}

EXPECTED: dict[str, dict[str, Any]] = {
    "indicators:dashboard": {"expect": READERS},
    "indicators:staff_dashboard": {"expect": X_READERS, "kwargs": ON_X},
    "indicators:staff_csv": {"expect": X_READERS, "kwargs": {"code": X, "key": "needs"}},
    "indicators:staff_xlsx": {"expect": X_READERS, "kwargs": ON_X},
    "indicators:staff_pdf": {"expect": X_READERS, "kwargs": ON_X},
    "indicators:public_index": {"expect": everyone(200)},
    "indicators:public_dashboard": {"expect": everyone(200), "kwargs": ON_X},
    "indicators:public_csv": {"expect": everyone(200), "kwargs": {"code": X, "key": "places"}},
    "indicators:public_xlsx": {"expect": everyone(200), "kwargs": ON_X},
    "indicators:open_data": {"expect": everyone(200)},
    "indicators:open_metadata": {"expect": everyone(200)},
    "indicators:open_metadata_csv": {"expect": everyone(200)},
}
