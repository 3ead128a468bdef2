"""The public list, detail and data-source pages, through the Django test client."""

import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_service, make_source
from tsunagari.directory import views
from tsunagari.directory.models import Service

pytestmark = pytest.mark.usefixtures("reference_data")

LIST_URL = reverse("directory:service_list")


def detail_url(service):
    return reverse("directory:service_detail", args=[service.id])


def names_on(response) -> list[str]:
    return [card.service.name for card in response.context["cards"]]


def test_list_shows_active_services_with_their_facts(client):
    make_service(
        "つながりカフェ",
        organization="NPO法人 まちのつながり",
        phones=["042-722-3111"],
        terms=["type.ibasho", "need.talk", "attr.free"],
    )
    make_service("おわった教室", status="defunct")

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert names_on(response) == ["つながりカフェ"]
    html = response.content.decode()
    assert "NPO法人 まちのつながり" in html
    assert "東京都町田市" in html
    assert "町田市森野2-2-22" in html
    assert '<a href="tel:042-722-3111">042-722-3111</a>' in html
    # The card shows what kind of place it is and what it helps with, not every attribute.
    assert "居場所" in html and "話し相手・居場所" in html
    assert "無料" not in html
    assert "おわった教室" not in html


def test_list_filters_by_municipality_need_and_name(client):
    make_service(
        "町田の子ども食堂", municipality="132098", terms=["type.kodomo_shokudo", "need.childcare"]
    )
    make_service("下松の子育てひろば", municipality="352071", terms=["need.childcare"])
    make_service("下松のサロン", municipality="352071", terms=["type.salon", "need.talk"])

    assert names_on(client.get(LIST_URL, {"municipality": "352071"})) == [
        "下松のサロン",
        "下松の子育てひろば",
    ]
    assert names_on(client.get(LIST_URL, {"need": "need.childcare"})) == [
        "下松の子育てひろば",
        "町田の子ども食堂",
    ]
    assert names_on(client.get(LIST_URL, {"q": "サロン"})) == ["下松のサロン"]
    assert names_on(client.get(LIST_URL, {"municipality": "352071", "need": "need.childcare"})) == [
        "下松の子育てひろば"
    ]


def test_filter_choices_offer_only_places_with_services_and_need_names(client):
    make_service("下松のサロン", municipality="352071")
    html = client.get(LIST_URL).content.decode()
    assert '<option value="352071">山口県下松市</option>' in html
    assert "北海道札幌市" not in html
    assert '<option value="need.childcare">子育て</option>' in html


def test_an_unknown_filter_value_is_dropped_and_explained(client):
    make_service("つながりカフェ")
    response = client.get(LIST_URL, {"municipality": "999999", "q": "カフェ"})
    assert response.status_code == 200
    assert names_on(response) == ["つながりカフェ"]
    assert "この条件は使えないため" in response.content.decode()


def test_list_is_paginated_and_keeps_filters_in_page_links(client, monkeypatch):
    monkeypatch.setattr(views, "SERVICES_PER_PAGE", 2)
    for i in range(5):
        make_service(f"居場所{i}", terms=["need.talk"])

    first = client.get(LIST_URL, {"need": "need.talk"})
    assert names_on(first) == ["居場所0", "居場所1"]
    html = first.content.decode()
    assert "5件" in html and "1 / 3 ページ" in html
    next_link = re.search(r'href="([^"]*)" rel="next"', html).group(1)
    assert "need=need.talk" in next_link and "page=2" in next_link

    assert names_on(client.get(LIST_URL, {"need": "need.talk", "page": 3})) == ["居場所4"]
    # A page number out of range shows the last page rather than an error.
    assert names_on(client.get(LIST_URL, {"page": 99})) == ["居場所4"]


def test_list_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries):
    for i in range(3):
        make_service(f"居場所{i}", terms=["type.ibasho", "need.talk"])
    with django_assert_max_num_queries(9):
        small = client.get(LIST_URL, {"need": "need.talk", "municipality": "132098"})
    for i in range(3, 30):
        make_service(f"居場所{i}", terms=["type.ibasho", "need.talk"], phones=["03-1", "03-2"])
    with django_assert_max_num_queries(9):
        large = client.get(LIST_URL, {"need": "need.talk", "municipality": "132098"})
    assert len(small.context["cards"]) == 3
    assert len(large.context["cards"]) == 30


