"""The gates in front of staff pages.

``staff_required``: signed in, a place on the staff side, and a second factor verified in
this session for everyone who must use one (coordinators, administrators, and anyone who
set one up). ``recent_auth_required``: the password was entered a short while ago, before
a sensitive action (changing a password, turning two-factor off, managing members)."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse

from tsunagari.organizations.permissions import is_staff_user, needs_two_factor

View = Callable[..., HttpResponse]

# Session key holding the time (seconds since the epoch) the password was last entered.
AUTH_AT_SESSION_KEY = "tsunagari_password_at"


def reauth_seconds() -> int:
    return int(getattr(settings, "TSUNAGARI_REAUTH_SECONDS", 600))


def mark_password_entered(request: HttpRequest) -> None:
    """Remember that the user just typed their password (sign-in or re-authentication)."""
    request.session[AUTH_AT_SESSION_KEY] = int(time.time())


def password_entered_recently(request: HttpRequest) -> bool:
    entered = request.session.get(AUTH_AT_SESSION_KEY)
    if not isinstance(entered, int):
        return False
    return 0 <= time.time() - entered <= reauth_seconds()


def has_device(user: Any) -> bool:
    """Whether ``user`` has a confirmed second-factor device (then it is always asked)."""
    from django_otp import user_has_device

    return bool(user.is_authenticated and user_has_device(user, confirmed=True))


def second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    """Where a signed-in user must go before any staff page, or None when they may pass:
    the two-factor step when they have a device not yet verified in this session; its
    set-up when they must use two-factor and have no device yet."""
    user = request.user
    # OTPMiddleware adds is_verified(); without it (a bare request) nothing is verified.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return None
    next_query = "?" + urlencode({"next": request.get_full_path()})
    if has_device(user):
        return HttpResponseRedirect(reverse("accounts:two_factor") + next_query)
    if needs_two_factor(user):
        return redirect("accounts:two_factor_setup")
    return None


def staff_required(view: View) -> View:
    """Anonymous users go to the sign-in page; users without any role get 403; users who
    have a second-factor device go to the two-factor step until they pass it in this
    session; coordinators and administrators without a device go to its set-up."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_user(user):
            raise PermissionDenied
        detour = second_factor_redirect(request)
        if detour is not None:
            return detour
        return view(request, *args, **kwargs)

    return wrapped


def recent_auth_required(view: View) -> View:
    """Let the request through only if the user entered their password within
    ``TSUNAGARI_REAUTH_SECONDS`` (default 600); otherwise send them to the re-authentication
    page, which comes back to this page afterwards. A POST is redirected too (nothing is
    done): the form is shown again after re-authentication and the user sends it again.
    Anonymous users go to the sign-in page. Use it under ``staff_required``."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not password_entered_recently(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:reauth')}?{query}")
        return view(request, *args, **kwargs)

    return wrapped
