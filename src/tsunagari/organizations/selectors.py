"""Reads for the organisation pages (scoped by the access helpers in ``permissions``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from tsunagari.directory.models import Service

from .models import CoordinatorScope, Invitation, Membership, Organization
from .permissions import organizations_visible_to


def organizations_for_list(user: Any) -> QuerySet[Organization]:
    """The organisations ``user`` may see, with their member counts, by name."""
    return (
        organizations_visible_to(user)
        .select_related("listing__municipality")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("listing__name", "id")
    )


def members_of(organization: Organization) -> list[Membership]:
    """Members, owners first, then by user name."""
    order = {"owner": 0, "editor": 1, "viewer": 2}
    members = list(Membership.objects.filter(organization=organization).select_related("user"))
    members.sort(key=lambda m: (order.get(m.role, 9), m.user.get_username()))
    return members


def pending_invitations(organization: Organization) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organization=organization,
        accepted_at__isnull=True,
        revoked=False,
        expires_at__gt=timezone.now(),
    ).order_by("email")


def services_of(organization: Organization) -> QuerySet[Service]:
    return Service.objects.filter(organization_id=organization.listing_id).order_by("name")


def coordinator_scopes() -> QuerySet[CoordinatorScope]:
    return CoordinatorScope.objects.select_related("user", "municipality").order_by(
        "municipality_id", "user__username"
    )
