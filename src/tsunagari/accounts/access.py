"""The gate in front of every staff page: signed in, a place on the staff side, and, for
coordinators and administrators, a second factor verified in this session."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tsunagari.organizations.permissions import is_staff_user, needs_two_factor

View = Callable[..., HttpResponse]


def staff_required(view: View) -> View:
    """Anonymous users go to the sign-in page; users without any role get 403;
    coordinators and administrators without a verified second factor go to the
    two-factor step (or its set-up when they have no device yet)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_user(user):
            raise PermissionDenied
        # OTPMiddleware gives the user is_verified().
        if needs_two_factor(user) and not user.is_verified():  # type: ignore[attr-defined]
            return redirect("accounts:two_factor")
        return view(request, *args, **kwargs)

    return wrapped
