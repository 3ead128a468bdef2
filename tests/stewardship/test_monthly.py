"""Monthly hours on the edit page: 「第2・第4 土曜」 is a row like any other. The page
shows a stored monthly row in its boxes, writes one as HSDS MONTHLY with ordinal days,
and leaves rows it cannot express as they are."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from tests.staff_world import sign_in
from tsunagari.directory.models import Schedule
from tsunagari.search.engine import search_indexed
from tsunagari.search.opening import JST
from tsunagari.search.query import SearchQuery

from .test_pages import edit_url, form_data

pytestmark = pytest.mark.django_db


def monthly(service, byday: str = "2SA,4SA") -> Schedule:
    return Schedule.objects.create(
        service=service,
        freq="MONTHLY",
        byday=byday,
        opens_at=dt.time(11, 0),
        closes_at=dt.time(14, 0),
    )


def found_open(service, at: dt.datetime) -> bool:
    page = search_indexed(SearchQuery(open_at=at, per_page=100))
    return service.id in {hit.service_id for hit in page.hits}


def test_a_stored_monthly_row_is_shown_in_its_boxes_and_sent_back_unchanged(world):
    monthly(world.service_a)
    client = sign_in(Client(), world.coord_x)
    html = client.get(edit_url(world.service_a)).content.decode()
    # (Rows are in id order: the monthly one may be the first or the second.)
    [row] = re.findall(r'name="schedules-(\d)-weeks" value="2" [^>]*checked', html)
    assert re.search(rf'name="schedules-{row}-weeks" value="4" [^>]*checked', html)
    assert not re.search(rf'name="schedules-{row}-weeks" value="1" [^>]*checked', html)
    assert re.search(rf'name="schedules-{row}-byday" value="SA" [^>]*checked', html)
    assert not re.search(rf'name="schedules-{row}-byday" value="TH" [^>]*checked', html)
    # The form as opened, sent back, is no change.
    response = client.post(edit_url(world.service_a), form_data(world.service_a))
    assert response.status_code == 409
    assert Schedule.objects.get(service=world.service_a, freq="MONTHLY").byday == "2SA,4SA"


def test_a_weekly_row_becomes_monthly_and_residents_find_it_open_on_those_days(world):
    service = world.service_a
    data = form_data(
        service,
        **{
            "schedules-0-byday": ["SA"],
            "schedules-0-weeks": ["1", "3"],
            "schedules-0-opens_at": "10:00",
            "schedules-0-closes_at": "12:00",
        },
    )
    client = sign_in(Client(), world.coord_x)
    preview = client.post(edit_url(service), {**data, "preview": "1"}).content.decode()
    assert "毎月 第1・第3 土曜" in preview
    assert client.post(edit_url(service), data).status_code == 302

    row = Schedule.objects.get(service=service)
    assert (row.freq, row.byday) == ("MONTHLY", "1SA,3SA")
    assert (
        "毎月 第1・第3 土曜 10:00〜12:00"
        in Client().get(f"/services/{service.id}/").content.decode()
    )
    first_saturday = dt.datetime(2026, 12, 5, 11, 0, tzinfo=JST)
    second_saturday = dt.datetime(2026, 12, 12, 11, 0, tzinfo=JST)
    assert found_open(service, first_saturday)
    assert not found_open(service, second_saturday)


def test_weeks_without_a_day_are_named_and_nothing_changes(world):
    data = form_data(world.service_a, **{"schedules-0-byday": [], "schedules-0-weeks": ["2"]})
    response = sign_in(Client(), world.coord_x).post(edit_url(world.service_a), data)
    assert response.status_code == 400
    assert "曜日を1つ以上えらんでください" in response.content.decode()
    assert Schedule.objects.get(service=world.service_a).freq in ("", "WEEKLY")


def test_a_monthly_row_the_boxes_cannot_say_is_kept_as_it_is(world):
    odd = monthly(world.service_a, byday="1MO,3WE")  # not weeks times days
    data = form_data(world.service_a, description="説明を変えました。")
    assert "schedules-1-byday" not in data
    assert sign_in(Client(), world.coord_x).post(edit_url(world.service_a), data).status_code == 302
    odd.refresh_from_db()
    assert (odd.freq, odd.byday, odd.opens_at) == ("MONTHLY", "1MO,3WE", dt.time(11, 0))


def test_an_every_other_week_row_is_kept_as_it_is(world):
    # The boxes say "every week": a row every other week stays out of the form, whole.
    other = Schedule.objects.create(
        service=world.service_a,
        freq="WEEKLY",
        interval=2,
        byday="MO",
        dtstart=dt.date(2026, 11, 2),
        opens_at=dt.time(10, 0),
        closes_at=dt.time(12, 0),
    )
    data = form_data(world.service_a, **{"schedules-0-description": "説明を足しました。"})
    assert data["schedules-TOTAL_FORMS"] == 1
    assert sign_in(Client(), world.coord_x).post(edit_url(world.service_a), data).status_code == 302
    other.refresh_from_db()
    assert (other.freq, other.interval, other.byday) == ("WEEKLY", 2, "MO")
    assert Schedule.objects.filter(service=world.service_a).count() == 2
