"""Who may read the audit record: coordinators (the events of their municipalities, see
selectors.events_visible_to) and platform administrators. Partners know the page
exists (it is in the staff menu), so they get 403, not 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from tsunagari.organizations.permissions import is_coordinator, is_platform_admin


def can_read_audit(user: Any) -> bool:
    return is_platform_admin(user) or is_coordinator(user)


def check_audit_reader(user: Any) -> None:
    """403 unless ``user`` may read audit events."""
    if not can_read_audit(user):
        raise PermissionDenied


def audit_reader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """403 for a signed-in user who may not read audit events (use under
    ``staff_required``, and above ``recent_auth_required`` so a partner is refused at
    once rather than asked for their password first)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        check_audit_reader(request.user)
        return view(request, *args, **kwargs)

    return wrapped
