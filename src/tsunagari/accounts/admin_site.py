"""The Django admin behind the staff sign-in: one way in for the whole staff side."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class StaffAdminSite(OTPAdminSite):
    """Opens only to staff whose second factor is verified in this session (as
    django-otp's OTPAdminSite does), and signs people in through the staff sign-in page
    (password, then the two-factor step, with lockout and audit) instead of the
    admin's own form."""

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(target, login_url=reverse("accounts:login"))
