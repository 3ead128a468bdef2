"""Open now / open at: the index must agree with ``open_state`` (the one evaluator)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests.factories import make_service
from tsunagari.directory.models import Schedule
from tsunagari.search.opening import JST, open_state
from tsunagari.search.query import SearchQuery, search
from tsunagari.search.slots import weekly_hours

from .conftest import found

pytestmark = pytest.mark.django_db


def hours(byday="", opens=(9, 0), closes=(17, 0), freq="WEEKLY", **extra):
    return {
        "freq": freq,
        "byday": byday,
        "opens_at": dt.time(*opens),
        "closes_at": dt.time(*closes),
        **extra,
    }


SCHEDULES = {
    "weekdays, closed on holidays": [hours("MO,TU,WE,TH,FR", notes="祝日休み")],
    "saturday morning": [hours("SA", (10, 0), (12, 0))],
    "24 hours": [hours("", (0, 0), (23, 59), freq="DAILY")],
    "tuesday night, not over new year": [
        hours("TU", (22, 0), (2, 0), description="年末年始を除く")
    ],
    "second saturday": [hours("2SA", (13, 0), (15, 0), freq="MONTHLY")],
    "odd minutes": [hours("TH", (17, 45), (18, 15))],
    "wednesday, closed over new year": [hours("WE", (9, 30), (11, 30), notes="年末年始休み")],
    "mixed holiday rules": [
        hours("MO", (9, 0), (12, 0), notes="祝日は休み"),
        hours("TU", (13, 0), (15, 0)),
    ],
    "unknown hours": [],
}

DAYS = [
    dt.date(2026, 11, 23),  # Monday, 勤労感謝の日
    dt.date(2026, 11, 24),  # Tuesday
    dt.date(2026, 11, 25),  # Wednesday
    dt.date(2026, 11, 28),  # fourth Saturday
    dt.date(2026, 12, 12),  # second Saturday
    dt.date(2026, 12, 29),  # Tuesday, 年末年始
    dt.date(2026, 12, 30),  # Wednesday, 年末年始
    dt.date(2027, 1, 1),  # Friday, 元日
]
TIMES = [(0, 0), (1, 30), (2, 0), (9, 0), (9, 29), (10, 0), (11, 45), (13, 30), (17, 50), (22, 15)]


@pytest.fixture
def services(reference_data):
    return {
        label: make_service(label, schedules=schedules) for label, schedules in SCHEDULES.items()
    }


def _expected(services, at):
    open_now = {}
    for service in services.values():
        state = open_state(Schedule.objects.filter(service=service), at)
        open_now[service.id] = state.open_now if state.known else None
    return open_now


def test_open_at_agrees_with_open_state(services):
    for day, (hour, minute) in itertools.product(DAYS, TIMES):
        at = dt.datetime.combine(day, dt.time(hour, minute), JST)
        expected = _expected(services, at)
        assert set(found(open_at=at)) == {sid for sid, is_open in expected.items() if is_open}, at


def test_hits_found_open_at_a_time_say_so(services):
    at = dt.datetime(2026, 11, 28, 11, 0, tzinfo=JST)
    page = search(SearchQuery(per_page=100, open_at=at))
    assert page.total == len(page.hits) == 2  # Saturday morning, 24 hours
    assert all(hit.open_now is True for hit in page.hits)


def test_holiday_closes_a_weekday_service(services):
    holiday = dt.datetime(2026, 11, 23, 10, 0, tzinfo=JST)
    next_day = dt.datetime(2026, 11, 24, 10, 0, tzinfo=JST)
    weekday = services["weekdays, closed on holidays"].id
    assert weekday not in found(open_at=holiday)
    assert weekday in found(open_at=next_day)


def test_new_year_closes(services):
    wednesday = services["wednesday, closed over new year"].id
    assert wednesday in found(open_at=dt.datetime(2026, 11, 25, 10, 0, tzinfo=JST))
    assert wednesday not in found(open_at=dt.datetime(2026, 12, 30, 10, 0, tzinfo=JST))
    night = services["tuesday night, not over new year"].id
    assert night in found(open_at=dt.datetime(2026, 11, 25, 1, 30, tzinfo=JST))
    assert night not in found(open_at=dt.datetime(2026, 12, 30, 1, 30, tzinfo=JST))


def test_open_now_on_each_hit(services, monkeypatch):
    at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=JST)
    monkeypatch.setattr("tsunagari.search.engine.japan_time", lambda value=None: value or at)
    expected = _expected(services, at)
    page = search(SearchQuery(per_page=100))
    assert {hit.service_id: hit.open_now for hit in page.hits} == expected
    assert expected[services["unknown hours"].id] is None


def test_open_ranks_before_closed(services, monkeypatch):
    at = dt.datetime(2026, 11, 24, 10, 0, tzinfo=JST)
    monkeypatch.setattr("tsunagari.search.engine.japan_time", lambda value=None: value or at)
    page = search(SearchQuery(per_page=100))
    flags = [hit.open_now is True for hit in page.hits]
    assert flags == sorted(flags, reverse=True)


def test_masks_cover_every_open_moment():
    """Where the masks are not exact they are a superset: the engine never misses a
    service that open_state calls open."""

    class S:
        def __init__(self, **fields):
            self.__dict__.update(
                dict.fromkeys(("notes", "description", "bymonthday", "byday", "freq"), "")
            )
            self.__dict__.update(interval=None, dtstart=None, valid_from=None, valid_to=None)
            self.__dict__.update(fields)

    for schedules in SCHEDULES.values():
        objects = [S(**s) for s in schedules]
        week = weekly_hours(objects)
        start = dt.datetime(2026, 11, 23, tzinfo=JST)
        for step in range(14 * 48 * 2):
            at = start + dt.timedelta(minutes=15 * step)
            if open_state(objects, at).open_now:
                slot = (at.hour * 60 + at.minute) // 30
                assert week.masks[at.weekday()] & (1 << slot), (schedules, at)
