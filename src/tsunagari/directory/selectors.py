"""Reads of the directory for the public (anonymous) pages.

What a resident may see is decided here, in one place: ``services_public()`` is the
policy as a queryset (only active services), and ``service_detail_get()`` is the one
lookup for a single service (404 for what is unknown or not public). Each read fetches
a bounded number of queries, whatever the page size."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from .models import (
    Address,
    Attribute,
    DataSource,
    Location,
    Municipality,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from .reference import taxonomy_rows

# Order in which tag groups are shown: what it is, what it helps with, for whom, how.
TAXONOMY_ORDER = ("service_type", "need", "audience", "channel", "attribute")
# Tags shown on a list card (the detail page shows every group).
CARD_TAXONOMIES = ("service_type", "need")


@dataclass(frozen=True)
class ServiceFilters:
    municipality: str = ""  # 全国地方公共団体コード
    need: str = ""  # taxonomy term code, e.g. "need.childcare"
    q: str = ""  # part of the name


@dataclass
class ServiceCard:
    """One service as the list shows it."""

    service: Service
    address: Address | None
    phone: Phone | None
    terms: list[TaxonomyTerm]


@dataclass
class TermGroup:
    key: str  # taxonomy key: need, audience, ...
    name: str  # its name for residents (Taxonomy.name)
    terms: list[TaxonomyTerm]


@dataclass
class LocationBlock:
    location: Location
    schedules: list[Schedule]


@dataclass
class ServiceDetail:
    service: Service
    locations: list[LocationBlock]
    phones: list[Phone]  # the service's own, then each location's
    schedules: list[Schedule]  # the service's own (a location's are in its block)
    term_groups: list[TermGroup]
    is_sample: bool
    languages: list[str] = field(default_factory=list)


def services_public() -> QuerySet[Service]:
    """Every service a resident may see."""
    return Service.objects.filter(status=Service.Status.ACTIVE)


def service_list(*, filters: ServiceFilters) -> QuerySet[Service]:
    """Public services matching the filters, in name order, with what a card shows
    prefetched (a fixed number of queries per page)."""
    services = services_public()
    if filters.municipality:
        services = services.filter(municipality_id=filters.municipality)
    if filters.need:
        services = services.filter(
            id__in=Attribute.objects.filter(
                link_entity="service", taxonomy_term__code=filters.need
            ).values("link_id")
        )
    if filters.q:
        services = services.filter(
            Q(name__icontains=filters.q)
            | Q(name_kana__icontains=filters.q)
            | Q(organization__name__icontains=filters.q)
        )
    return (
        services.select_related("organization", "municipality")
        .prefetch_related(
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                    "location__addresses", "location__phones"
                ),
            ),
            "phones",
        )
        .order_by("name", "id")
    )


def service_cards(services: Iterable[Service]) -> list[ServiceCard]:
    """Cards for one page of ``service_list()``: first address, first phone, and the
    type and need tags (one query for the tags of the whole page)."""
    page = list(services)
    terms = terms_by_service([s.id for s in page], taxonomies=CARD_TAXONOMIES)
    cards = []
    for service in page:
        locations = [sal.location for sal in service.service_at_locations.all()]
        addresses = [a for loc in locations for a in loc.addresses.all()]
        phones = list(service.phones.all()) + [p for loc in locations for p in loc.phones.all()]
        cards.append(
            ServiceCard(
                service=service,
                address=addresses[0] if addresses else None,
                phone=phones[0] if phones else None,
                terms=terms.get(service.id, []),
            )
        )
    return cards


def terms_by_service(
    service_ids: Sequence[uuid.UUID], *, taxonomies: Sequence[str] = TAXONOMY_ORDER
) -> dict[uuid.UUID, list[TaxonomyTerm]]:
    """Taxonomy terms linked to each service (HSDS attributes), without repeats, in
    ``TAXONOMY_ORDER`` and then code order."""
    attributes = (
        Attribute.objects.filter(
            link_entity="service",
            link_id__in=service_ids,
            taxonomy_term__taxonomy_label__in=taxonomies,
        )
        .select_related("taxonomy_term__taxonomy")
        .order_by("taxonomy_term__code")
    )
    found: dict[uuid.UUID, dict[uuid.UUID, TaxonomyTerm]] = defaultdict(dict)
    for attribute in attributes:
        found[attribute.link_id].setdefault(attribute.taxonomy_term_id, attribute.taxonomy_term)
    return {
        service_id: sorted(terms.values(), key=_term_order) for service_id, terms in found.items()
    }


def _term_order(term: TaxonomyTerm) -> tuple[int, str]:
    label = term.taxonomy_label
    rank = TAXONOMY_ORDER.index(label) if label in TAXONOMY_ORDER else len(TAXONOMY_ORDER)
    return rank, term.code


def service_detail_get(*, service_id: uuid.UUID) -> ServiceDetail:
    """Everything the detail page shows about one public service. Raises Http404 when
    the service does not exist or is not public (ended, paused)."""
    try:
        service = (
            services_public()
            .select_related("organization", "municipality", "source")
            .prefetch_related(
                "phones",
                "schedules",
                "cost_options",
                "languages",
                Prefetch(
                    "service_at_locations",
                    queryset=ServiceAtLocation.objects.select_related("location")
                    .prefetch_related(
                        "schedules",
                        "location__addresses",
                        "location__phones",
                        "location__schedules",
                        "location__accessibility",
                    )
                    .order_by("location__name", "id"),
                ),
            )
            .get(id=service_id)
        )
    except Service.DoesNotExist:
        raise Http404("no such public service") from None

    blocks = [
        LocationBlock(
            location=sal.location,
            schedules=list(sal.schedules.all()) + list(sal.location.schedules.all()),
        )
        for sal in service.service_at_locations.all()
    ]
    phones = list(service.phones.all())
    for block in blocks:
        phones.extend(p for p in block.location.phones.all() if p.number)
    terms = terms_by_service([service.id]).get(service.id, [])
    groups: dict[str, TermGroup] = {}
    for term in terms:
        key = term.taxonomy_label
        if key not in groups:
            name = term.taxonomy.name if term.taxonomy else key
            groups[key] = TermGroup(key=key, name=name, terms=[])
        groups[key].terms.append(term)
    source = service.source
    municipality = service.municipality
    return ServiceDetail(
        service=service,
        locations=blocks,
        phones=_unique_phones(phones),
        schedules=list(service.schedules.all()),
        term_groups=list(groups.values()),
        is_sample=bool(
            (source is not None and source.is_sample)
            or (municipality is not None and municipality.is_fictional)
        ),
        languages=[lang.name or lang.code for lang in service.languages.all()],
    )


def _unique_phones(phones: list[Phone]) -> list[Phone]:
    """The same number listed on the service and its location is shown once."""
    seen: set[str] = set()
    unique = []
    for phone in phones:
        key = "".join(ch for ch in phone.number if ch.isdigit()) or phone.number
        if key not in seen:
            seen.add(key)
            unique.append(phone)
    return unique


def municipalities_with_services() -> QuerySet[Municipality]:
    """Municipalities that have at least one public service (choices of the filter)."""
    return Municipality.objects.filter(
        code__in=services_public().values("municipality_id")
    ).order_by("code")


def need_choices() -> list[tuple[str, str]]:
    """(code, name) of every need term, in the order of the shipped taxonomy (which
    puts 話し相手・居場所 first); terms a coordinator added come after, by code."""
    seeded = [row["code"] for row in taxonomy_rows()]
    terms = TaxonomyTerm.objects.filter(taxonomy_label="need").values_list("code", "name")
    return sorted(
        terms,
        key=lambda t: (seeded.index(t[0]) if t[0] in seeded else len(seeded), t[0]),
    )


def data_sources() -> QuerySet[DataSource]:
    """Every source of directory data, for the attribution page."""
    return DataSource.objects.order_by("is_sample", "publisher", "file_name")
