"""The one search entry point for pages, the API and the navigator.

``search(SearchQuery(...))`` returns one page of hits, best first. The interface is the
contract; how it is answered (the index, ranking, distance, open-now) lives behind it.

Filter semantics (what a resident expects from tick boxes): within needs, audiences,
service types and channels any ticked term matches; attributes must all hold (匿名可 and
無料 means both). Groups combine with AND."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    needs: tuple[str, ...] = ()  # taxonomy term codes, e.g. "need.childcare"
    audiences: tuple[str, ...] = ()
    service_types: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()  # all must hold
    municipality: str = ""  # 全国地方公共団体コード (6 digits)
    open_at: dt.datetime | None = None  # aware; only services open at that moment
    near: tuple[float, float] | None = None  # (latitude, longitude)
    radius_km: float | None = None  # with ``near``: only services within this distance
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class SearchHit:
    service_id: uuid.UUID
    score: float
    distance_km: float | None = None  # from ``near``, to the service's nearest location
    open_now: bool | None = None  # at ``open_at`` (or now); None when hours are unknown


@dataclass
class SearchPage:
    query: SearchQuery
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    total_is_estimate: bool = False  # very common words: "about N"
    # With an estimate, only the best candidates are ranked: how many can be paged
    # through (the pages stop there rather than run into empty ones).
    reachable: int | None = None

    @property
    def pages(self) -> int:
        shown = self.total if self.reachable is None else min(self.total, self.reachable)
        return max(1, -(-shown // self.query.per_page))


def search(query: SearchQuery) -> SearchPage:
    """One page of public services matching ``query``, best first."""
    from .engine import search_indexed

    return search_indexed(query)
