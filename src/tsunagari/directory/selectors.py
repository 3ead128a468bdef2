"""Reads of the directory for the public (anonymous) pages.

What a resident may see is decided here, in one place: ``services_public()`` is the
policy as a queryset (only active services), and ``service_detail_get()`` is the one
lookup for a single service (404 for what is unknown or not public). Each read fetches
a bounded number of queries, whatever the page size."""

from __future__ import annotations

import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import jaconv
from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

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


@dataclass
class ServiceCard:
    """One service as the list shows it."""

    service: Service
    address: Address | None
    phone: Phone | None
    terms: list[TaxonomyTerm]
    point: tuple[float, float] | None = None  # first location with coordinates
    distance_km: float | None = None  # from the search's point, when it had one
    open_now: bool | None = None  # at the search's moment; None when hours are unknown


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


def services_with_card_facts(service_ids: Sequence[uuid.UUID]) -> list[Service]:
    """Public services by id, in the given order, with what a card shows prefetched
    (a fixed number of queries, whatever the number of ids)."""
    services = (
        services_public()
        .filter(id__in=service_ids)
        .select_related("organization", "municipality")
        .prefetch_related(
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location")
                .prefetch_related("location__addresses", "location__phones")
                .order_by("location__name", "id"),
            ),
            "phones",
        )
    )
    by_id = {service.id: service for service in services}
    return [by_id[i] for i in service_ids if i in by_id]


def service_cards(services: Iterable[Service]) -> list[ServiceCard]:
    """Cards for one page of ``services_with_card_facts()``: first address, first phone,
    where it is, and the type and need tags (one query for the tags of the whole page)."""
    page = list(services)
    terms = terms_by_service([s.id for s in page], taxonomies=CARD_TAXONOMIES)
    cards = []
    for service in page:
        locations = [sal.location for sal in service.service_at_locations.all()]
        addresses = [a for loc in locations for a in loc.addresses.all()]
        phones = list(service.phones.all()) + [p for loc in locations for p in loc.phones.all()]
        points = [
            (loc.latitude, loc.longitude)
            for loc in locations
            if loc.latitude is not None and loc.longitude is not None
        ]
        cards.append(
            ServiceCard(
                service=service,
                address=addresses[0] if addresses else None,
                phone=phones[0] if phones else None,
                terms=terms.get(service.id, []),
                point=points[0] if points else None,
            )
        )
    return cards


def terms_by_service(
    service_ids: Sequence[uuid.UUID], *, taxonomies: Sequence[str] = TAXONOMY_ORDER
) -> dict[uuid.UUID, list[TaxonomyTerm]]:
    """Taxonomy terms linked to each service (HSDS attributes), without repeats, in
    ``TAXONOMY_ORDER`` and then code order."""
    # Plain (service, term) pairs and the few dozen terms once: no model objects per link.
    terms = {t.id: t for t in TaxonomyTerm.objects.filter(taxonomy_label__in=taxonomies)}
    links = Attribute.objects.filter(link_entity="service", link_id__in=service_ids).values_list(
        "link_id", "taxonomy_term_id"
    )
    found: dict[uuid.UUID, dict[uuid.UUID, TaxonomyTerm]] = defaultdict(dict)
    for service_id, term_id in links:
        term = terms.get(term_id)
        if term is not None:
            found[service_id].setdefault(term_id, term)
    return {
        service_id: sorted(by_id.values(), key=_term_order) for service_id, by_id in found.items()
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


MUNICIPALITY_CHOICES_KEY = "directory:municipality-choices"


def municipality_choices(*, limit: int) -> list[tuple[str, str]] | None:
    """(code, name) of the municipalities with public services, or None when there are
    more than ``limit``. Cached: reading it scans every service, and it changes only
    when the directory does (``refresh_derived`` forgets it)."""
    found = cache.get(MUNICIPALITY_CHOICES_KEY)
    if found is None:
        codes = list(
            services_public()
            .order_by()
            .values_list("municipality_id", flat=True)
            .distinct()[: limit + 1]
        )
        if len(codes) > limit:
            found = "many"
        else:
            places = Municipality.objects.filter(code__in=codes).order_by("code")
            found = [(m.code, m.full_name) for m in places]
        cache.set(MUNICIPALITY_CHOICES_KEY, found, 300)
    return None if found == "many" else found


def forget_cached_choices() -> None:
    cache.delete(MUNICIPALITY_CHOICES_KEY)


def municipalities_with_services() -> QuerySet[Municipality]:
    """Municipalities that have at least one public service (choices of the filter)."""
    return Municipality.objects.filter(
        code__in=services_public().values("municipality_id")
    ).order_by("code")


def term_choices() -> dict[str, list[tuple[str, str]]]:
    """(code, name) of the terms of each taxonomy (need, audience, channel, attribute,
    service_type), in the order of the shipped taxonomy (which puts 話し相手・居場所
    first); terms a coordinator added come after, by code. Names are in the page's
    language where the taxonomy has one (``name_en``)."""
    seeded = [row["code"] for row in taxonomy_rows()]
    english = get_language() == "en"
    terms = TaxonomyTerm.objects.filter(taxonomy_label__in=TAXONOMY_ORDER).values_list(
        "taxonomy_label", "code", "name", "name_en"
    )
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for label, code, name, name_en in sorted(
        terms, key=lambda t: (seeded.index(t[1]) if t[1] in seeded else len(seeded), t[1])
    ):
        found[label].append((code, (name_en if english and name_en else name)))
    return dict(found)


def place_point(name: str) -> tuple[float, float] | None:
    """The representative point of a municipality named ``name`` (「町田市」, 「東京都町田市」,
    「まちだし」); None when no municipality has that name or it has no coordinates."""
    text = unicodedata.normalize("NFKC", name).strip().replace(" ", "")
    if not text:
        return None
    kana = jaconv.hira2kata(text)
    # 「町田」 for 町田市; 「東京都町田市」 split after its prefecture (3 or 4 characters).
    match = Q(name=text) | Q(name_kana=kana) | Q(code=text)
    match |= Q(name__in=[text + suffix for suffix in "市区町村"])
    for cut in (3, 4):
        match |= Q(prefecture=text[:cut], name=text[cut:])
    found = (
        Municipality.objects.filter(match, latitude__isnull=False, longitude__isnull=False)
        .order_by("code")
        .first()
    )
    if found is None or found.latitude is None or found.longitude is None:
        return None
    return (found.latitude, found.longitude)


def data_sources() -> QuerySet[DataSource]:
    """Every source of directory data, for the attribution page."""
    return DataSource.objects.order_by("is_sample", "publisher", "file_name")
