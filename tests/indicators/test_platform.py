"""Indicators from the platform's own data, computed on a small world."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import make_service
from tests.freshness.conftest import make_stale
from tsunagari.directory.models import Municipality
from tsunagari.indicators.models import Population
from tsunagari.indicators.platform import (
    freshness_table,
    hours_table,
    listings_by_municipality,
    needs_table,
    peers_table,
    places_table,
)
from tsunagari.indicators.tables import SUPPRESSED
from tsunagari.navigator.models import NeedCount

X = "132098"
SATURDAY_MORNING = {
    "freq": "WEEKLY",
    "byday": "SA",
    "opens_at": dt.time(10),
    "closes_at": dt.time(12),
}
WEEKDAY_DAY = {"freq": "WEEKLY", "byday": "MO,TU", "opens_at": dt.time(9), "closes_at": dt.time(17)}
pytestmark = pytest.mark.django_db


@pytest.fixture
def machida(reference_data):
    """Three public listings in 町田市: an evening 居場所, a Saturday 子ども食堂, a
    weekday 相談窓口 (and one that ended, which no indicator counts)."""
    make_service("夜のカフェ", terms=("type.ibasho", "need.talk"))
    make_service("土曜食堂", schedules=(SATURDAY_MORNING,), terms=("type.kodomo_shokudo",))
    make_service("相談窓口", schedules=(WEEKDAY_DAY,), terms=("type.consultation", "need.money"))
    make_service("終わった会", status="defunct", terms=("type.ibasho",))
    return listings_by_municipality([X])[X]


def _row(table, label):
    return next(row for row in table.rows if str(row[0]) == label)


def test_places_count_public_listings_by_field(machida) -> None:
    table = places_table(machida, None)
    assert _row(table, "すべて")[1:] == (3, None)
    assert _row(table, "居場所")[1] == 2  # the café and the 子ども食堂
    assert _row(table, "子育て")[1] == 1
    assert _row(table, "生活困窮")[1] == 1
    assert "人口データがありません" in str(table.note)


def test_places_per_10000_residents_with_population(machida) -> None:
    table = places_table(machida, 20_000)
    assert _row(table, "すべて")[1:] == (3, 1.5)
    assert _row(table, "居場所")[2] == 1.0
    assert table.chart_value == "per_10k"


def test_shares_open_in_the_evening_and_at_weekends(machida) -> None:
    table = hours_table(machida)
    # Thursday 17:30–18:30 reaches past 18:00; only the 子ども食堂 opens on a weekend day.
    assert _row(table, "夜（18時以降）")[1:] == (1, 3, 33.3)
    assert _row(table, "土曜・日曜")[1:] == (1, 3, 33.3)


def test_navigator_needs_count_only_weeks_of_ten_or_more(machida) -> None:
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday() + 7)
    NeedCount.objects.create(municipality=X, need="need.talk", week=monday, asked=30, unmet=10)
    NeedCount.objects.create(
        municipality=X, need="need.talk", week=monday - dt.timedelta(days=7), asked=9, unmet=9
    )
    NeedCount.objects.create(municipality=X, need="need.money", week=monday, asked=12, unmet=3)
    table = needs_table(X, machida, today=timezone.localdate())
    talk = _row(table, "話し相手・居場所")
    assert talk[1:4] == (30, 10, 33.3)  # the week of 9 is left out
    assert talk[4] == 2  # the café, and the 子ども食堂 (a place to be, by inference)
    money = _row(table, "生活困窮・お金")
    assert money[1] == 12 and money[2] is SUPPRESSED and money[3] is None  # 3 unmet < 10


def test_freshness_share_of_recently_verified_listings(machida, reference_data) -> None:
    from tsunagari.directory.models import Service

    make_stale(Service.objects.get(name="夜のカフェ"))
    table = freshness_table(X, today=timezone.localdate())
    assert _row(table, "すべて")[1:] == (3, 1, 66.7)
    assert _row(table, "居場所")[1:] == (2, 1, 50.0)


def test_peers_by_listings_without_population(machida) -> None:
    make_service("ちよだ相談室", municipality="131016")
    table = peers_table(Municipality.objects.get(code=X))
    assert table.extra["basis"] == "listings"
    assert [row[0] for row in table.rows] == ["町田市", "千代田区"]
    assert "掲載数が近い" in str(table.note)


def test_peers_by_population_when_loaded(machida) -> None:
    day = dt.date(2025, 1, 1)
    for code, count in (("132098", 600_000), ("131016", 68_000), ("132012", 560_000)):
        Population.objects.create(municipality_id=code, count=count, as_of=day)
    table = peers_table(Municipality.objects.get(code=X))
    assert table.extra["basis"] == "population"
    # 八王子市 (560,000) is closer in size to 町田市 than 千代田区 (68,000).
    assert [row[0] for row in table.rows] == ["町田市", "八王子市", "千代田区"]
    assert table.rows[0][1:4] == (600_000, 3, 0.05)
