"""Access to change requests, built on the one access module
(organizations/permissions.py): a request is seen by the members of the organisation
that stewards its service and by those who review in its municipality; it is decided by
reviewers only, and withdrawn by its submitter or an editor/owner of that organisation.
404 for what one may not see, 403 for what one may see but not do."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tsunagari.organizations.permissions import (
    EDITING_ROLES,
    can_review,
    coordinated_codes,
    is_platform_admin,
    roles_of,
)

from .models import ChangeRequest


def change_requests_visible_to(user: Any) -> QuerySet[ChangeRequest]:
    qs = ChangeRequest.objects.select_related("service", "service__municipality", "submitted_by")
    if is_platform_admin(user):
        return qs
    return qs.filter(
        Q(organization_id__in=list(roles_of(user)))
        | Q(service__municipality_id__in=coordinated_codes(user))
    )


def change_requests_to_review(user: Any) -> QuerySet[ChangeRequest]:
    """Pending requests in the municipalities ``user`` reviews (administrators: all)."""
    qs = change_requests_visible_to(user).filter(status=ChangeRequest.Status.PENDING)
    if is_platform_admin(user):
        return qs
    return qs.filter(service__municipality_id__in=coordinated_codes(user))


def can_withdraw(user: Any, change_request: ChangeRequest) -> bool:
    if change_request.submitted_by_id == user.pk:
        return True
    org = change_request.organization_id
    return org is not None and roles_of(user).get(org) in EDITING_ROLES


def change_request_for_user(
    user: Any, pk: int | str, *, review: bool = False, withdraw: bool = False
) -> ChangeRequest:
    """The change request, if ``user`` may see it (else 404); with ``review`` (approve or
    return) or ``withdraw``, 403 when they may see it but not do that."""
    try:
        change_request = change_requests_visible_to(user).get(pk=int(pk))
    except (ChangeRequest.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    if review and not can_review(user, change_request.service.municipality_id):
        raise PermissionDenied
    if withdraw and not can_withdraw(user, change_request):
        raise PermissionDenied
    return change_request
