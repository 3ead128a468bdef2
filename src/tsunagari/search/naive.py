"""The plain ORM answer to a search: ``icontains`` on names and descriptions, tag filters as
subqueries, distance and open-now in Python.

It is correct but scans; the benchmark measures the indexed engine against it, and tests
use it as the reference the engine must agree with on small data."""

from __future__ import annotations

import math
import uuid
from collections import defaultdict

from django.db.models import Q, QuerySet

from tsunagari.directory.models import Attribute, Schedule, Service, ServiceAtLocation
from tsunagari.directory.selectors import services_public

from .opening import japan_time, open_state
from .query import SearchHit, SearchPage, SearchQuery

EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _with_terms(services: QuerySet[Service], codes: tuple[str, ...]) -> QuerySet[Service]:
    return services.filter(
        id__in=Attribute.objects.filter(
            link_entity="service", taxonomy_term__code__in=codes
        ).values("link_id")
    )


def filtered(query: SearchQuery) -> QuerySet[Service]:
    services = services_public()
    if query.municipality:
        services = services.filter(municipality_id=query.municipality)
    for group in (query.needs, query.audiences, query.service_types, query.channels):
        if group:
            services = _with_terms(services, group)
    for code in query.attributes:
        services = _with_terms(services, (code,))
    text = query.text.strip()
    if text:
        services = services.filter(
            Q(name__icontains=text)
            | Q(name_kana__icontains=text)
            | Q(description__icontains=text)
            | Q(organization__name__icontains=text)
        )
    return services


def _points(ids: list[uuid.UUID]) -> dict[uuid.UUID, list[tuple[float, float]]]:
    points: dict[uuid.UUID, list[tuple[float, float]]] = defaultdict(list)
    rows = ServiceAtLocation.objects.filter(
        service_id__in=ids, location__latitude__isnull=False, location__longitude__isnull=False
    ).values_list("service_id", "location__latitude", "location__longitude")
    for service_id, lat, lon in rows:
        if lat is not None and lon is not None:
            points[service_id].append((lat, lon))
    return points


def _schedules(ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Schedule]]:
    found: dict[uuid.UUID, list[Schedule]] = defaultdict(list)
    for schedule in Schedule.objects.filter(service_id__in=ids):
        found[schedule.service_id].append(schedule)  # type: ignore[index]
    at_locations = Schedule.objects.filter(service_at_location__service_id__in=ids).select_related(
        "service_at_location"
    )
    for schedule in at_locations:
        found[schedule.service_at_location.service_id].append(schedule)  # type: ignore[union-attr]
    return found


def search_naive(query: SearchQuery) -> SearchPage:
    text = query.text.strip()
    rows = list(filtered(query).values_list("id", "name", "name_kana"))
    ids = [row[0] for row in rows]
    points = _points(ids) if query.near else {}
    schedules = _schedules(ids)
    at = japan_time(query.open_at)
    hits = []
    for service_id, name, kana in rows:
        distance = None
        if query.near:
            candidates = [haversine_km(query.near, p) for p in points.get(service_id, [])]
            distance = min(candidates) if candidates else None
            if query.radius_km is not None and (distance is None or distance > query.radius_km):
                continue
        state = open_state(schedules.get(service_id, []), at)
        if query.open_at is not None and not state.open_now:
            continue
        score = 1.0
        if text and (text in name or text in kana):
            score += 1.0
        hits.append(
            SearchHit(
                service_id=service_id,
                score=score,
                distance_km=distance,
                open_now=state.open_now if state.known else None,
            )
        )
    hits.sort(key=lambda h: (-h.score, h.distance_km if h.distance_km is not None else 1e9))
    start = (max(query.page, 1) - 1) * query.per_page
    return SearchPage(query=query, hits=hits[start : start + query.per_page], total=len(hits))
