"""Query parameters of ``/services`` turned into a ``SearchQuery``; a parameter that
cannot be understood raises ``ApiError`` naming it (422)."""

from __future__ import annotations

import math
import re
import uuid
from collections import defaultdict

from tsunagari.directory.models import TaxonomyTerm
from tsunagari.search.opening import JST, japan_time
from tsunagari.search.query import SearchQuery

from . import messages
from .errors import ApiError
from .schemas import ServiceFilters

MUNICIPALITY_CODE = re.compile(r"[0-9]{6}")
# The SearchQuery group each taxonomy's terms filter on.
GROUPS = {
    "need": "needs",
    "audience": "audiences",
    "service_type": "service_types",
    "channel": "channels",
    "attribute": "attributes",
}
# Short codes: "phone" for "channel.phone", "anonymous" for "attr.anonymous".
PREFIXES = {"need": "need.", "audience": "audience.", "channel": "channel.", "attribute": "attr."}
MAX_RADIUS_M = 1_000_000


def search_query(filters: ServiceFilters) -> SearchQuery:
    groups = _term_groups(filters)
    near, radius_km = parse_proximity(filters.proximity)
    open_at = None
    if filters.open_at is not None:
        moment = filters.open_at
        open_at = moment if moment.tzinfo is not None else moment.replace(tzinfo=JST)
    elif filters.open_now:
        open_at = japan_time()
    return SearchQuery(
        text=clean_text(filters.search),
        needs=groups["needs"],
        audiences=groups["audiences"],
        service_types=groups["service_types"],
        channels=groups["channels"],
        attributes=groups["attributes"],
        municipality=municipality_code(filters.municipality),
        open_at=open_at,
        near=near,
        radius_km=radius_km,
        page=filters.page,
        per_page=filters.per_page,
    )


def clean_text(text: str) -> str:
    """Search words without control characters (PostgreSQL refuses NUL in text)."""
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()


def municipality_code(value: str) -> str:
    value = value.strip()
    if value and not MUNICIPALITY_CODE.fullmatch(value):
        raise ApiError(422, str(messages.MUNICIPALITY), ["query", "municipality"])
    return value


def parse_proximity(value: str) -> tuple[tuple[float, float] | None, float | None]:
    """``"lat,lon"`` or ``"lat,lon,metres"`` → ((lat, lon), radius in km or None)."""
    if not value.strip():
        return None, None
    parts = [part.strip() for part in value.split(",")]
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        numbers = []
    if (
        len(numbers) not in (2, 3)
        or not all(math.isfinite(n) for n in numbers)
        or not -90 <= numbers[0] <= 90
        or not -180 <= numbers[1] <= 180
        or (len(numbers) == 3 and not 0 < numbers[2] <= MAX_RADIUS_M)
    ):
        raise ApiError(422, str(messages.PROXIMITY), ["query", "proximity"])
    radius_km = numbers[2] / 1000 if len(numbers) == 3 else None
    return (numbers[0], numbers[1]), radius_km


def _term_groups(filters: ServiceFilters) -> dict[str, tuple[str, ...]]:
    """Codes per SearchQuery group, from taxonomy_term_id and the per-taxonomy params."""
    wanted = {
        "taxonomy_term_id": filters.taxonomy_term_id,
        "need": filters.need,
        "audience": filters.audience,
        "channel": filters.channel,
        "attribute": filters.attribute,
    }
    groups: dict[str, list[str]] = defaultdict(list)
    if not any(wanted.values()):
        return {group: () for group in GROUPS.values()}
    terms = list(TaxonomyTerm.objects.values_list("id", "code", "taxonomy_label"))
    by_code = {code: (code, label) for _, code, label in terms if code}
    by_id = {str(term_id): (code, label) for term_id, code, label in terms}
    for param, values in wanted.items():
        unknown, unfilterable = [], []
        for value in values:
            found = _find_term(value.strip(), param, by_code, by_id)
            if found is None:
                unknown.append(value)
                continue
            code, label = found
            if label not in GROUPS or not code:
                unfilterable.append(value)
            elif param != "taxonomy_term_id" and label != param:
                unknown.append(value)  # a channel code given as an attribute, etc.
            elif code not in groups[GROUPS[label]]:
                groups[GROUPS[label]].append(code)
        if unknown:
            detail = messages.UNKNOWN_TERM.format(param=param, values=", ".join(unknown))
            raise ApiError(422, detail, ["query", param])
        if unfilterable:
            detail = messages.UNFILTERABLE_TERM.format(values=", ".join(unfilterable))
            raise ApiError(422, detail, ["query", param])
    return {group: tuple(groups[group]) for group in GROUPS.values()}


def _find_term(
    value: str,
    param: str,
    by_code: dict[str, tuple[str, str]],
    by_id: dict[str, tuple[str, str]],
) -> tuple[str, str] | None:
    if value in by_code:
        return by_code[value]
    prefix = PREFIXES.get(param, "")
    if prefix and prefix + value in by_code:
        return by_code[prefix + value]
    try:
        return by_id.get(str(uuid.UUID(value)))
    except ValueError:
        return None
