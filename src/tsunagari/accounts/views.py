from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_otp import login as otp_login
from django_otp.forms import OTPTokenForm

from tsunagari.organizations.permissions import (
    coordinated_codes,
    is_platform_admin,
    roles_of,
)

from .access import staff_required


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/home.html",
        {
            "is_admin": is_platform_admin(request.user),
            "municipality_codes": sorted(coordinated_codes(request.user)),
            "role_count": len(roles_of(request.user)),
        },
    )


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app."""
    form = OTPTokenForm(request.user, request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, request.user.otp_device)  # type: ignore[union-attr]
        return redirect("accounts:home")
    return render(request, "accounts/two_factor.html", {"form": form})
