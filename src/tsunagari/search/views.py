"""The public search page, its printable list and its QR code.

Every state is a plain GET URL (see ``directory/forms.py``). With htmx, the form and the
page links fetch only the results (``HX-Target: results``); without JavaScript the same
URLs return the whole page. Nothing about the visitor is stored."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse

from tsunagari.directory import selectors
from tsunagari.directory.forms import SEARCH_KEYS, SearchForm
from tsunagari.directory.selectors import ServiceCard

from .query import MAX_PER_PAGE, SearchPage, search

RESULTS_TARGET = "results"


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 10_000 else 1


def _cards(result: SearchPage) -> list[ServiceCard]:
    """Cards in the order of the hits, with each hit's distance and open state."""
    hits = {hit.service_id: hit for hit in result.hits}
    services = selectors.services_with_card_facts([hit.service_id for hit in result.hits])
    return [
        replace(
            card,
            distance_km=hits[card.service.id].distance_km,
            open_now=hits[card.service.id].open_now,
        )
        for card in selectors.service_cards(services)
    ]


def search_query_string(params: QueryDict) -> str:
    """Only the search parameters of ``params`` (no page, no view), for links to share."""
    pairs = [(key, value) for key in SEARCH_KEYS for value in params.getlist(key) if value]
    return urlencode(pairs)


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.search_query(page=_page_number(request))
    result = search(query)
    if query.page > result.pages:  # out of range: show the last page, not an error
        result = search(replace(query, page=result.pages))
    view = "map" if request.GET.get("view") == "map" else "list"
    cards = _cards(result)
    context = {
        "form": form,
        "result": result,
        "cards": cards,
        "view": view,
        "share_query": search_query_string(request.GET),
        "markers": [
            {
                "name": card.service.name,
                "lat": card.point[0],
                "lon": card.point[1],
                "url": reverse("directory:service_detail", args=[card.service.id]),
            }
            for card in cards
            if card.point is not None
        ],
        "tile_url": settings.TSUNAGARI_TILE_URL,
        "tile_attribution": settings.TSUNAGARI_TILE_ATTRIBUTION,
    }
    if request.headers.get("HX-Target") == RESULTS_TARGET:
        return render(request, "search/_results.html", context)
    return render(request, "search/search.html", context)


def print_page(request: HttpRequest) -> HttpResponse:
    """The same search as a list to print or hand over, with a QR code of its URL."""
    form = SearchForm(request.GET or None)
    result = search(form.search_query(per_page=MAX_PER_PAGE))
    share_query = search_query_string(request.GET)
    list_url = request.build_absolute_uri(reverse("search:search"))
    if share_query:
        list_url += "?" + share_query
    qr_svg = segno.make(list_url, error="m").svg_inline(
        scale=4, title="QR", dark="#000", light="#fff"
    )
    return render(
        request,
        "search/print.html",
        {
            "form": form,
            "result": result,
            "cards": _cards(result),
            "list_url": list_url,
            "qr_svg": qr_svg,
        },
    )
