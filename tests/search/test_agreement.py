"""The indexed engine against the plain ORM engine (``naive``) on the demo directory.

Filters must give the same services; a word must find at least what ``icontains``
finds (the index also knows readings, synonyms and words split by a space)."""

from __future__ import annotations

import datetime as dt

import pytest

from tsunagari.directory.demo import demo_load
from tsunagari.directory.models import Service
from tsunagari.search.naive import search_naive
from tsunagari.search.normalise import fold
from tsunagari.search.opening import JST
from tsunagari.search.query import SearchQuery, search

pytestmark = pytest.mark.django_db

MACHIDA = (35.546631, 139.4386186)
WORDS = ["相談", "食堂", "カフェ", "居場所", "夜間", "電話", "子育て", "サロン", "ダイヤル", "NPO"]
FILTERS = [
    {},
    {"needs": ("need.talk",)},
    {"needs": ("need.mental", "need.crisis")},
    {"audiences": ("audience.seniors",)},
    {"service_types": ("type.ibasho", "type.kodomo_shokudo")},
    {"channels": ("channel.phone", "channel.chat")},
    {"attributes": ("attr.free",)},
    {"attributes": ("attr.anonymous", "attr.24h")},
    {"near": MACHIDA, "radius_km": 3.0},
    {"near": MACHIDA, "radius_km": 0.8, "needs": ("need.talk",)},
    {"open_at": dt.datetime(2026, 11, 24, 19, 0, tzinfo=JST)},
    {"open_at": dt.datetime(2026, 11, 23, 10, 0, tzinfo=JST)},  # 勤労感謝の日
    {"open_at": dt.datetime(2027, 1, 2, 11, 0, tzinfo=JST)},  # 年末年始
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        from tsunagari.directory.reference import municipalities_load, taxonomy_seed

        atomic = transaction.atomic()
        atomic.__enter__()
        municipalities_load()
        taxonomy_seed()
        demo_load()
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _all(engine, query: SearchQuery):
    hits, page = [], 1
    while True:
        result = engine(SearchQuery(**{**query.__dict__, "page": page, "per_page": 100}))
        hits.extend(result.hits)
        if page >= result.pages:
            return result.total, hits
        page += 1


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_filters_agree(demo, filters):
    query = SearchQuery(**filters)
    total, hits = _all(search, query)
    naive_total, naive_hits = _all(search_naive, query)
    assert total == naive_total
    assert {h.service_id for h in hits} == {h.service_id for h in naive_hits}
    naive = {h.service_id: h for h in naive_hits}
    for hit in hits:
        expected = naive[hit.service_id]
        if expected.distance_km is None:
            assert hit.distance_km is None
        else:
            assert hit.distance_km == pytest.approx(expected.distance_km, abs=1e-6)
        if query.open_at is not None:
            assert hit.open_now is True


@pytest.mark.parametrize("word", WORDS)
def test_words_find_at_least_what_a_substring_finds(demo, word):
    query = SearchQuery(text=word)
    _, hits = _all(search, query)
    _, naive_hits = _all(search_naive, query)
    assert {h.service_id for h in naive_hits} <= {h.service_id for h in hits}
    if any(h.score > 1 for h in naive_hits):  # the word is in some name: those first
        first = Service.objects.get(id=hits[0].service_id)
        assert fold(word) in fold(first.name) + fold(first.name_kana)


@pytest.mark.parametrize("word", WORDS[:4])
def test_words_with_filters_agree(demo, word):
    query = SearchQuery(text=word, needs=("need.talk", "need.childcare"), near=MACHIDA)
    _, hits = _all(search, query)
    _, naive_hits = _all(search_naive, query)
    assert {h.service_id for h in naive_hits} <= {h.service_id for h in hits}