def test_detail_shows_contact_hours_terms_and_provenance(client):
    source = make_source(
        publisher="町田市",
        licence="CC BY 4.0",
        imported_at=dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC),
    )
    service = make_service(
        "みんなの食堂",
        name_kana="ミンナノショクドウ",
        organization="みんなの食堂の会",
        eligibility="地域の子どもと大人",
        fees="子ども無料、大人300円",
        cost_options=[{"option": "大人", "amount": 300.0, "currency": "JPY"}],
        phones=["０４２−７２２−３１１１（代表）"],
        schedules=[
            {
                "freq": "WEEKLY",
                "byday": "TH",
                "opens_at": dt.time(17, 30),
                "closes_at": dt.time(18, 30),
                "notes": "祝日はお休み",
            },
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": dt.time(8, 30),
                "closes_at": dt.time(17, 15),
                "description": "電話での相談",
            },
        ],
        terms=[
            "type.kodomo_shokudo",
            "need.childcare",
            "audience.children",
            "channel.in_person",
            "attr.free",
        ],
        source=source,
    )

    response = client.get(detail_url(service))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>みんなの食堂</h1>" in html
    assert "ミンナノショクドウ" in html
    assert "みんなの食堂の会" in html
    assert 'href="tel:042-722-3111"' in html
    assert "毎週 木曜 17:30〜18:30" in html and "祝日はお休み" in html
    assert "月〜金 8:30〜17:15" in html and "電話での相談" in html
    assert "地域の子どもと大人" in html
    assert "子ども無料、大人300円" in html and "大人: 300円" in html
    assert "〒194-8520 東京都町田市森野2-2-22" in html
    assert "緯度 35.5466、経度 139.4386" in html
    for group, term in [
        ("種類", "子ども食堂"),
        ("困りごと", "子育て"),
        ("対象", "子ども"),
        ("つながり方", "対面"),
        ("特徴", "無料"),
    ]:
        assert f"<dt>{group}</dt>" in html
        assert f">{term}</li>" in html
    assert "出典: 町田市 / " in html
    # The record's own import time, as a date in Japan (the page's time zone).
    day = timezone.localdate(Service.objects.get(pk=service.pk).imported_at)
    assert f">CC BY 4.0</a>（{day.year}年{day.month}月{day.day}日取り込み）" in html
    assert "サンプル（架空）" not in html


def test_detail_marks_sample_data(client):
    sample = make_service("デモの居場所", source=make_source(file_name="demo", is_sample=True))
    html = client.get(detail_url(sample)).content.decode()
    assert "この情報はサンプル（架空）のデータです" in html


def test_detail_of_a_phone_line_without_a_place(client):
    line = make_service(
        "よりそいホットライン",
        address=None,
        organization=None,
        phones=["0120-279-338"],
        schedules=[{"freq": "DAILY", "opens_at": dt.time(0, 0), "closes_at": dt.time(0, 0)}],
    )
    html = client.get(detail_url(line)).content.decode()
    assert "毎日 24時間" in html
    assert 'href="tel:0120-279-338"' in html
    assert "場所</h2>" not in html


@pytest.mark.parametrize("status", ["defunct", "inactive"])
def test_detail_of_a_service_that_is_not_active_is_not_found(client, status):
    service = make_service("おわった教室", status=status)
    assert client.get(detail_url(service)).status_code == 404


def test_detail_of_an_unknown_id_is_not_found(client):
    url = reverse("directory:service_detail", args=[uuid.uuid4()])
    response = client.get(url)
    assert response.status_code == 404
    assert "ページが見つかりませんでした" in response.content.decode()


def test_sources_page_lists_publisher_licence_date_and_count(client):
    make_source(
        file_name="132098_machida_kodomo_shokudo.csv",
        publisher="町田市",
        licence="CC BY 4.0",
        record_count=42,
        imported_at=dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC),
    )
    make_source(
        file_name="demo", publisher="つながり（デモ）", licence="", licence_url="", is_sample=True
    )
    html = client.get(reverse("directory:source_list")).content.decode()
    assert "132098_machida_kodomo_shokudo.csv" in html
    assert "町田市" in html and ">CC BY 4.0</a>" in html
    assert "2026年11月27日" in html and "42件" in html
    assert "サンプル（架空）のデータ" in html


def test_pages_set_no_cookie_for_an_anonymous_visitor(client):
    service = make_service("つながりカフェ")
    for url in (LIST_URL, detail_url(service), reverse("directory:source_list")):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url


def test_demo_mode_shows_the_sample_banner_on_every_page(client, settings):
    settings.DEMO = True
    assert "これはサンプル（架空）のデータです" in client.get(LIST_URL).content.decode()
    settings.DEMO = False
    assert "これはサンプル（架空）のデータです" not in client.get(LIST_URL).content.decode()


def test_only_active_services_are_public():
    make_service("a", status="active")
    make_service("b", status="temporarily closed")
    from tsunagari.directory.selectors import services_public

    assert [s.name for s in services_public()] == ["a"]
    assert Service.objects.count() == 2
