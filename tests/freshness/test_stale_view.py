"""The coordinator's view of stale listings by municipality and field."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from tests.freshness.conftest import make_stale
from tests.staff_world import sign_in
from tsunagari.freshness import selectors
from tsunagari.freshness.models import Reminder
from tsunagari.freshness.services import reminders_send

STALE = "/staff/freshness/stale/"


def _row(page: str, label: str) -> str:
    """The table row whose header cell holds ``label`` (tags kept, for counts)."""
    start = page.index(label)
    return page[start : page.index("</tr>", start)]


def test_a_coordinator_sees_counts_for_their_municipality(client, world) -> None:
    make_stale(world.service_a)
    page = sign_in(client, world.coord_x).get(STALE).content.decode()
    assert "東京都町田市" in page and "千代田区" not in page
    assert "<td>1</td><td>2</td>" in _row(page, "東京都町田市")  # 1 stale of 2 listings
    assert "<td>1</td><td>2</td>" in _row(page, ">居場所<")
    assert "あおぞらサロン" in page and "みどり食堂" not in page
    assert "まだ送っていません" in page


def test_an_administrator_sees_every_municipality(client, world) -> None:
    make_stale(world.service_y)
    page = sign_in(client, world.admin).get(STALE).content.decode()
    assert "東京都町田市" in page and "東京都千代田区" in page
    assert "ちよだ相談室" in page
    assert "団体が未登録のため送れません" in page  # service_y has no organisation here


def test_filters_by_municipality_and_field(client, world) -> None:
    make_stale(world.service_a)
    make_stale(world.service_y)
    sign_in(client, world.admin)
    page = client.get(STALE, {"municipality": "131016"}).content.decode()
    assert "ちよだ相談室" in page and "あおぞらサロン" not in page
    page = client.get(STALE, {"field": "childcare"}).content.decode()
    assert "この条件で、確認が必要な掲載はありません。" in page


def test_a_bad_filter_gets_a_clear_error(client, world) -> None:
    make_stale(world.service_a)
    sign_in(client, world.coord_x)
    response = client.get(STALE, {"field": "nope", "municipality": "131016"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "分野は、並んでいる中から選んでください。" in page
    # Another municipality's code is not one of the choices for coord_x.
    assert "市区町村は、並んでいる中から選んでください。" in page


def test_the_view_shows_a_sent_reminder(client, world) -> None:
    make_stale(world.service_a)
    reminders_send()
    page = sign_in(client, world.coord_x).get(STALE).content.decode()
    assert "送信済み（" in page


def test_a_reminder_from_before_the_last_check_does_not_count(client, world) -> None:
    make_stale(world.service_a, days=500)
    reminders_send()
    Reminder.objects.update(sent_at=timezone.now() - dt.timedelta(days=450))
    make_stale(world.service_a, days=400)  # checked after that reminder, stale again since
    page = sign_in(client, world.coord_x).get(STALE).content.decode()
    assert "送信済み（" not in page and "まだ送っていません" in page


def test_the_list_is_paginated(client, world, monkeypatch) -> None:
    monkeypatch.setattr(selectors, "PAGE_SIZE", 1)
    make_stale(world.service_a)
    make_stale(world.service_b, days=800)
    sign_in(client, world.coord_x)
    first = client.get(STALE).content.decode()
    assert "みどり食堂" in first and "あおぞらサロン" not in first  # oldest first
    assert "1 / 2 ページ" in first
    second = client.get(STALE, {"page": 2}).content.decode()
    assert "あおぞらサロン" in second


def test_members_find_their_stale_listings_in_the_queue_not_here(world) -> None:
    make_stale(world.service_b)
    client = sign_in(Client(), world.editor_b)
    assert client.get(STALE).status_code == 403
    assert "みどり食堂" in client.get("/staff/freshness/reports/").content.decode()


def test_the_pages_cost_the_same_queries_for_more_listings(client, world) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_service
    from tsunagari.freshness.services import report_create

    sign_in(client, world.admin)

    def queries() -> tuple[int, int]:
        counts = []
        for url in (STALE, "/staff/freshness/reports/"):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts[0], counts[1]

    make_stale(world.service_a)
    report_create(service=world.service_a, reason="phone")
    before = queries()
    for number in range(3):
        extra = make_stale(make_service(f"サロン{number}", organization=f"会{number}"))
        report_create(service=extra, reason="hours")
    reminders_send()
    assert queries() == before
