"""Public pages of the directory: anonymous, read-only, nothing about the visitor is
stored (no session, no cookie)."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors
from .forms import ServiceFilterForm

SERVICES_PER_PAGE = 50


def service_list(request: HttpRequest) -> HttpResponse:
    form = ServiceFilterForm(request.GET or None)
    filters = form.filters()
    paginator = Paginator(selectors.service_list(filters=filters), SERVICES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "directory/service_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "cards": selectors.service_cards(page.object_list),
        },
    )


def service_detail(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    detail = selectors.service_detail_get(service_id=service_id)
    return render(request, "directory/service_detail.html", {"detail": detail})


def source_list(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/source_list.html", {"sources": selectors.data_sources()})
