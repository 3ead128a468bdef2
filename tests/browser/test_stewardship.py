"""Issue 4's stewardship journey in a real browser: a partner edits its listing, the
coordinator reviews the diff and approves, the public page changes, and each step is
in the audit record. axe checks the edit, queue and review pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.staff_world import session_cookie
from tsunagari.audit.models import AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_TEXT = "木曜の夕方、どなたでも来てください。宿題もできます。"


@pytest.fixture
def signed_in(browser: Any, live_server: Any) -> Iterator[Callable[[Any], Any]]:
    """A browser context per user, signed in; all closed after the test (an open one
    keeps connections to the live server past its shutdown)."""
    contexts: list[Any] = []

    def open_for(user: Any) -> Any:
        context = browser.new_context(locale="ja-JP", viewport={"width": 1024, "height": 768})
        contexts.append(context)
        cookie = session_cookie(user)
        del cookie["path"]  # Playwright takes a url or a domain and path, not both
        context.add_cookies([{**cookie, "url": live_server.url}])
        return context

    yield open_for
    for context in contexts:
        context.close()


def assert_accessible(page: Any) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_partner_edit_reviewed_approved_and_published(signed_in, live_server, world):
    service = world.service_a
    partner = signed_in(world.editor_a).new_page()
    partner.goto(f"{live_server.url}/staff/listings/")
    partner.get_by_role("link", name="あおぞらサロン").click()
    assert_accessible(partner)

    partner.get_by_label("説明", exact=True).fill(NEW_TEXT)
    partner.locator("#id_schedules-0-opens_at").fill("18:00")
    partner.locator("#id_schedules-0-closes_at").fill("20:00")
    # The preview comes in place (htmx) and takes the focus.
    partner.get_by_role("button", name="変更を確認する").click()
    preview = partner.locator("#preview")
    preview.get_by_text(NEW_TEXT).wait_for()
    assert preview.locator("ins", has_text="18:00").count() == 1
    expect(partner.locator("#preview-title")).to_be_focused()
    assert_accessible(partner)

    partner.get_by_role("button", name="確認を依頼する").click()
    partner.get_by_role("heading", name="確認待ち").wait_for()
    public = partner.context.new_page()
    public.goto(f"{live_server.url}/services/{service.id}/")
    assert NEW_TEXT not in public.content()  # not yet

    coordinator = signed_in(world.coord_x).new_page()
    coordinator.goto(f"{live_server.url}/staff/listings/review/")
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="あおぞらサロン").click()
    diff = coordinator.locator("table.diff")
    assert diff.locator("del", has_text="どなたでも立ち寄れる居場所です。").count() == 1
    assert diff.locator("ins", has_text=NEW_TEXT).count() == 1
    assert diff.locator("del", has_text="17:30").count() == 1
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="承認して公開する").click()
    coordinator.get_by_text("承認しました").wait_for()

    public.goto(f"{live_server.url}/services/{service.id}/")
    assert NEW_TEXT in public.content()
    assert "18:00" in public.content()
    done = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"change.submit", "change.approve", "directory.update"} <= done
    submit = AuditEvent.objects.get(action="change.submit")
    assert submit.actor == world.editor_a and submit.organization == world.org_a
    assert AuditEvent.objects.get(action="change.approve").actor == world.coord_x


def test_adding_a_schedule_row_with_htmx_keeps_the_page(signed_in, live_server, world):
    page = signed_in(world.coord_x).new_page()
    page.goto(f"{live_server.url}/staff/listings/services/{world.service_a.id}/")
    page.get_by_label("説明", exact=True).fill("まだ保存しない説明")
    page.get_by_role("button", name="日程の行を追加").click()
    page.locator("#id_schedules-1-opens_at").wait_for()
    # Only the schedules were swapped: what was typed elsewhere is still there, and
    # the focus is in the new row.
    assert page.get_by_label("説明", exact=True).input_value() == "まだ保存しない説明"
    expect(page.locator("[name=schedules-1-byday]").first).to_be_focused()
    assert_accessible(page)


def test_a_coordinator_adds_a_place_with_htmx(signed_in, live_server, world):
    page = signed_in(world.coord_x).new_page()
    page.goto(f"{live_server.url}/staff/listings/services/{world.service_a.id}/")
    page.get_by_role("button", name="場所を追加").click()
    new_place = page.get_by_role("group", name="場所 2")
    new_place.wait_for()
    # The focus is in the new row, on its first field.
    expect(new_place.get_by_label("場所の名前")).to_be_focused()
    assert_accessible(page)
    new_place.get_by_label("場所の名前").fill("みどり会館")
    new_place.get_by_label("都道府県").fill("東京都")
    new_place.get_by_label("市区町村").fill("町田市")
    new_place.get_by_label("町字・番地").fill("中町1-20-23")
    page.get_by_role("button", name="保存して公開する").click()
    page.get_by_text("変更を公開しました。").wait_for()

    public = page.context.new_page()
    public.goto(f"{live_server.url}/services/{world.service_a.id}/")
    assert "中町1-20-23" in public.content()
