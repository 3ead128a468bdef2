"""Signing in: password, then the second factor; re-authentication; the lockout page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import actor_for
from tsunagari.organizations.permissions import is_staff_user, needs_two_factor

from ..access import has_device, mark_password_entered
from ..forms import INVALID_CODE, ReauthForm, SecondFactorForm, SignInForm
from ..services import account_event_record, second_factor_verify


def safe_next(request: HttpRequest, default: str = "accounts:home") -> str:
    """The ``next`` parameter if it points into this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def _with_next(name: str, target: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse(name)}?{urlencode({'next': target})}"


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(lockout_limit=settings.AXES_FAILURE_LIMIT, **kwargs)

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        # The user_logged_in receiver records the sign-in and the time of the password.
        auth_login(self.request, form.get_user())
        target = self.get_success_url()
        user = self.request.user
        if has_device(user):
            return HttpResponseRedirect(_with_next("accounts:two_factor", target))
        if needs_two_factor(user):
            return redirect("accounts:two_factor_setup")
        return HttpResponseRedirect(target)


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app or a backup code."""
    user = request.user
    target = safe_next(request)
    if user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(target)
    if not has_device(user):
        if needs_two_factor(user) and is_staff_user(user):
            return redirect("accounts:two_factor_setup")
        return HttpResponseRedirect(target)
    form = SecondFactorForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor_verify(user=user, code=form.cleaned_data["code"])  # type: ignore[arg-type]
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(target)
        account_event_record(
            actor=actor_for(request),
            action=AuditAction.LOGIN_FAILED,
            user_id=user.pk,
            details={"step": "two_factor"},
        )
        form.add_error("code", INVALID_CODE)
    return render(request, "accounts/two_factor.html", {"form": form, "next": target})


@login_required
def reauth(request: HttpRequest) -> HttpResponse:
    """Ask the password again before a sensitive action (and a code, when the user has a
    second factor); then go back to the page that asked."""
    user = request.user
    if not is_staff_user(user):
        raise PermissionDenied
    target = safe_next(request)
    ask_code = has_device(user)
    form = ReauthForm(data=request.POST or None, request=request, ask_code=ask_code)
    if request.method == "POST" and form.is_valid():
        device = None
        if ask_code:
            device = second_factor_verify(user=user, code=form.cleaned_data["code"])  # type: ignore[arg-type]
            if device is None:
                form.add_error("code", INVALID_CODE)
        if not form.errors:
            if device is not None:
                otp_login(request, device)
            mark_password_entered(request)
            account_event_record(
                actor=actor_for(request), action=AuditAction.REAUTH, user_id=user.pk
            )
            return HttpResponseRedirect(target)
    return render(
        request,
        "accounts/reauth.html",
        {"form": form, "next": target, "minutes": settings.TSUNAGARI_REAUTH_SECONDS // 60},
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """The page shown instead of the sign-in form while an account is locked (django-axes
    calls this: AXES_LOCKOUT_CALLABLE). Says what happened, until when, and whom to ask;
    the same for an existing and an unknown user name."""
    from axes.helpers import get_client_username, get_cool_off
    from axes.models import AccessAttempt

    username = get_client_username(request, credentials) or ""
    cool_off = get_cool_off(request) or dt.timedelta(minutes=30)
    last = AccessAttempt.objects.filter(username=username).aggregate(last=Max("attempt_time"))
    until = (last["last"] or timezone.now()) + cool_off
    return render(
        request,
        "accounts/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cool_off_minutes": int(cool_off.total_seconds() // 60),
            "until": timezone.localtime(until),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
