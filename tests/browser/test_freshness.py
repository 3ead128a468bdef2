"""Freshness in a real browser: a resident's 「情報がちがう」 reaches the owner's queue,
and a stale listing triggers a reminder through the worker. axe checks each page."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.staff_world import session_cookie
from tsunagari.directory.models import Service

pytestmark = [pytest.mark.browser]


def _axe(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _signed_in(browser, live_server, user):
    context = browser.new_context(locale="ja-JP", viewport={"width": 1024, "height": 768})
    cookie = session_cookie(user)
    context.add_cookies(
        [{"name": cookie["name"], "value": cookie["value"], "url": live_server.url}]
    )
    return context


def test_a_residents_report_reaches_the_owners_queue(live_server, world, browser, context) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/services/{world.service_a.pk}/")
    page.get_by_role("link", name="この情報がちがうときは、お知らせください").click()
    page.wait_for_url("**/report/")
    assert page.locator("h1").inner_text() == "「情報がちがう」を知らせる"
    _axe(page)

    # Sent without a reason: a clear error, linked to the choices.
    page.get_by_role("button", name="送る").click()
    assert "どこがちがうか、ひとつ選んでください。" in page.locator(".error-summary").inner_text()
    _axe(page)

    page.get_by_label("電話番号がちがう").check()
    page.get_by_label("くわしく（書かなくてもかまいません）").fill(
        "この番号は使われていませんでした"
    )
    page.get_by_role("button", name="送る").click()
    page.wait_for_url("**/report/thanks/")
    assert page.locator("h1").inner_text() == "お知らせいただき、ありがとうございます"
    _axe(page)
    assert context.cookies() == []  # nothing was stored on the resident's side

    owner = _signed_in(browser, live_server, world.owner_a)
    try:
        queue = owner.new_page()
        queue.goto(f"{live_server.url}/staff/freshness/reports/")
        table = queue.locator("#h-open + table")
        assert "この番号は使われていませんでした" in table.inner_text()
        assert "電話番号がちがう" in table.inner_text()
        _axe(queue)
        queue.get_by_label("対応メモ").fill("番号を直しました")
        queue.get_by_role("button", name="対応済みにする").click()
        queue.wait_for_url("**/staff/freshness/reports/")
        assert "未対応の「情報がちがう」はありません。" in queue.content()
    finally:
        owner.close()


def test_a_stale_listing_triggers_a_reminder_through_the_worker(
    live_server, world, browser
) -> None:
    two_years_ago = timezone.localdate() - dt.timedelta(days=730)
    Service.objects.filter(pk=world.service_a.pk).update(assured_date=two_years_ago)

    call_command("worker", "--once", verbosity=0)

    assert [m.to for m in mail.outbox] == [["owner_a@example.jp"]]
    assert "あおぞらサロン" in mail.outbox[0].body

    coordinator = _signed_in(browser, live_server, world.coord_x)
    try:
        page = coordinator.new_page()
        page.goto(f"{live_server.url}/staff/freshness/stale/")
        row = page.locator("tr", has_text="あおぞらサロン")
        assert "送信済み" in row.inner_text()
        _axe(page)
        # The owner confirms nothing changed: the listing leaves the stale list.
    finally:
        coordinator.close()
    owner = _signed_in(browser, live_server, world.owner_a)
    try:
        page = owner.new_page()
        page.goto(f"{live_server.url}/staff/freshness/reports/")
        page.get_by_role("button", name="「あおぞらサロン」は内容に変わりはありません").click()
        page.wait_for_url("**/staff/freshness/reports/")
        assert "確認が必要な掲載はありません。" in page.content()
        _axe(page)
    finally:
        owner.close()
    assert Service.objects.get(pk=world.service_a.pk).assured_date == timezone.localdate()
