"""Expected status per role for every freshness URL (see STAFF.md §permission matrix).

``URLS`` says how to call each URL: the method and the URL kwargs, built from the
permission world (``objects(world)`` creates what a URL needs, e.g. a report on
service_a). ``EXPECTED`` maps URL name -> role -> status. A POST that succeeds redirects
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


def objects(world: Any) -> dict[str, Any]:
    from tsunagari.freshness.services import report_create

    report = report_create(service=world.service_a, reason="phone")
    return {"service_a": world.service_a.pk, "report_a": report.pk}


URLS: dict[str, dict[str, Any]] = {
    "freshness:report": {"method": "get", "kwargs": {"service_id": "service_a"}},
    "freshness:report_thanks": {"method": "get", "kwargs": {"service_id": "service_a"}},
    "freshness:reports": {"method": "get", "kwargs": {}},
    "freshness:stale": {"method": "get", "kwargs": {}},
    "freshness:verify": {"method": "post", "kwargs": {"service_id": "service_a"}},
    "freshness:resolve": {"method": "post", "kwargs": {"report_id": "report_a"}},
}

EXPECTED: dict[str, dict[str, int]] = {
    "freshness:report": PUBLIC,
    "freshness:report_thanks": PUBLIC,
    "freshness:reports": EVERY_STAFF_ROLE,
    "freshness:stale": OVERSEERS,
    "freshness:verify": CHANGE_A,
    "freshness:resolve": CHANGE_A,
}
