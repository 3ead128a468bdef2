"""Expected status of every stewardship URL per role (tests/staff_world.py).

``EXPECTED`` is for GET; ``EXPECTED_POST`` for the URLs that only accept POST (a GET
there answers 405 to every signed-in user, 302 to sign-in for anonymous). ``kwargs``
gives each URL's arguments from the world, creating the objects it needs (a pending
change request of service_a, submitted by editor_a)."""

from __future__ import annotations

from typing import Any

ROLES = ("anonymous", "viewer_a", "editor_a", "owner_a", "editor_b", "coord_x", "coord_y", "admin")


def _row(**statuses: int) -> dict[str, int]:
    assert set(statuses) == set(ROLES)
    return statuses


ALL_STAFF = _row(
    anonymous=302, viewer_a=200, editor_a=200, owner_a=200, editor_b=200, coord_x=200,
    coord_y=200, admin=200,
)  # fmt: skip
# service_a: org A's, in municipality X.
SERVICE_A_EDIT = _row(
    anonymous=302, viewer_a=403, editor_a=200, owner_a=200, editor_b=404, coord_x=200,
    coord_y=404, admin=200,
)  # fmt: skip
SERVICE_A_SEE = _row(
    anonymous=302, viewer_a=200, editor_a=200, owner_a=200, editor_b=404, coord_x=200,
    coord_y=404, admin=200,
)  # fmt: skip

EXPECTED: dict[str, dict[str, int]] = {
    "stewardship:listings": ALL_STAFF,
    "stewardship:service_edit": SERVICE_A_EDIT,
    "stewardship:service_archive": _row(
        anonymous=302, viewer_a=405, editor_a=405, owner_a=405, editor_b=405, coord_x=405,
        coord_y=405, admin=405,
    ),  # fmt: skip
    "stewardship:service_unarchive": _row(
        anonymous=302, viewer_a=405, editor_a=405, owner_a=405, editor_b=405, coord_x=405,
        coord_y=405, admin=405,
    ),  # fmt: skip
    "stewardship:review_queue": ALL_STAFF,
    "stewardship:review_detail": SERVICE_A_SEE,
    # Coordinators and administrators only: a file may hold any organisation's listings.
    "stewardship:bulk_import": _row(
        anonymous=302, viewer_a=403, editor_a=403, owner_a=403, editor_b=403, coord_x=200,
        coord_y=200, admin=200,
    ),  # fmt: skip
}

# POST (a redirect back to the edit page after archiving or queueing the archive).
EXPECTED_POST: dict[str, dict[str, int]] = {
    "stewardship:service_archive": _row(
        anonymous=302, viewer_a=403, editor_a=302, owner_a=302, editor_b=404, coord_x=302,
        coord_y=404, admin=302,
    ),  # fmt: skip
    "stewardship:service_unarchive": _row(
        anonymous=302, viewer_a=403, editor_a=302, owner_a=302, editor_b=404, coord_x=302,
        coord_y=404, admin=302,
    ),  # fmt: skip
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
