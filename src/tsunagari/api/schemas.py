"""Request and response shapes of the API (pydantic, through django-ninja)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from tsunagari.navigator.advice import MAX_TEXT_LENGTH, MAX_TOPICS, MAX_WHERE_LENGTH
from tsunagari.search.query import MAX_PER_PAGE

from .openapi import (
    HsdsOrganization,
    HsdsServiceAtLocation,
    HsdsServiceHit,
    HsdsTaxonomy,
    HsdsTaxonomyTerm,
)

MAX_PAGE = 100_000  # far beyond any directory; keeps offsets within every backend's range
MAX_SEARCH_LENGTH = 200
MAX_NAVIGATOR_TEXT = MAX_TEXT_LENGTH


class ErrorItem(Schema):
    loc: list[str | int] = Field(description="Where the problem is, e.g. ['query', 'per_page'].")
    msg: str


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in Japanese and then English.")
    errors: list[ErrorItem] = Field(default_factory=list)


class ApiInfo(Schema):
    version: str = Field(description="HSDS version of this API.")
    profile: str = Field(description="URL of the information on the HSDS profile of this API.")
    openapi_url: str = Field(description="URL of the OpenAPI document of this API.")


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    per_page: int = Field(
        20, ge=1, le=MAX_PER_PAGE, description=f"Results per page, at most {MAX_PER_PAGE}."
    )


class Page(Schema):
    """The HSDS ``Page`` envelope of every list."""

    total_items: int = Field(description="The number of results in all pages.")
    total_pages: int = Field(description="The number of pages (at least 1).")
    page_number: int = Field(description="The number of this page, from 1.")
    size: int = Field(description="The number of results in this page.")
    first_page: bool
    last_page: bool
    empty: bool = Field(description="true when this page holds no results.")


class ServicePage(Page):
    total_items_estimated: bool = Field(
        False,
        description="Japan profile (tsunagari): true when total_items is an estimate "
        "(very common search words).",
    )
    contents: list[HsdsServiceHit]


class OrganizationPage(Page):
    contents: list[HsdsOrganization]


class ServiceAtLocationPage(Page):
    contents: list[HsdsServiceAtLocation]


class TaxonomyPage(Page):
    contents: list[HsdsTaxonomy]


class TaxonomyTermPage(Page):
    contents: list[HsdsTaxonomyTerm]


class ServiceFilters(Paging):
    search: str = Field(
        "", max_length=MAX_SEARCH_LENGTH, description="Words in names, readings and descriptions."
    )
    taxonomy_term_id: list[str] = Field(
        default_factory=list,
        description="Taxonomy term ids or codes (see /taxonomy_terms). Terms of one taxonomy "
        "match any; attributes must all hold; taxonomies combine with AND.",
    )
    need: list[str] = Field(default_factory=list, description="Need codes, e.g. need.talk.")
    audience: list[str] = Field(
        default_factory=list, description="Audience codes, e.g. audience.youth."
    )
    channel: list[str] = Field(
        default_factory=list, description="Channel codes (any matches), e.g. channel.phone."
    )
    attribute: list[str] = Field(
        default_factory=list, description="Attribute codes (all must hold), e.g. attr.anonymous."
    )
    municipality: str = Field(
        "", description="6-digit local government code (全国地方公共団体コード), e.g. 132098."
    )
    proximity: str = Field(
        "",
        description="'latitude,longitude' to sort by distance and report it, or "
        "'latitude,longitude,metres' to keep only services within that distance.",
    )
    open_now: bool = Field(False, description="Only services open now (Japan time).")
    open_at: dt.datetime | None = Field(
        None,
        description="Only services open at this moment (ISO 8601; without an offset it is "
        "read as Japan time). Overrides open_now.",
    )
    full: bool = Field(False, description="Fully nested service objects.")


class OrganizationFilters(Paging):
    search: str = Field("", max_length=MAX_SEARCH_LENGTH, description="Words in the name.")
    municipality: str = Field("", description="6-digit local government code.")


class ServiceAtLocationFilters(Paging):
    municipality: str = Field("", description="6-digit local government code of the service.")


class TaxonomyFilters(Paging):
    search: str = Field("", max_length=MAX_SEARCH_LENGTH, description="Words in the name.")


class TaxonomyTermFilters(TaxonomyFilters):
    taxonomy_id: uuid.UUID | None = Field(None, description="Only terms of this taxonomy.")


Topic = str
ForWhom = Literal["self", "family", "friend"]
Help = Literal["listen", "place", "expert", "info"]
How = Literal["in_person", "phone", "chat", "sns", "email"]
When = Literal["now", "night", "holiday"]


class NavigatorAnswers(Schema):
    """The navigator's answers; every one may be left out."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        "", max_length=MAX_NAVIGATOR_TEXT, description="What is on your mind, in your words."
    )
    topics: list[Topic] = Field(
        default_factory=list, max_length=MAX_TOPICS, description="Need codes, e.g. need.talk."
    )
    for_whom: ForWhom | None = Field(None, description="self, family or friend.")
    help: list[Help] = Field(default_factory=list, max_length=4)
    how: list[How] = Field(default_factory=list, max_length=5)
    when: list[When] = Field(default_factory=list, max_length=3)
    where: str = Field(
        "",
        max_length=MAX_WHERE_LENGTH,
        description="A municipality code or name, e.g. 132098 or 下松市 (optional).",
    )
    avoid_local: bool = Field(
        False, description="true: it is hard to talk near home; favour remote options."
    )


class CrisisLineOut(Schema):
    name: str
    phone: str
    hours: str
    url: str = ""


class RecommendationOut(Schema):
    id: uuid.UUID = Field(description="The HSDS service id (see /services/{id}).")
    name: str
    kind: Literal["place", "person", "specialist", "remote"]
    channels: list[str]
    why: str
    open_now: bool | None
    phone: str = ""
    url: str = ""


class NavigatorAdvice(Schema):
    crisis: bool = Field(description="true: show crisis_lines first.")
    crisis_lines: list[CrisisLineOut]
    recommendations: list[RecommendationOut]
    needs: list[str] = Field(default_factory=list, description="Need codes understood.")
