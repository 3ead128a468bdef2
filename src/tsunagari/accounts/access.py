"""The gate in front of every staff page: signed in, a place on the staff side, and, for
coordinators and administrators, a second factor verified in this session."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

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


# -- re-authentication (a stand-in with the accounts helper's contract: their version,
# with the re-authentication page, replaces this at merge) ------------------------------

# Session key holding the time (whole seconds since the epoch) the password was entered.
AUTH_AT_SESSION_KEY = "tsunagari_password_at"
REAUTH_SECONDS = 600


def password_entered_recently(request: HttpRequest) -> bool:
    entered = request.session.get(AUTH_AT_SESSION_KEY)
    return isinstance(entered, int) and 0 <= time.time() - entered <= REAUTH_SECONDS


def recent_auth_required(view: View) -> View:
    """Let the request through only if the password was entered in the last ten minutes;
    otherwise send the user to the re-authentication page (403 while it does not exist)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not password_entered_recently(request):
            try:
                page = reverse("accounts:reauth")
            except NoReverseMatch:
                raise PermissionDenied from None
            return HttpResponseRedirect(f"{page}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapped
