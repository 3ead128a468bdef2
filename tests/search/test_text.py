"""Finding services by words: Japanese spelling variants, readings, short words, ranking."""

from __future__ import annotations

import pytest

from tests.factories import make_service
from tsunagari.search.query import SearchQuery, search

from .conftest import found

pytestmark = pytest.mark.django_db


def listing(name, **fields):
    """A service without hours, phones or tags, so that what inference derives from
    them (e.g. 夜間 from evening hours, whose tag name is searchable) stays out of
    these word tests."""
    return make_service(name, schedules=(), phones=(), terms=(), **fields)


@pytest.fixture
def listings(reference_data):
    return {
        "cafe": listing("つながりカフェ", name_kana="ツナガリカフェ"),
        "consult": listing(
            "福祉総合相談窓口",
            name_kana="フクシソウゴウソウダンマドグチ",
            description="暮らしの困りごとを伺います。",
        ),
        "kitchen": listing(
            "にこにこ清風食堂",
            name_kana="ニコニコセイフウショクドウ",
            description="子供から大人まで、夜間も開いています。",
        ),
        "salon": listing(
            "ふれあいサロン",
            description="シニアの方の集いの場。食堂の二階です。",
        ),
    }


def test_two_character_words(listings):
    assert found(text="相談") == [listings["consult"].id]
    assert set(found(text="食堂")) == {listings["kitchen"].id, listings["salon"].id}
    assert found(text="夜間") == [listings["kitchen"].id]


def test_one_character_word(listings):
    assert found(text="夜") == [listings["kitchen"].id]


def test_hiragana_finds_kanji_names_through_the_reading(listings):
    assert found(text="せいふう") == [listings["kitchen"].id]
    assert found(text="セイフウ") == [listings["kitchen"].id]
    assert found(text="ｾｲﾌｳ") == [listings["kitchen"].id]
    # 相談 and そうだん are one word, so the reading of 相談窓口 also answers 相談.
    assert found(text="そうだん") == [listings["consult"].id]


def test_synonyms(listings):
    assert found(text="こども") == [listings["kitchen"].id]
    assert found(text="子ども") == [listings["kitchen"].id]
    assert found(text="高齢者") == [listings["salon"].id]
    assert found(text="お年寄り") == [listings["salon"].id]


def test_every_word_must_match(listings):
    assert found(text="食堂 夜間") == [listings["kitchen"].id]
    assert found(text="食堂 相談") == []


def test_words_across_a_space_in_the_listing(reference_data):
    service = listing("子ども 食堂 ひまわり")
    assert found(text="子ども食堂") == [service.id]


def test_name_matches_rank_first(listings):
    result = search(SearchQuery(text="食堂"))
    assert [hit.service_id for hit in result.hits] == [
        listings["kitchen"].id,  # 食堂 in its name
        listings["salon"].id,  # only in its description
    ]
    assert result.hits[0].score > result.hits[1].score


def test_equal_hits_keep_one_order(reference_data):
    for n in range(5):
        listing(f"ひだまり{n}", description="同じ説明です。")
    first = found(text="同じ説明")
    assert len(first) == 5
    assert found(text="同じ説明") == first


def test_no_match_and_empty_query(listings):
    assert search(SearchQuery(text="宇宙飛行士")).total == 0
    assert search(SearchQuery(text="")).total == len(listings)
    assert search(SearchQuery(text="・・")).total == len(listings)


def test_paging(listings):
    first = search(SearchQuery(per_page=3))
    second = search(SearchQuery(per_page=3, page=2))
    assert first.total == 4 and first.pages == 2
    assert len(first.hits) == 3 and len(second.hits) == 1
    assert {h.service_id for h in first.hits + second.hits} == {s.id for s in listings.values()}
