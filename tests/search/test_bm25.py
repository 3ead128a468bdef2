"""Relevance among services that all match: the word's weight in each listing (BM25F) —
said often and in a short listing beats said once in a long one; the rarer of two words
counts more."""

from __future__ import annotations

import pytest

from tests.factories import make_service
from tsunagari.search.query import SearchQuery, search

pytestmark = pytest.mark.django_db


def listing(name, description):
    return make_service(name, description=description, schedules=(), phones=(), terms=())


def order(text):
    page = search(SearchQuery(text=text))
    return [hit.service_id for hit in page.hits]


def test_a_short_listing_about_the_word_ranks_above_a_long_one_mentioning_it(reference_data):
    about = listing("ゆうやけ", "夜の相談。相談は無料です。")
    long = listing(
        "あおぞらの家",
        "季節の行事、手芸、体操、お茶会、読書会、園芸、散歩、料理教室、音楽会などを"
        "毎週おこなっています。ご家族のご相談もどうぞ。地域のみなさんが集まる場所です。",
    )
    assert order("相談") == [about.id, long.id]


def test_the_rarer_of_two_words_weighs_more(reference_data):
    for n in range(6):  # 食堂 is common here, 夜間 is rare
        listing(f"まちの家{n}", "地域の食堂です。")
    many_common = listing("あおば", "食堂、食堂、食堂。夜間も。")
    many_rare = listing("わかば", "夜間、夜間、夜間。食堂も。")
    ranked = order("食堂 夜間")
    assert ranked == [many_rare.id, many_common.id]
