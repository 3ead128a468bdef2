"""The audit record: coordinators and administrators read it; partners know the page
exists (it is in the staff menu) and get 403. The export needs a recent password."""

from __future__ import annotations

import time
from typing import Any

from tsunagari.accounts.access import AUTH_AT_SESSION_KEY

from .roles import roles

READERS = roles(403, anonymous=302, coord_x=200, coord_y=200, admin=200)

EXPECTED: dict[str, dict[str, Any]] = {
    "audit:events": {"expect": READERS},
    "audit:export": {
        "expect": READERS,
        # The password was entered just now (re-authentication passed).
        "session": lambda w: {AUTH_AT_SESSION_KEY: int(time.time())},
    },
}
