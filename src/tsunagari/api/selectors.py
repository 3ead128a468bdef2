"""Reads behind the API. What is public is decided by the directory's own policy
(``services_public()``): an organization is shown when it runs a public service, a
service at a location when its service is public. Lists cost a fixed number of queries
per page; single objects are built by the HSDS exporter, so the API and the export
always agree."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from tsunagari.directory.exporters.hsds.services_json import hsds_list_objects, hsds_objects
from tsunagari.directory.models import (
    Organization,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tsunagari.directory.selectors import services_public
from tsunagari.search.query import SearchPage

from . import messages
from .errors import ApiError
from .schemas import Paging

JsonObject = dict[str, Any]


@dataclass
class Listing:
    """One page of a list, in the HSDS ``Page`` envelope's terms."""

    contents: list[JsonObject]
    total: int
    page: int
    per_page: int
    total_is_estimate: bool = False
    pages: int | None = None  # when fewer pages can be reached than the total suggests

    def envelope(self) -> dict[str, Any]:
        pages = self.pages or max(1, -(-self.total // self.per_page))
        return {
            "total_items": self.total,
            "total_pages": pages,
            "page_number": self.page,
            "size": len(self.contents),
            "first_page": self.page == 1,
            "last_page": self.page >= pages,
            "empty": not self.contents,
            "contents": self.contents,
        }


def _ordered(objects: list[JsonObject], ids: Sequence[uuid.UUID]) -> list[JsonObject]:
    by_id = {obj["id"]: obj for obj in objects}
    return [by_id[str(i)] for i in ids if str(i) in by_id]


def _listing(
    queryset: QuerySet[Any], table: str, paging: Paging, *, build: Any = hsds_list_objects
) -> Listing:
    """One page of ``queryset`` (already ordered) as HSDS objects of ``table``."""
    ids, total = _page_ids(queryset, paging)
    return Listing(_ordered(build(table, ids), ids), total, paging.page, paging.per_page)


def _page_ids(queryset: QuerySet[Any], paging: Paging) -> tuple[list[uuid.UUID], int]:
    total = queryset.count()
    start = (paging.page - 1) * paging.per_page
    ids = list(queryset.values_list("id", flat=True)[start : start + paging.per_page])
    return ids, total


def service_hits(result: SearchPage, *, full: bool) -> Listing:
    """The services of one search page, best first, as HSDS objects (the list shape, or
    fully nested) with distance and open-now from the search."""
    ids = [hit.service_id for hit in result.hits]
    build = hsds_objects if full else hsds_list_objects
    objects = {obj["id"]: obj for obj in build("service", ids)}
    contents = []
    for hit in result.hits:
        obj = objects.get(str(hit.service_id))
        if obj is None:
            continue  # ended between the search and this read
        if hit.distance_km is not None:
            obj["distance_km"] = round(hit.distance_km, 3)
        obj["open_now"] = hit.open_now
        contents.append(obj)
    return Listing(
        contents,
        result.total,
        result.query.page,
        result.query.per_page,
        total_is_estimate=result.total_is_estimate,
        pages=result.pages,
    )


def service_get(service_id: str) -> JsonObject:
    """A public service as a full HSDS object; ApiError 404 otherwise."""
    key = _uuid(service_id, messages.SERVICE_NOT_FOUND)
    if not services_public().filter(id=key).exists():
        raise ApiError(404, str(messages.SERVICE_NOT_FOUND))
    return hsds_objects("service", [key])[0]


def organizations_public() -> QuerySet[Organization]:
    return Organization.objects.filter(id__in=services_public().values("organization_id"))


def organization_list(paging: Paging, *, search: str = "", municipality: str = "") -> Listing:
    organizations = organizations_public()
    if search:
        organizations = organizations.filter(
            Q(name__icontains=search) | Q(name_kana__icontains=search)
        )
    if municipality:
        organizations = organizations.filter(municipality_id=municipality)
    return _listing(organizations.order_by("name", "id"), "organization", paging)


def organization_get(organization_id: str) -> JsonObject:
    """A full HSDS organization with its public services (HSDS list shape)."""
    key = _uuid(organization_id, messages.ORGANIZATION_NOT_FOUND)
    if not organizations_public().filter(id=key).exists():
        raise ApiError(404, str(messages.ORGANIZATION_NOT_FOUND))
    organization = hsds_objects("organization", [key])[0]
    service_ids = list(
        services_public()
        .filter(organization_id=key)
        .order_by("name", "id")
        .values_list("id", flat=True)
    )
    organization["services"] = _ordered(hsds_list_objects("service", service_ids), service_ids)
    return organization


def _service_at_locations() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(service__in=services_public())


def service_at_location_list(paging: Paging, *, municipality: str = "") -> Listing:
    links = _service_at_locations()
    if municipality:
        links = links.filter(service__municipality_id=municipality)
    listing = _listing(links.order_by("service__name", "id"), "service_at_location", paging)
    _attach_services(listing.contents, full=False)
    return listing


def service_at_location_get(link_id: str) -> JsonObject:
    key = _uuid(link_id, messages.SERVICE_AT_LOCATION_NOT_FOUND)
    if not _service_at_locations().filter(id=key).exists():
        raise ApiError(404, str(messages.SERVICE_AT_LOCATION_NOT_FOUND))
    link = hsds_objects("service_at_location", [key])[0]
    _attach_services([link], full=False)
    return link


def _attach_services(links: list[JsonObject], *, full: bool) -> None:
    ids = {uuid.UUID(link["service_id"]) for link in links if "service_id" in link}
    build = hsds_objects if full else hsds_list_objects
    services = {obj["id"]: obj for obj in build("service", ids)}
    for link in links:
        service = services.get(link.get("service_id", ""))
        if service is not None:
            link["service"] = service


def taxonomy_list(paging: Paging, *, search: str = "") -> Listing:
    taxonomies = Taxonomy.objects.all()
    if search:
        taxonomies = taxonomies.filter(name__icontains=search)
    return _listing(taxonomies.order_by("name", "id"), "taxonomy", paging, build=hsds_objects)


def taxonomy_get(taxonomy_id: str) -> JsonObject:
    key = _uuid(taxonomy_id, messages.TAXONOMY_NOT_FOUND)
    found = hsds_objects("taxonomy", [key])
    if not found:
        raise ApiError(404, str(messages.TAXONOMY_NOT_FOUND))
    return found[0]


def taxonomy_term_list(
    paging: Paging, *, search: str = "", taxonomy_id: uuid.UUID | None = None
) -> Listing:
    terms = TaxonomyTerm.objects.all()
    if search:
        terms = terms.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if taxonomy_id is not None:
        terms = terms.filter(taxonomy_id=taxonomy_id)
    ordered = terms.order_by("taxonomy_label", "code", "id")
    return _listing(ordered, "taxonomy_term", paging, build=hsds_objects)


def taxonomy_term_get(term_id: str) -> JsonObject:
    key = _uuid(term_id, messages.TERM_NOT_FOUND)
    found = hsds_objects("taxonomy_term", [key])
    if not found:
        raise ApiError(404, str(messages.TERM_NOT_FOUND))
    return found[0]


def _uuid(value: str, not_found: messages.Message) -> uuid.UUID:
    """An id from a path: anything that is not a UUID is simply not found (404)."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ApiError(404, str(not_found)) from None
