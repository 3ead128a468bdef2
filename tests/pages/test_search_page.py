"""The search page (``/``), its htmx fragment, the map view and the printable list."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from tests.factories import make_service
from tsunagari.search.opening import JST

pytestmark = pytest.mark.usefixtures("reference_data")

SEARCH_URL = reverse("search:search")
PRINT_URL = reverse("search:print")

ALWAYS_OPEN = {"freq": "DAILY", "opens_at": dt.time(0, 0), "closes_at": dt.time(23, 59)}


def names_on(response) -> list[str]:
    return [card.service.name for card in response.context["cards"]]


def test_search_page_lists_services_with_their_facts(client):
    make_service(
        "つながりカフェ",
        organization="NPO法人 まちのつながり",
        phones=["042-722-3111"],
        terms=["type.ibasho", "need.talk", "attr.free"],
    )
    make_service("おわった教室", status="defunct")

    response = client.get(SEARCH_URL)

    assert response.status_code == 200
    assert names_on(response) == ["つながりカフェ"]
    html = response.content.decode()
    assert "1件" in html
    assert "NPO法人 まちのつながり" in html
    assert "町田市森野2-2-22" in html
    assert '<a href="tel:042-722-3111">042-722-3111</a>' in html
    # The card shows what kind of place it is and what it helps with.
    assert ">居場所</li>" in html and ">話し相手・居場所</li>" in html
    assert "おわった教室" not in html


def test_filters_by_text_need_attribute_and_municipality(client):
    make_service(
        "町田の子ども食堂",
        municipality="132098",
        terms=["type.kodomo_shokudo", "need.childcare", "attr.free"],
    )
    make_service("下松の子育てひろば", municipality="352071", terms=["need.childcare"])
    make_service("下松のサロン", municipality="352071", terms=["type.salon", "need.talk"])

    assert sorted(names_on(client.get(SEARCH_URL, {"municipality": "352071"}))) == [
        "下松のサロン",
        "下松の子育てひろば",
    ]
    assert sorted(names_on(client.get(SEARCH_URL, {"need": "need.childcare"}))) == [
        "下松の子育てひろば",
        "町田の子ども食堂",
    ]
    assert names_on(client.get(SEARCH_URL, {"q": "サロン"})) == ["下松のサロン"]
    assert names_on(client.get(SEARCH_URL, {"need": "need.childcare", "attr": "attr.free"})) == [
        "町田の子ども食堂"
    ]


def test_filter_choices_are_the_taxonomy_and_places_with_services(client):
    make_service("下松のサロン", municipality="352071")
    html = client.get(SEARCH_URL).content.decode()
    assert '<option value="352071">山口県下松市</option>' in html
    assert "北海道札幌市" not in html
    for value, label in [
        ("need.childcare", "子育て"),
        ("attr.anonymous", "匿名可"),
        ("attr.no_signboard", "「相談」の看板のない場"),
        ("attr.out_of_area", "市外からも利用可"),
        ("channel.sns", "SNS（LINE 等）"),
    ]:
        assert re.search(rf'value="{re.escape(value)}"[^>]*>\s*{re.escape(label)}', html), value
    # Attributes that are not search filters are not offered.
    assert 'value="attr.accompany"' not in html


# A Wednesday noon: "now" must not fall in the Thursday evening, nor in the last
# minute of a day, whenever the suite runs.
@time_machine.travel(dt.datetime(2026, 11, 25, 12, 0, tzinfo=JST), tick=False)
def test_open_now_filter_and_badge(client):
    make_service("いつでもの窓口", schedules=[ALWAYS_OPEN])
    make_service("木曜の食堂")  # Thursdays 17:30-18:30 only

    everything = client.get(SEARCH_URL)
    assert sorted(names_on(everything)) == ["いつでもの窓口", "木曜の食堂"]
    assert "今あいています" in everything.content.decode()

    assert names_on(client.get(SEARCH_URL, {"when": "now"})) == ["いつでもの窓口"]


def test_open_at_a_chosen_day_and_time(client):
    make_service("木曜の食堂")
    thursday = dt.date(2026, 12, 3)  # a Thursday
    at = {"when": "at", "date": thursday.isoformat()}
    assert names_on(client.get(SEARCH_URL, {**at, "time": "18:00"})) == ["木曜の食堂"]
    assert names_on(client.get(SEARCH_URL, {**at, "time": "19:00"})) == []
    html = client.get(SEARCH_URL, {**at, "time": "18:00"}).content.decode()
    assert "その日時はあいています" in html


def test_distance_from_a_place_name_or_a_point(client):
    make_service("町田の居場所", latitude=35.5466, longitude=139.4386)
    make_service("下松の居場所", municipality="352071", latitude=34.015, longitude=131.87)

    near_machida = client.get(SEARCH_URL, {"place": "町田市", "km": "10"})
    assert names_on(near_machida) == ["町田の居場所"]
    assert "約" in near_machida.content.decode() and " km" in near_machida.content.decode()
    near_point = client.get(SEARCH_URL, {"lat": "34.02", "lon": "131.87", "km": "3"})
    assert names_on(near_point) == ["下松の居場所"]
    # Nearest first without a radius.
    ordered = client.get(SEARCH_URL, {"lat": "34.02", "lon": "131.87"})
    assert names_on(ordered) == ["下松の居場所", "町田の居場所"]


def test_an_unknown_place_or_bad_value_is_dropped_and_explained(client):
    make_service("つながりカフェ")
    response = client.get(SEARCH_URL, {"place": "どこにもない町", "km": "10", "need": "need.nope"})
    assert response.status_code == 200
    assert names_on(response) == ["つながりカフェ"]
    html = response.content.decode()
    assert "その場所の名前が見つからなかったため" in html
    assert "の値は使えないため" in html


def test_results_are_paginated_and_page_links_keep_the_search(client, monkeypatch):
    from tsunagari.directory import forms

    monkeypatch.setattr(forms, "PER_PAGE", 2)
    for i in range(5):
        make_service(f"居場所{i}", terms=["need.talk"])

    first = client.get(SEARCH_URL, {"need": "need.talk"})
    assert len(names_on(first)) == 2
    html = first.content.decode()
    assert "5件" in html and "1 / 3 ページ" in html
    next_link = re.search(r'href="([^"]*)" rel="next"', html).group(1)
    assert "need=need.talk" in next_link and "page=2" in next_link
    seen = set()
    for page in (1, 2, 3):
        seen |= set(names_on(client.get(SEARCH_URL, {"need": "need.talk", "page": page})))
    assert seen == {f"居場所{i}" for i in range(5)}
    # A page number out of range shows the last page rather than an error.
    assert len(names_on(client.get(SEARCH_URL, {"need": "need.talk", "page": 99}))) == 1


def test_htmx_gets_only_the_results_fragment(client):
    make_service("つながりカフェ")
    fragment = client.get(
        SEARCH_URL, {"q": "カフェ"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    html = fragment.content.decode()
    assert "<html" not in html and "つながりカフェ" in html and 'id="results-count"' in html
    # The same URL without htmx is the whole page (it works without JavaScript).
    assert "<html" in client.get(SEARCH_URL, {"q": "カフェ"}).content.decode()


def test_list_view_loads_htmx_but_not_leaflet_and_map_view_the_opposite(client, settings):
    make_service("つながりカフェ", latitude=35.5, longitude=139.4)
    make_service("電話の窓口", latitude=None, longitude=None, address=None)
    listing = client.get(SEARCH_URL).content.decode()
    assert "vendor/htmx/htmx.min.js" in listing and "leaflet" not in listing

    settings.TSUNAGARI_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    response = client.get(SEARCH_URL, {"view": "map"})
    html = response.content.decode()
    assert "vendor/leaflet/leaflet.js" in html and "htmx.min.js" not in html
    assert 'data-tile-url="https://tiles.example/{z}/{x}/{y}.png"' in html
    assert [m["name"] for m in response.context["markers"]] == ["つながりカフェ"]
    assert "場所（緯度・経度）がわかるものだけ" in html


def test_print_page_lists_the_search_with_a_qr_code_of_its_url(client):
    make_service("町田の子ども食堂", terms=["need.childcare"])
    make_service("下松のサロン", municipality="352071", terms=["need.talk"])

    response = client.get(PRINT_URL, {"need": "need.childcare", "page": "3", "view": "map"})

    html = response.content.decode()
    assert names_on(response) == ["町田の子ども食堂"]
    assert "<svg" in html
    # The QR code and the printed link carry only the search, not the page or the view.
    assert response.context["list_url"] == "http://testserver/?need=need.childcare"
    assert "http://testserver/?need=need.childcare" in html


def test_search_page_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    for i in range(3):
        make_service(f"居場所{i}", terms=["type.ibasho", "need.talk"])
    with django_assert_max_num_queries(14):
        small = client.get(SEARCH_URL, {"need": "need.talk"})
    for i in range(3, 20):
        make_service(f"居場所{i}", terms=["type.ibasho", "need.talk"], phones=["03-1", "03-2"])
    with django_assert_max_num_queries(14):
        large = client.get(SEARCH_URL, {"need": "need.talk"})
    assert len(small.context["cards"]) == 3
    assert len(large.context["cards"]) == 20


def test_open_at_uses_japan_time():
    from tsunagari.directory.forms import SearchForm

    form = SearchForm({"when": "at", "date": "2026-12-03", "time": "18:00"})
    assert form.open_at() == dt.datetime(2026, 12, 3, 18, 0, tzinfo=JST)


def test_a_directory_of_many_municipalities_asks_for_a_name_instead_of_a_long_list(
    client, monkeypatch
):
    from tsunagari.directory import forms as directory_forms

    monkeypatch.setattr(directory_forms, "MUNICIPALITY_LIST_LIMIT", 1)
    make_service("町田の居場所", municipality="132098")
    make_service("下松のサロン", municipality="352071")

    page = client.get(SEARCH_URL).content.decode()
    assert '<select name="municipality"' not in page
    assert 'name="municipality"' in page  # a text box: 町田市, まちだ or a code

    assert names_on(client.get(SEARCH_URL, {"municipality": "まちだし"})) == ["町田の居場所"]
    assert names_on(client.get(SEARCH_URL, {"municipality": "35207"})) == ["下松のサロン"]
    unknown = client.get(SEARCH_URL, {"municipality": "どこにもない市"})
    assert sorted(names_on(unknown)) == ["下松のサロン", "町田の居場所"]
    assert "「地域」の値は使えないため、はずしてさがしました。" in unknown.content.decode()


def test_a_few_municipalities_are_a_list_to_choose_from(client):
    make_service("町田の居場所", municipality="132098")
    make_service("下松のサロン", municipality="352071")

    page = client.get(SEARCH_URL).content.decode()
    assert '<select name="municipality"' in page
    assert "東京都町田市" in page and "山口県下松市" in page
