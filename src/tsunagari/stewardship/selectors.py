"""Reads for the stewardship pages, always through the access module's querysets, so a
list never shows what the detail page would refuse. Each read costs a fixed number of
queries whatever the page size."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jaconv
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from tsunagari.directory.models import Service
from tsunagari.organizations.permissions import (
    roles_of,
    services_editable_by,
    services_visible_to,
)

from .diff import RowChange, listing_diff
from .graph import Listing, listing_digest, listing_get
from .models import ChangeRequest
from .permissions import change_requests_to_review, change_requests_visible_to


def listings_for(user: Any, *, q: str = "") -> QuerySet[Service]:
    """The services ``user`` stewards or coordinates, by name, with whether an edit
    waits for review and the state and comment of the latest request."""
    qs = services_visible_to(user).select_related("municipality")
    q = q.strip()
    if q:
        kana = jaconv.hira2kata(jaconv.h2z(q))
        qs = qs.filter(Q(name__icontains=q) | Q(name_kana__icontains=kana))
    latest = ChangeRequest.objects.filter(service=OuterRef("pk")).order_by("-submitted_at", "-id")
    return qs.annotate(
        pending=Exists(
            ChangeRequest.objects.filter(
                service=OuterRef("pk"), status=ChangeRequest.Status.PENDING
            )
        ),
        latest_status=Subquery(latest.values("status")[:1]),
        latest_comment=Subquery(latest.values("comment")[:1]),
    ).order_by("name", "id")


def editable_ids(user: Any, service_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these services ``user`` may change (one query for a page)."""
    return set(services_editable_by(user).filter(pk__in=service_ids).values_list("id", flat=True))


def pending_for(service: Service) -> ChangeRequest | None:
    return ChangeRequest.objects.filter(
        service=service, status=ChangeRequest.Status.PENDING
    ).first()


def latest_returned(service: Service) -> ChangeRequest | None:
    """The latest request of the service when it was returned (the comment to show)."""
    latest = ChangeRequest.objects.filter(service=service).order_by("-submitted_at", "-id").first()
    return latest if latest and latest.status == ChangeRequest.Status.RETURNED else None


def edit_start(service: Service, current: Listing) -> tuple[Listing, ChangeRequest | None]:
    """What the edit form opens with: the returned proposal, when the organisation's last
    request came back and the listing is still what it was based on (so they correct it
    instead of starting again); else the listing as stored."""
    returned = latest_returned(service)
    if returned is not None and listing_digest(returned.base) == listing_digest(current):
        return returned.proposed, returned
    return current, returned


@dataclass
class Review:
    """A change request as its detail page shows it."""

    change_request: ChangeRequest
    changes: list[RowChange]
    # For a pending request whose listing changed since: how it changed.
    conflict: list[RowChange]


def review_get(change_request: ChangeRequest) -> Review:
    changes = listing_diff(change_request.base, change_request.proposed)
    conflict: list[RowChange] = []
    if change_request.status == ChangeRequest.Status.PENDING:
        current = listing_get(change_request.service)
        if listing_digest(current) != listing_digest(change_request.base):
            conflict = listing_diff(change_request.base, current)
    return Review(change_request, changes, conflict)


def queue_for(user: Any) -> tuple[QuerySet[ChangeRequest], QuerySet[ChangeRequest]]:
    """(pending requests ``user`` reviews, recent requests of ``user``'s organisations)."""
    to_review = change_requests_to_review(user).order_by("submitted_at", "id")
    own = (
        change_requests_visible_to(user)
        .filter(organization_id__in=list(roles_of(user)))
        .order_by("-submitted_at", "-id")
    )
    return to_review, own
