"""/api/v1/services and /api/v1/services/{id}: the HSDS Page envelope, every filter,
full HSDS objects that validate against the official schemas, and 404s in JSON."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import make_service
from tsunagari.directory.models import TaxonomyTerm
from tsunagari.search.opening import JST
from tsunagari.search.query import SearchQuery, search

from .conftest import get_json, hsds_errors

URL = "/api/v1/services"

# Thursday 2026-11-26 18:00 in Japan: inside make_service's default Thursday 17:30–18:30.
THURSDAY_EVENING = dt.datetime(2026, 11, 26, 18, 0, tzinfo=JST)


def names(page: dict) -> list[str]:
    return [service["name"] for service in page["contents"]]


def test_the_page_envelope_counts_pages(api):
    for n in range(5):
        make_service(f"サロン{n}")
    first = get_json(api, URL, {"per_page": 2})
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
        "total_items_estimated": False,
    }
    last = get_json(api, URL, {"per_page": 2, "page": 3})
    assert (last["size"], last["first_page"], last["last_page"]) == (1, False, True)
    beyond = get_json(api, URL, {"per_page": 2, "page": 4})
    assert (beyond["size"], beyond["empty"], beyond["contents"]) == (0, True, [])
    every = names(first) + names(get_json(api, URL, {"per_page": 2, "page": 2})) + names(last)
    assert sorted(every) == [f"サロン{n}" for n in range(5)]


def test_an_empty_directory_is_one_empty_page(api):
    page = get_json(api, URL)
    assert (page["total_items"], page["total_pages"], page["empty"]) == (0, 1, True)


def test_only_active_services_are_listed_or_shown(api):
    active = make_service("つながりカフェ")
    ended = make_service("おわった教室", status="defunct")
    paused = make_service("おやすみ中の会", status="temporarily closed")
    assert names(get_json(api, URL)) == ["つながりカフェ"]
    get_json(api, f"{URL}/{active.id}")
    for service in (ended, paused):
        body = get_json(api, f"{URL}/{service.id}", status=404)
        assert body["detail"].startswith("このサービスは見つかりませんでした")
        assert "No such public service" in body["detail"]


@pytest.mark.parametrize(
    "bad_id", ["7d1f2a3b-0000-4000-8000-000000000000", "not-a-uuid", "1234", "%E3%81%82"]
)
def test_unknown_or_malformed_ids_are_404_in_json(api, bad_id):
    body = get_json(api, f"{URL}/{bad_id}", status=404)
    assert "見つかりませんでした" in body["detail"]


def test_a_service_is_a_full_hsds_object(api):
    service = make_service(
        "つながりカフェ",
        organization="NPO法人 まちのつながり",
        phones=["042-722-3111"],
        terms=["type.ibasho", "need.talk", "attr.free"],
        cost_options=[{"option": "参加費", "amount": 100.0, "currency": "JPY"}],
    )
    body = get_json(api, f"{URL}/{service.id}")
    assert hsds_errors("service", body) == []
    assert body["id"] == str(service.id)
    assert body["organization"]["name"] == "NPO法人 まちのつながり"
    assert body["phones"][0]["number"] == "042-722-3111"
    assert body["schedules"][0]["byday"] == "TH"
    address = body["service_at_locations"][0]["location"]["addresses"][0]
    assert address["address_1"] == "森野2-2-22"
    stated = {a["taxonomy_term"]["code"] for a in body["attributes"] if not a.get("inferred")}
    assert stated == {"type.ibasho", "need.talk", "attr.free"}
    # Terms derived by rule are there too, marked (Japan profile): a phone means 電話.
    inferred = {a["taxonomy_term"]["code"] for a in body["attributes"] if a.get("inferred")}
    assert "channel.phone" in inferred
    assert body["municipality_code"] == "132098"  # Japan profile, beside the official fields


def test_list_contents_validate_as_hsds_list_objects(api):
    make_service("つながりカフェ", terms=["need.talk"])
    make_service("電話の相談", address=None, terms=["channel.phone"])
    page = get_json(api, URL, {"proximity": "35.5466,139.4386"})
    assert page["size"] == 2
    for service in page["contents"]:
        assert hsds_errors("service_list", service) == []
        assert "organization" in service
        assert "phones" not in service  # lists carry the object's own fields only
    full = get_json(api, URL, {"full": "true"})
    for service in full["contents"]:
        assert hsds_errors("service", service) == []
        assert "phones" in service


def test_search_finds_words_in_names_and_descriptions(api):
    make_service("こども食堂ひまわり", description="毎月第2土曜日")
    make_service("シニアのサロン", description="お茶を飲みながら話せる場所です")
    make_service("子育て相談")
    assert names(get_json(api, URL, {"search": "食堂"})) == ["こども食堂ひまわり"]
    assert names(get_json(api, URL, {"search": "お茶"})) == ["シニアのサロン"]
    assert get_json(api, URL, {"search": "存在しない言葉"})["total_items"] == 0


def test_results_are_those_of_the_search_engine_in_its_order(api):
    """The API is a view of search(): same services, same order, same total."""
    for n, name in enumerate(["相談の窓口", "子育て相談", "夜の電話相談", "居場所"]):
        make_service(name, latitude=35.54 + n / 100)
    query = SearchQuery(text="相談", near=(35.54, 139.44), per_page=2)
    expected = search(query)
    page = get_json(api, URL, {"search": "相談", "proximity": "35.54,139.44", "per_page": 2})
    assert [s["id"] for s in page["contents"]] == [str(h.service_id) for h in expected.hits]
    assert page["total_items"] == expected.total == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"need": "need.childcare"}, ["子ども食堂", "電話の子育て相談"]),
        ({"need": ["need.childcare", "need.talk"]}, ["サロン", "子ども食堂", "電話の子育て相談"]),
        ({"audience": "audience.seniors"}, ["サロン"]),
        ({"channel": "channel.phone"}, ["電話の子育て相談"]),
        ({"channel": "phone"}, ["電話の子育て相談"]),
        ({"attribute": "attr.free"}, ["サロン", "子ども食堂"]),
        ({"attribute": ["attr.free", "attr.anonymous"]}, ["子ども食堂"]),
        ({"attribute": "anonymous"}, ["子ども食堂", "電話の子育て相談"]),
        ({"taxonomy_term_id": "type.kodomo_shokudo"}, ["子ども食堂"]),
        ({"need": "need.childcare", "attribute": "attr.free"}, ["子ども食堂"]),
        ({"municipality": "352071"}, ["電話の子育て相談"]),
    ],
)
def test_filters(api, params, expected):
    make_service(
        "子ども食堂",
        phones=[],
        terms=["type.kodomo_shokudo", "need.childcare", "attr.free", "attr.anonymous"],
    )
    make_service("サロン", phones=[], terms=["need.talk", "audience.seniors", "attr.free"])
    make_service(
        "電話の子育て相談",
        municipality="352071",
        address=None,
        terms=["need.childcare", "channel.phone", "attr.anonymous"],
    )
    assert sorted(names(get_json(api, URL, params))) == expected


def test_taxonomy_term_id_takes_the_hsds_term_id(api):
    make_service("子ども食堂", terms=["type.kodomo_shokudo"])
    make_service("サロン", terms=["type.salon"])
    term = TaxonomyTerm.objects.get(code="type.salon")
    assert names(get_json(api, URL, {"taxonomy_term_id": str(term.id)})) == ["サロン"]


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"need": "need.nothing"}, "need"),
        ({"channel": "attr.free"}, "channel"),  # a real code, of another taxonomy
        ({"taxonomy_term_id": "7d1f2a3b-0000-4000-8000-000000000000"}, "taxonomy_term_id"),
    ],
)
def test_unknown_taxonomy_codes_are_named(api, params, param):
    body = get_json(api, URL, params, status=422)
    assert body["detail"].startswith(f"{param} に知らない分類コードがあります")
    assert body["errors"][0]["loc"] == ["query", param]


def test_open_now_and_open_at(api, monkeypatch):
    make_service("木曜夜のサロン")  # Thursdays 17:30–18:30
    make_service("いつも開いている電話", address=None, schedules=[])
    thursday = {"open_at": THURSDAY_EVENING.isoformat()}
    assert names(get_json(api, URL, thursday)) == ["木曜夜のサロン"]
    naive_friday = {"open_at": "2026-11-27T18:00:00"}  # read as Japan time
    assert names(get_json(api, URL, naive_friday)) == []
    # open_now asks the same question about the present moment.
    monkeypatch.setattr("tsunagari.api.filters.japan_time", lambda: THURSDAY_EVENING)
    assert names(get_json(api, URL, {"open_now": "true"})) == ["木曜夜のサロン"]
    page = get_json(api, URL, {"open_now": "false"})
    assert sorted(names(page)) == ["いつも開いている電話", "木曜夜のサロン"]


def test_proximity_sorts_by_distance_and_limits_by_metres(api):
    make_service("町田の居場所", latitude=35.5466, longitude=139.4386)
    make_service("相模原の居場所", latitude=35.5714, longitude=139.3733)  # about 6.5 km
    make_service("下松の居場所", latitude=34.015, longitude=131.870)
    near = get_json(api, URL, {"proximity": "35.5466,139.4386"})
    assert names(near) == ["町田の居場所", "相模原の居場所", "下松の居場所"]
    assert near["contents"][0]["distance_km"] == 0
    assert 6 < near["contents"][1]["distance_km"] < 7
    within = get_json(api, URL, {"proximity": "35.5466,139.4386,10000"})
    assert names(within) == ["町田の居場所", "相模原の居場所"]


@pytest.mark.parametrize(
    "value", ["35.5", "35.5,abc", "91,139", "35,181", "35,139,0", "35,139,-5", "nan,1", "1,2,3,4"]
)
def test_a_bad_proximity_is_a_clear_422(api, value):
    body = get_json(api, URL, {"proximity": value}, status=422)
    assert body["detail"].startswith("proximity は「緯度,経度」")
    assert "latitude,longitude" in body["detail"]


@pytest.mark.parametrize(
    ("params", "start"),
    [
        ({"per_page": 101}, "per_page は 1 から 100 までの数"),
        ({"per_page": 0}, "per_page は 1 から 100 までの数"),
        ({"page": 0}, "page は 1 から"),
        ({"page": "first"}, "page は 1 から"),
        ({"search": "あ" * 201}, "search は 200 文字まで"),
        ({"municipality": "13209"}, "municipality は 6 桁"),
        ({"open_at": "yesterday"}, "リクエストの内容を確かめてください"),
    ],
)
def test_limits_and_bad_values_are_clear_422s(api, params, start):
    body = get_json(api, URL, params, status=422)
    assert body["detail"].startswith(start), body
    assert body["errors"]


def test_control_characters_in_search_are_ignored(api):
    make_service("こども食堂")
    assert names(get_json(api, URL, {"search": "食堂\x00"})) == ["こども食堂"]
