"""Very common words: the engine reads a bounded number of candidates and says when
its total is an estimate. Made visible here by lowering the bounds."""

from __future__ import annotations

import pytest

from tests.factories import make_service
from tsunagari.search import engine
from tsunagari.search.query import SearchQuery, search

pytestmark = pytest.mark.django_db

MACHIDA = (35.546631, 139.4386186)


@pytest.fixture
def many(reference_data, monkeypatch):
    monkeypatch.setattr(engine, "CANDIDATES", 4)
    monkeypatch.setattr(engine, "COUNT_CAP", 7)
    services = {
        f"desc{n}": make_service(
            f"ひだまり{n}", description="みんなの食堂です。", latitude=35.7, longitude=139.7
        )
        for n in range(8)
    }
    services["named"] = make_service(
        "あおぞら食堂", description="どなたでも。", latitude=35.7, longitude=139.7
    )
    services["near"] = make_service(
        "まちかど広場",
        description="食堂を開いています。",
        latitude=MACHIDA[0],
        longitude=MACHIDA[1],
    )
    return services


def test_common_word_puts_name_matches_first_and_estimates(many):
    page = search(SearchQuery(text="食堂"))
    assert page.hits[0].service_id == many["named"].id
    assert page.total_is_estimate
    assert page.total == 7  # counted no further than the cap


def test_few_matches_are_counted_exactly(many):
    page = search(SearchQuery(text="あおぞら"))
    assert not page.total_is_estimate
    assert page.total == 1


def test_nearest_are_found_among_many(many):
    page = search(SearchQuery(text="食堂", near=MACHIDA, per_page=2))
    # The name match first, as with few results; then the nearest, found among many.
    assert [hit.service_id for hit in page.hits] == [many["named"].id, many["near"].id]
    assert page.hits[1].distance_km == pytest.approx(0.0, abs=0.01)


def test_pages_stop_where_the_ranked_candidates_end(many):
    first = search(SearchQuery(text="食堂", per_page=2))
    # "About 7", but only the ranked candidates can be paged through: no empty pages.
    assert first.total == 7
    assert first.pages < 4
    last = search(SearchQuery(text="食堂", per_page=2, page=first.pages))
    assert last.hits
