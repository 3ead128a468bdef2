"""The account page: two-factor set-up, backup codes, turning two-factor off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from tsunagari.audit.services import actor_for
from tsunagari.organizations.permissions import is_staff_user, needs_two_factor

from ..access import has_device, recent_auth_required, staff_required
from ..forms import INVALID_CODE, DeviceConfirmForm
from ..selectors import security_state_for, totp_setup_for
from ..services import (
    backup_codes_regenerate,
    totp_device_confirm,
    totp_device_pending,
    two_factor_disable,
)


@staff_required
def security(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/security.html", {"state": security_state_for(request.user)})


@login_required
@recent_auth_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the secret), confirm with a
    code, then see the backup codes once. Only for users without a second factor yet:
    replacing one needs turning it off first (with re-authentication)."""
    user = request.user
    if not is_staff_user(user):
        raise PermissionDenied
    if has_device(user):
        return redirect("accounts:security")
    device = totp_device_pending(user=user)  # type: ignore[arg-type]
    form = DeviceConfirmForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = totp_device_confirm(
            actor=actor_for(request),
            user=user,  # type: ignore[arg-type]
            device=device,
            code=form.cleaned_data["code"],
        )
        if codes is not None:
            otp_login(request, device)
            return render(
                request, "accounts/backup_codes.html", {"codes": codes, "first_time": True}
            )
        form.add_error("code", INVALID_CODE)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "setup": totp_setup_for(device), "required": needs_two_factor(user)},
    )


@staff_required
@recent_auth_required
@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Make new backup codes (the old ones stop working) and show them once."""
    if not has_device(request.user):
        return redirect("accounts:security")
    if request.method == "POST":
        codes = backup_codes_regenerate(actor=actor_for(request), user=request.user)  # type: ignore[arg-type]
        return render(request, "accounts/backup_codes.html", {"codes": codes})
    return render(request, "accounts/backup_codes_confirm.html")


@staff_required
@recent_auth_required
@require_http_methods(["GET", "POST"])
def two_factor_disable_view(request: HttpRequest) -> HttpResponse:
    """Turn two-factor off: only for users who do not need it (partners)."""
    user = request.user
    if needs_two_factor(user):
        raise PermissionDenied
    if not has_device(user):
        return redirect("accounts:security")
    if request.method == "POST":
        two_factor_disable(actor=actor_for(request), user=user)  # type: ignore[arg-type]
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        messages.success(request, _("2段階認証をやめました。"))
        return redirect("accounts:security")
    return render(request, "accounts/two_factor_disable.html")
