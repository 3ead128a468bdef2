"""Candidates for the navigator: a few searches, then one batch read of what ranking and
the result need (names, terms, a phone, schedules). No query per candidate."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from tsunagari.directory.models import Attribute, Phone, Schedule, Service
from tsunagari.search.opening import open_state
from tsunagari.search.query import SearchQuery, search

PLACE_TYPES = ("type.ibasho", "type.salon", "type.kodomo_shokudo", "type.activity")
WINDOW_TYPES = ("type.consultation", "type.chiiki_houkatsu", "type.hotline", "type.medical")
REMOTE_CHANNELS = (
    "channel.phone",
    "channel.chat",
    "channel.sns",
    "channel.email",
    "channel.online",
)
TALK_NEEDS = ("need.talk", "need.general")
POOL = 60  # hits per search: enough to rank, small enough to read in one batch


@dataclass
class Candidate:
    id: uuid.UUID
    name: str
    url: str
    municipality: str
    terms: frozenset[str]
    phone: str = ""
    search_score: float = 0.0
    open_now: bool | None = None  # filled for the few that are ranked high
    schedules: list[Schedule] = field(default_factory=list)

    @property
    def remote(self) -> bool:
        """Usable from anywhere: open to other towns, and not only in person."""
        return "attr.out_of_area" in self.terms and not self.terms.isdisjoint(REMOTE_CHANNELS)

    @property
    def channels(self) -> list[str]:
        """Channel names as the navigator's ``how`` answers use them (phone, chat, …)."""
        return sorted(t.removeprefix("channel.") for t in self.terms if t.startswith("channel."))


def candidate_pool(*, needs: tuple[str, ...], municipality: str) -> dict[uuid.UUID, Candidate]:
    """Services worth ranking, a few searches of ``POOL`` hits each: near the resident
    (in ``municipality`` when given) for the needs, places to be, windows that listen,
    windows for the specific needs, and remote lines from anywhere."""
    specific = tuple(n for n in needs if n not in TALK_NEEDS)
    asked = tuple(dict.fromkeys((*needs, *TALK_NEEDS)))
    queries = [
        SearchQuery(needs=asked, municipality=municipality),
        SearchQuery(service_types=PLACE_TYPES, municipality=municipality),
        # Its own search: among a town's many places, volunteering could miss the pool.
        SearchQuery(service_types=("type.volunteer",), municipality=municipality),
        SearchQuery(needs=TALK_NEEDS, service_types=WINDOW_TYPES, municipality=municipality),
        SearchQuery(needs=asked, attributes=("attr.out_of_area",), channels=REMOTE_CHANNELS),
    ]
    if specific:
        queries.append(
            SearchQuery(needs=specific, service_types=WINDOW_TYPES, municipality=municipality)
        )
    scores: dict[uuid.UUID, float] = {}
    for query in queries:
        for hit in search(_sized(query)).hits:
            scores[hit.service_id] = max(scores.get(hit.service_id, 0.0), hit.score)
    return _read(scores)


def _sized(query: SearchQuery) -> SearchQuery:
    return SearchQuery(**{**query.__dict__, "per_page": POOL})


def _read(scores: dict[uuid.UUID, float]) -> dict[uuid.UUID, Candidate]:
    ids = list(scores)
    terms: dict[uuid.UUID, set[str]] = defaultdict(set)
    rows = Attribute.objects.filter(link_entity="service", link_id__in=ids).values_list(
        "link_id", "taxonomy_term__code"
    )
    for sid, code in rows:
        terms[sid].add(code)
    phones: dict[uuid.UUID, str] = {}
    own = Phone.objects.filter(service_id__in=ids).values_list("service_id", "number")
    at_place = Phone.objects.filter(location__service_at_locations__service_id__in=ids).values_list(
        "location__service_at_locations__service_id", "number"
    )
    for query in (own, at_place):
        for sid, number in query:
            if sid is not None and number:
                phones.setdefault(sid, number)
    services = Service.objects.filter(id__in=ids).values_list(
        "id", "name", "url", "municipality_id"
    )
    return {
        sid: Candidate(
            id=sid,
            name=name,
            url=url,
            municipality=municipality or "",
            terms=frozenset(terms.get(sid, ())),
            phone=phones.get(sid, ""),
            search_score=scores[sid],
        )
        for sid, name, url, municipality in services
    }


def fill_open_now(candidates: list[Candidate], at: dt.datetime) -> None:
    """Whether each is open at ``at`` (None when its hours are not known); two queries."""
    by_id = {c.id: c for c in candidates}
    for schedule in Schedule.objects.filter(service_id__in=list(by_id)):
        by_id[schedule.service_id].schedules.append(schedule)  # type: ignore[index]
    at_location = Schedule.objects.filter(
        service_at_location__service_id__in=list(by_id)
    ).select_related("service_at_location")
    for schedule in at_location:
        by_id[schedule.service_at_location.service_id].schedules.append(schedule)  # type: ignore[union-attr]
    for candidate in candidates:
        state = open_state(candidate.schedules, at)
        candidate.open_now = state.open_now if state.known else None
