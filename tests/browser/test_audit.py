"""A coordinator reads the audit record of one service in a real browser, by keyboard
and mouse alike, and the page passes axe."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.staff_world import session_cookie
from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record

pytestmark = [pytest.mark.browser]


def no_axe_violations(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _signed_in(context, live_server, user) -> None:
    cookie = session_cookie(user)
    cookie.pop("path")
    context.add_cookies([{**cookie, "url": live_server.url}])


def test_a_coordinator_filters_by_a_service_and_reads_its_changes(live_server, world, page):
    audit_record(
        actor=Actor(label="editor_a", user_id=world.editor_a.pk),
        action=AuditAction.CHANGE_SUBMIT,
        object_type="service",
        object_id=world.service_a.pk,
        old={"name": "あおぞらサロン"},
        new={"name": "あおぞらサロン（火曜）"},
        organization_id=world.org_a.pk,
    )
    audit_record(
        actor=Actor(label="editor_b", user_id=world.editor_b.pk),
        action=AuditAction.CHANGE_SUBMIT,
        object_type="service",
        object_id=world.service_b.pk,
        old={"name": "みどり食堂"},
        new={"name": "みどり食堂（土曜）"},
        organization_id=world.org_b.pk,
    )
    _signed_in(page.context, live_server, world.coord_x)
    page.goto(f"{live_server.url}/staff/audit/")
    assert page.get_by_role("heading", name="監査記録", level=1).is_visible()
    table = page.get_by_role("table")
    assert table.get_by_text("みどり食堂（土曜）").is_visible()
    # Every event, the services' creation among them (their values folded as JSON).
    page.get_by_text("変更後").first.click()
    no_axe_violations(page)

    page.get_by_label("対象の種類").fill("service")
    page.get_by_label("対象ID").fill(str(world.service_a.pk))
    page.get_by_label("操作").select_option(AuditAction.CHANGE_SUBMIT.value)
    page.get_by_role("button", name="絞り込む").click()
    page.wait_for_url("**/staff/audit/?*")

    rows = page.get_by_role("table").get_by_role("row")
    assert rows.count() == 2  # the header and the one change
    assert (
        page.get_by_role("row")
        .filter(has_text="変更の申請")
        .get_by_text("あおぞらサロン（火曜）")
        .is_visible()
    )
    assert page.get_by_text("みどり食堂（土曜）").count() == 0

    no_axe_violations(page)

    # The link to the CSV keeps the filters.
    export = page.get_by_role("link", name="この条件でCSVに書き出す")
    assert f"object_id={world.service_a.pk}" in (export.get_attribute("href") or "")
