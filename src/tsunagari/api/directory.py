"""The HSDS 3.0 API endpoints (https://docs.openreferral.org, API reference): services,
organizations, services at locations, taxonomies and terms, each list in the HSDS
``Page`` envelope. Services are found through ``tsunagari.search.query.search()``, the
same engine the pages use, so the API and the pages agree."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router

from tsunagari.search.query import search

from . import selectors
from .filters import clean_text, municipality_code, search_query
from .openapi import (
    HsdsOrganization,
    HsdsService,
    HsdsServiceAtLocation,
    HsdsTaxonomy,
    HsdsTaxonomyTerm,
)
from .schemas import (
    ApiInfo,
    ErrorOut,
    OrganizationFilters,
    OrganizationPage,
    ServiceAtLocationFilters,
    ServiceAtLocationPage,
    ServiceFilters,
    ServicePage,
    TaxonomyFilters,
    TaxonomyPage,
    TaxonomyTermFilters,
    TaxonomyTermPage,
)

router = Router(tags=["HSDS 3.0"])

HSDS_VERSION = "3.0"
LIST_ERRORS: dict[int, Any] = {422: ErrorOut}
OBJECT_ERRORS: dict[int, Any] = {404: ErrorOut}


@router.get("/", response=ApiInfo, summary="About this API and HSDS")
def api_info(request: HttpRequest) -> dict[str, str]:
    return {
        "version": HSDS_VERSION,
        "profile": request.build_absolute_uri(reverse("api:openapi-view")),
        "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
    }


@router.get(
    "/services",
    response={200: ServicePage, **LIST_ERRORS},
    summary="Public services, best match first",
)
def service_list(request: HttpRequest, filters: Query[ServiceFilters]) -> dict[str, Any]:
    result = search(search_query(filters))
    listing = selectors.service_hits(result, full=filters.full)
    return {**listing.envelope(), "total_items_estimated": listing.total_is_estimate}


@router.get(
    "/services/{id}",
    response={200: HsdsService, **OBJECT_ERRORS},
    summary="One public service, fully nested",
)
def service_detail(request: HttpRequest, id: str) -> dict[str, Any]:
    return selectors.service_get(id)


@router.get(
    "/organizations",
    response={200: OrganizationPage, **LIST_ERRORS},
    summary="Organizations that run a public service",
)
def organization_list(request: HttpRequest, filters: Query[OrganizationFilters]) -> dict[str, Any]:
    listing = selectors.organization_list(
        filters,
        search=clean_text(filters.search),
        municipality=municipality_code(filters.municipality),
    )
    return listing.envelope()


@router.get(
    "/organizations/{id}",
    response={200: HsdsOrganization, **OBJECT_ERRORS},
    summary="One organization, with its public services",
)
def organization_detail(request: HttpRequest, id: str) -> dict[str, Any]:
    return selectors.organization_get(id)


@router.get(
    "/service_at_locations",
    response={200: ServiceAtLocationPage, **LIST_ERRORS},
    summary="Public services at their locations",
)
def service_at_location_list(
    request: HttpRequest, filters: Query[ServiceAtLocationFilters]
) -> dict[str, Any]:
    listing = selectors.service_at_location_list(
        filters, municipality=municipality_code(filters.municipality)
    )
    return listing.envelope()


@router.get(
    "/service_at_locations/{id}",
    response={200: HsdsServiceAtLocation, **OBJECT_ERRORS},
    summary="One public service at one location",
)
def service_at_location_detail(request: HttpRequest, id: str) -> dict[str, Any]:
    return selectors.service_at_location_get(id)


@router.get("/taxonomies", response={200: TaxonomyPage, **LIST_ERRORS}, summary="Taxonomies")
def taxonomy_list(request: HttpRequest, filters: Query[TaxonomyFilters]) -> dict[str, Any]:
    return selectors.taxonomy_list(filters, search=clean_text(filters.search)).envelope()


@router.get(
    "/taxonomies/{id}", response={200: HsdsTaxonomy, **OBJECT_ERRORS}, summary="One taxonomy"
)
def taxonomy_detail(request: HttpRequest, id: str) -> dict[str, Any]:
    return selectors.taxonomy_get(id)


@router.get(
    "/taxonomy_terms",
    response={200: TaxonomyTermPage, **LIST_ERRORS},
    summary="Taxonomy terms (needs, audiences, channels, attributes, service types)",
)
def taxonomy_term_list(request: HttpRequest, filters: Query[TaxonomyTermFilters]) -> dict[str, Any]:
    listing = selectors.taxonomy_term_list(
        filters, search=clean_text(filters.search), taxonomy_id=filters.taxonomy_id
    )
    return listing.envelope()


@router.get(
    "/taxonomy_terms/{id}",
    response={200: HsdsTaxonomyTerm, **OBJECT_ERRORS},
    summary="One taxonomy term",
)
def taxonomy_term_detail(request: HttpRequest, id: str) -> dict[str, Any]:
    return selectors.taxonomy_term_get(id)
