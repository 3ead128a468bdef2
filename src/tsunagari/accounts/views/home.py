"""The staff home: where one stands (organisations, roles, municipalities) and the way in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import staff_required
from ..selectors import staff_home_for


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html", {"home": staff_home_for(request.user)})
