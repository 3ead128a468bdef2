"""The indexed search engine behind ``query.search``.

A query runs in three steps:

1. **Candidates** from the index: every query word's bigrams, the tag groups, the
   municipality and the grid cells of a radius form one full-text expression; "open at"
   is a bit test on the weekly masks. A count capped at ``COUNT_CAP`` comes first. Up
   to ``CANDIDATES`` matches are all read and ranked exactly. Beyond that (a word as
   common as 食堂 nationally) the engine reads bounded pools instead — the matches
   with the words in their *name* (they rank first anyway), the nearest ones in
   growing circles when a point is given, else the first in index order — and the
   total is an estimate (``total_is_estimate``).
2. **Exact checks** in Python on those candidates: the haversine distance to each
   location against the radius, and ``open_state`` for the few services whose hours
   the weekly masks cannot say exactly (monthly days, dated schedules, odd minutes).
3. **Ranking**: text relevance (BM25F over the candidates, name tokens weighing most,
   ``bm25.py``) scaled to at most 1, plus
   boosts — 2 when every word is in the name or reading, 0.5 when open, up to 0.5 for
   nearness — ties broken by distance, then name, then id, so a page never reorders
   between requests."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

import jpholiday

from . import bm25
from .backends import Backend, OpenCondition, Row, backend
from .geo import nearest_km, parse_points, radius_cells
from .index import municipality_token, schedules_of
from .normalise import QueryWord, query_words
from .opening import is_new_year_break, japan_time, open_state
from .query import SearchHit, SearchPage, SearchQuery
from .slots import slot_of

CANDIDATES = 500
COUNT_CAP = 5_000

NAME_BOOST = 2.0
OPEN_BOOST = 0.5
NEAR_BOOST = 0.5
NEAR_SCALE_KM = 2.0  # half the nearness boost at this distance
NEAR_RINGS_KM = (5.0, 20.0, 80.0)


@dataclass
class Scored:
    row: Row
    distance_km: float | None
    open_now: bool | None
    score: float = 0.0


def _filter_groups(query: SearchQuery) -> list[list[str]]:
    """Index-token groups: any one token of a group, every group."""
    groups = [list(g) for g in (query.needs, query.audiences, query.service_types, query.channels)]
    groups = [g for g in groups if g]
    groups.extend([code] for code in query.attributes)
    if query.municipality:
        groups.append([municipality_token(query.municipality)])
    if query.near is not None and query.radius_km is not None:
        cells = radius_cells(query.near, query.radius_km)
        if cells:
            groups.append(cells)
    return groups


def _open_by_mask(row: Row, condition: OpenCondition) -> bool | None:
    """Open at the moment per the masks; None when only open_state can say."""
    if not row.known:
        return None
    if not row.exact:
        return None
    if condition.holiday and row.closed_holidays:
        return False
    if condition.new_year and row.closed_new_year:
        return False
    return bool(row.mask & (1 << condition.slot))


def _verify_open(rows: Iterable[Scored], at: dt.datetime) -> None:
    """Ask open_state about rows the masks cannot decide."""
    pending = [s for s in rows if s.row.known and not s.row.exact]
    if not pending:
        return
    schedules = schedules_of([s.row.service_id for s in pending])
    for scored in pending:
        state = open_state(schedules.get(scored.row.service_id, []), at)
        scored.open_now = state.open_now if state.known else None


def _name_match(words: list[QueryWord], row: Row) -> bool:
    return bool(words) and all(word.text in row.name_folded for word in words)


def search_indexed(query: SearchQuery) -> SearchPage:
    """One page of public services matching ``query``, best first (see module doc)."""
    engine = backend()
    words = query_words(query.text)
    groups = _filter_groups(query)
    at = japan_time(query.open_at)
    weekday, slot = slot_of(at)
    moment = OpenCondition(
        weekday=weekday,
        slot=slot,
        holiday=jpholiday.is_holiday(at.date()),
        new_year=is_new_year_break(at.date()),
    )
    open_filter = moment if query.open_at is not None else None

    expression = engine.expression(words, groups, name_only=False)
    rank = engine.expression(words, [], name_only=False) if words else None
    matched = engine.count(expression, open_at=open_filter, cap=COUNT_CAP)
    complete = matched <= CANDIDATES
    if complete:
        rows = engine.fetch(
            expression, rank_expression=rank, day=weekday, open_at=open_filter, limit=CANDIDATES
        )
    else:
        rows = _bounded(engine, query, words, groups, rank, weekday, open_filter)

    scored = []
    for row in rows:
        distance = None
        if query.near is not None:
            distance = nearest_km(query.near, parse_points(row.points))
            if query.radius_km is not None and (distance is None or distance > query.radius_km):
                continue
        scored.append(Scored(row=row, distance_km=distance, open_now=_open_by_mask(row, moment)))
    if open_filter is not None:
        _verify_open(scored, at)
        scored = [s for s in scored if s.open_now]

    if complete:
        total, estimate = len(scored), False
    else:
        kept = len(scored) / len(rows) if rows else 1.0
        total, estimate = max(len(scored), round(matched * kept)), True

    _rank(scored, words)
    start = (max(query.page, 1) - 1) * query.per_page
    page = scored[start : start + query.per_page]
    if open_filter is None:
        _verify_open(page, at)
    hits = [
        SearchHit(
            service_id=s.row.service_id,
            score=s.score,
            distance_km=s.distance_km,
            open_now=s.open_now,
        )
        for s in page
    ]
    return SearchPage(
        query=query,
        hits=hits,
        total=total,
        total_is_estimate=estimate,
        reachable=len(scored) if estimate else None,
    )


def _bounded(
    engine: Backend,
    query: SearchQuery,
    words: list[QueryWord],
    groups: list[list[str]],
    rank: str | None,
    weekday: int,
    open_filter: OpenCondition | None,
) -> list[Row]:
    """Candidates when too many match: those with the words in their name (they rank
    first anyway), those nearest to ``near`` (growing circles until a page is full),
    then the first of the rest."""
    pools = []
    if words:
        named = engine.expression(words, groups, name_only=True)
        pools.append(
            engine.fetch(
                named, rank_expression=rank, day=weekday, open_at=open_filter, limit=CANDIDATES
            )
        )
    if query.near is not None and query.radius_km is None:
        needed = max(query.page, 1) * query.per_page
        for ring_km in NEAR_RINGS_KM:
            cells = radius_cells(query.near, ring_km) or []
            ring = engine.fetch(
                engine.expression(words, [*groups, cells], name_only=False),
                rank_expression=rank,
                day=weekday,
                open_at=open_filter,
                limit=CANDIDATES + 1,
            )
            pools.append(ring[:CANDIDATES])  # an inner circle is complete when small
            if len(ring) >= needed:
                break
    if sum(map(len, pools)) < max(query.page, 1) * query.per_page:
        expression = engine.expression(words, groups, name_only=False)
        pools.append(
            engine.fetch(
                expression, rank_expression=rank, day=weekday, open_at=open_filter, limit=CANDIDATES
            )
        )
    merged: dict[int, Row] = {}
    for pool in pools:
        for row in pool:
            merged.setdefault(row.doc_id, row)
    return list(merged.values())


def _rank(scored: list[Scored], words: list[QueryWord]) -> None:
    """Score and sort in place (see module doc)."""
    # BM25F over the candidates only, the same on both databases (see bm25.py).
    found = bm25.relevance([s.row.doc_id for s in scored], words) if words else {}
    relevance = [found.get(s.row.doc_id, 0.0) for s in scored]
    best = max(relevance, default=0.0)
    for s, value in zip(scored, relevance, strict=True):
        score = value / best if best > 0 else 0.0
        if _name_match(words, s.row):
            score += NAME_BOOST
        if s.open_now:
            score += OPEN_BOOST
        if s.distance_km is not None:
            score += NEAR_BOOST / (1 + s.distance_km / NEAR_SCALE_KM)
        s.score = round(score, 6)
    scored.sort(
        key=lambda s: (
            -s.score,
            s.distance_km if s.distance_km is not None else math.inf,
            s.row.name,
            s.row.key,
        )
    )
