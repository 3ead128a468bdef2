"""Expected status of every stewardship URL per role (tests/staff_world.py).

``EXPECTED`` is for GET; ``EXPECTED_POST`` for the URLs that only accept POST (a GET
there answers 405 to every signed-in user, 302 to sign-in for anonymous). ``kwargs``
gives each URL's arguments from the world, creating the objects it needs (a pending
change request of service_a, submitted by editor_a)."""

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
POST_ONLY = _row(302, 405, 405, 405, 405, 405, 405, 405)
# Coordinators and administrators only: a file may hold any organisation's listings.
IMPORTERS = _row(302, 403, 403, 403, 403, 200, 200, 200)

EXPECTED: dict[str, dict[str, int]] = {
    "stewardship:listings": ALL_STAFF,
    "stewardship:service_edit": SERVICE_A_EDIT,
    "stewardship:service_archive": POST_ONLY,
    "stewardship:service_unarchive": POST_ONLY,
    "stewardship:review_queue": ALL_STAFF,
    "stewardship:review_detail": SERVICE_A_SEE,
    "stewardship:bulk_import": IMPORTERS,
}

# POST: a redirect back to the edit page after archiving (or queueing the archive).
EXPECTED_POST: dict[str, dict[str, int]] = {
    "stewardship:service_archive": _row(302, 403, 302, 302, 404, 302, 404, 302),
    "stewardship:service_unarchive": _row(302, 403, 302, 302, 404, 302, 404, 302),
}


def kwargs(world: Any) -> dict[str, dict[str, Any]]:
    """URL arguments per URL name, from the world."""
    from django.utils import timezone

    from tsunagari.stewardship.graph import listing_get
    from tsunagari.stewardship.models import ChangeRequest

    listing = listing_get(world.service_a)
    change = ChangeRequest.objects.create(
        service=world.service_a,
        organization=world.org_a,
        submitted_by=world.editor_a,
        submitted_at=timezone.now(),
        base=listing,
        proposed=listing,
    )
    service = {"service_id": world.service_a.id}
    return {
        "stewardship:service_edit": service,
        "stewardship:service_archive": service,
        "stewardship:service_unarchive": service,
        "stewardship:review_detail": {"pk": change.pk},
    }
