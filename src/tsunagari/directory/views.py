"""Public pages of the directory: anonymous, read-only, nothing about the visitor is
stored (no session, no cookie). The search page is ``search/views.py``."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tsunagari.search.opening import open_state

from . import selectors
from .open_words import open_words


def service_detail(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    detail = selectors.service_detail_get(service_id=service_id)
    schedules = list(detail.schedules)
    for block in detail.locations:
        schedules.extend(block.schedules)
    markers = [
        {"name": block.location.name or detail.service.name, "lat": lat, "lon": lon, "url": ""}
        for block in detail.locations
        if (lat := block.location.latitude) is not None
        and (lon := block.location.longitude) is not None
    ]
    return render(
        request,
        "directory/service_detail.html",
        {
            "detail": detail,
            "open_words": open_words(open_state(schedules)),
            "markers": markers,
            "tile_url": settings.TSUNAGARI_TILE_URL,
            "tile_attribution": settings.TSUNAGARI_TILE_ATTRIBUTION,
        },
    )


def source_list(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/source_list.html", {"sources": selectors.data_sources()})
