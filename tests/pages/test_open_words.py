"""Opening hours "right now" in plain words, on the detail page and as a function."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_service
from tsunagari.directory.open_words import open_words
from tsunagari.search.opening import JST, OpenState

# Thursday 3 December 2026, 15:00 in Japan.
NOW = dt.datetime(2026, 12, 3, 15, 0, tzinfo=JST)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=JST)


@pytest.mark.parametrize(
    ("state", "text", "open_now"),
    [
        (OpenState(known=True, open_now=True, always=True), "24時間あいています", True),
        (
            OpenState(known=True, open_now=True, closes_at=at(3, 17)),
            "今あいています（今日は17:00まで）",
            True,
        ),
        (
            OpenState(known=True, open_now=True, closes_at=at(4, 2)),
            "今あいています（明日は2:00まで）",
            True,
        ),
        (
            OpenState(known=True, open_now=False, next_opens_at=at(3, 17, 30)),
            "今はしまっています。今日は17:30から",
            False,
        ),
        (
            OpenState(known=True, open_now=False, next_opens_at=at(7, 10)),
            "今はしまっています。次は月曜 10:00から",
            False,
        ),
        (
            OpenState(known=True, open_now=False, next_opens_at=at(4, 9)),
            "今はしまっています。次は明日 9:00から",
            False,
        ),
    ],
)
def test_words_for_each_state(state, text, open_now):
    words = open_words(state, NOW)
    assert words.text == text
    assert words.open_now is open_now


def test_nothing_is_claimed_when_hours_are_unknown():
    assert open_words(OpenState(known=False, open_now=False), NOW) is None


def test_english_words():
    state = OpenState(known=True, open_now=False, next_opens_at=at(7, 10))
    with translation.override("en"):
        assert open_words(state, NOW).text == "Closed now. Opens Mon at 10:00"


@pytest.mark.usefixtures("reference_data")
def test_detail_page_says_it_is_open_around_the_clock_with_a_map(client):
    service = make_service(
        "いつでもの窓口",
        schedules=[{"freq": "DAILY", "opens_at": dt.time(0, 0), "closes_at": dt.time(23, 59)}],
    )
    response = client.get(reverse("directory:service_detail", args=[service.id]))
    html = response.content.decode()
    assert '<p class="open-state">24時間あいています</p>' in html
    assert "毎日 24時間" in html  # the full hours as well
    assert 'id="map"' in html and "vendor/leaflet/leaflet.js" in html
    assert [(m["lat"], m["lon"]) for m in response.context["markers"]] == [(35.5466, 139.4386)]


@pytest.mark.usefixtures("reference_data")
def test_detail_page_without_a_place_loads_no_map(client):
    service = make_service("電話の窓口", address=None, latitude=None, longitude=None)
    html = client.get(reverse("directory:service_detail", args=[service.id])).content.decode()
    assert "leaflet" not in html
