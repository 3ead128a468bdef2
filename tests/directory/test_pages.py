"""The public detail and data-source pages, through the Django test client (the search
page is tested in ``tests/pages/``)."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_service, make_source
from tsunagari.directory.models import Service

pytestmark = pytest.mark.usefixtures("reference_data")

LIST_URL = reverse("search:search")


def detail_url(service):
    return reverse("directory:service_detail", args=[service.id])


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
