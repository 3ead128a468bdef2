"""Expected status of every stewardship URL per role (tests/staff_world.py).

In the shared format (tests/permissions/README.md). Archive and unarchive accept only
POST; the review page needs a pending change request, which its kwargs create."""

from __future__ import annotations

from typing import Any

ROLES = ("anonymous", "viewer_a", "editor_a", "owner_a", "editor_b", "coord_x", "coord_y", "admin")


def _row(*statuses: int) -> dict[str, int]:
    """Statuses in the order of ROLES."""
    return dict(zip(ROLES, statuses, strict=True))


#                anon viewer_a editor_a owner_a editor_b coord_x coord_y admin
ALL_STAFF = _row(302, 200, 200, 200, 200, 200, 200, 200)
# service_a: org A's, in municipality X.
SERVICE_A_EDIT = _row(302, 403, 200, 200, 404, 200, 404, 200)
SERVICE_A_SEE = _row(302, 200, 200, 200, 404, 200, 404, 200)
# Coordinators and administrators only: a file may hold any organisation's listings.
IMPORTERS = _row(302, 403, 403, 403, 403, 200, 200, 200)


def _pending_change(world: Any) -> dict[str, Any]:
    """A pending change request of service_a, submitted by editor_a."""
    from django.utils import timezone

    from tsunagari.stewardship.graph import listing_get
    from tsunagari.stewardship.models import ChangeRequest

    waiting = ChangeRequest.objects.filter(service=world.service_a).first()
    if waiting is not None:  # asked again in the same test: one pending edit per service
        return {"pk": waiting.pk}
    listing = listing_get(world.service_a)
    change = ChangeRequest.objects.create(
        service=world.service_a,
        organization=world.org_a,
        submitted_by=world.editor_a,
        submitted_at=timezone.now(),
        base=listing,
        proposed=listing,
    )
    return {"pk": change.pk}


def _service_a(world: Any) -> dict[str, Any]:
    return {"service_id": world.service_a.id}


EXPECTED: dict[str, dict[str, Any]] = {
    "stewardship:listings": {"expect": ALL_STAFF},
    "stewardship:service_edit": {
        "expect": SERVICE_A_EDIT,
        "kwargs": _service_a,
        "object_of": "org_a",
    },
    # POST: a redirect back to the edit page after archiving (or queueing the archive).
    "stewardship:service_archive": {
        "expect": _row(302, 403, 302, 302, 404, 302, 404, 302),
        "method": "POST",
        "kwargs": _service_a,
        "object_of": "org_a",
    },
    "stewardship:service_unarchive": {
        "expect": _row(302, 403, 302, 302, 404, 302, 404, 302),
        "method": "POST",
        "kwargs": _service_a,
        "object_of": "org_a",
    },
    "stewardship:review_queue": {"expect": ALL_STAFF},
    "stewardship:review_detail": {
        "expect": SERVICE_A_SEE,
        "kwargs": _pending_change,
        "object_of": "org_a",
    },
    "stewardship:bulk_import": {"expect": IMPORTERS},
}
