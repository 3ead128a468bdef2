"""Expected status per role for every freshness URL .

In the shared format (tests/permissions/README.md). A POST that succeeds redirects
(302); anonymous users are sent to the sign-in page (302)."""

from __future__ import annotations

from typing import Any

PUBLIC = {
    role: 200
    for role in (
        "anonymous",
        "viewer_a",
        "editor_a",
        "owner_a",
        "editor_b",
        "coord_x",
        "coord_y",
        "admin",
    )
}
EVERY_STAFF_ROLE = {**PUBLIC, "anonymous": 302}
# Overseeing (the stale view): coordinators and administrators only.
OVERSEERS = {
    **EVERY_STAFF_ROLE,
    "viewer_a": 403,
    "editor_a": 403,
    "owner_a": 403,
    "editor_b": 403,
}
# Changes to service_a (X, organisation A): its editors and owner, X's coordinator,
# administrators; A's viewer may see it (403); B's editor and Y's coordinator may not (404).
CHANGE_A = {
    "anonymous": 302,
    "viewer_a": 403,
    "editor_a": 302,
    "owner_a": 302,
    "editor_b": 404,
    "coord_x": 302,
    "coord_y": 404,
    "admin": 302,
}


def _service_a(world: Any) -> dict[str, Any]:
    return {"service_id": world.service_a.pk}


def _report_on_service_a(world: Any) -> dict[str, Any]:
    from tsunagari.freshness.services import report_create

    return {"report_id": report_create(service=world.service_a, reason="phone").pk}


EXPECTED: dict[str, dict[str, Any]] = {
    "freshness:report": {"expect": PUBLIC, "kwargs": _service_a},
    "freshness:report_thanks": {"expect": PUBLIC, "kwargs": _service_a},
    "freshness:reports": {"expect": EVERY_STAFF_ROLE},
    "freshness:stale": {"expect": OVERSEERS},
    "freshness:verify": {
        "expect": CHANGE_A,
        "method": "POST",
        "kwargs": _service_a,
        "object_of": "org_a",
    },
    "freshness:resolve": {
        "expect": CHANGE_A,
        "method": "POST",
        "kwargs": _report_on_service_a,
        "object_of": "org_a",
    },
}
