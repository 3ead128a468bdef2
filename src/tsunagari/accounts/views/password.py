"""Passwords: change (after re-authentication) and reset through an e-mailed link."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, actor_for

from ..access import mark_password_entered, recent_auth_required, staff_required
from ..services import password_set


@staff_required
@recent_auth_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """A new password, twice. The current one was just asked by re-authentication."""
    user = cast(AbstractBaseUser, request.user)  # staff_required: signed in
    form = SetPasswordForm(user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_set(
            actor=actor_for(request),
            user=user,
            password=form.cleaned_data["new_password1"],
            action=AuditAction.PASSWORD_CHANGE,
        )
        # Stay signed in here; other sessions of this user end (their hash no longer fits).
        update_session_auth_hash(request, user)  # type: ignore[arg-type]
        mark_password_entered(request)
        messages.success(request, _("パスワードを変更しました。"))
        return redirect("accounts:security")
    return render(request, "accounts/password_change.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for the link. The answer is the same whether or not an account has that
    address, so the page does not tell who has an account."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_extra_email_context(self) -> dict[str, Any]:
        return {"site_name": settings.TSUNAGARI_SITE_NAME}

    @property
    def extra_email_context(self) -> dict[str, Any]:  # type: ignore[override]
        return self.get_extra_email_context()


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(require_http_methods(["GET", "POST"]), name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        # Instead of form.save(): the service sets the password, records the reset and
        # lifts a lockout; then what Django's view does after saving.
        password_set(
            actor=_actor_of(self.request, form.user),
            user=form.user,
            password=form.cleaned_data["new_password1"],
            action=AuditAction.PASSWORD_RESET,
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


def _actor_of(request: HttpRequest, user: Any) -> Actor:
    """The person who followed the link is the account's owner (not signed in yet)."""
    return Actor(
        label=user.get_username(),
        user_id=user.pk,
        request_id=getattr(request, "request_id", ""),
    )


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
