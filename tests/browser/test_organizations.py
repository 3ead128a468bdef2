"""An owner invites a new member by e-mail; the invited person opens the link, makes an
account and lands on the organisation's page. Every page passes axe."""

from __future__ import annotations

import re
import time
from importlib import import_module
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail

from tests.staff_world import World, session_for
from tsunagari.accounts.access import AUTH_AT_SESSION_KEY
from tsunagari.organizations.models import Membership, Role

pytestmark = [pytest.mark.browser]


def recent_session_cookie(user: Any, url: str) -> dict[str, Any]:
    """A signed-in session whose password was entered just now (member management asks
    for a recent password)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update(session_for(user))
    store[AUTH_AT_SESSION_KEY] = int(time.time())
    store.create()
    return {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": url}


def no_axe_violations(page: Any) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_an_owner_invites_and_the_new_member_joins(live_server, world: World, browser, context):
    context.add_cookies([recent_session_cookie(world.owner_a, live_server.url)])
    owner = context.new_page()
    owner.goto(f"{live_server.url}/staff/organizations/{world.org_a.pk}/")
    assert owner.locator("h1").inner_text() == "NPO法人 あおぞら"
    no_axe_violations(owner)

    owner.get_by_label("招待する方のメールアドレス").fill("hanako@example.jp")
    owner.get_by_label("役割").select_option("editor")
    owner.get_by_role("button", name="招待のメールを送る").click()
    owner.wait_for_url(f"**/staff/organizations/{world.org_a.pk}/")
    assert (
        "hanako@example.jp に招待のメールを送りました。"
        in owner.locator("[role=status]").inner_text()
    )
    no_axe_violations(owner)

    [message] = mail.outbox
    assert message.to == ["hanako@example.jp"]
    link = re.search(r"http://\S+/staff/invitations/\S+/", message.body)
    assert link is not None

    # The invited person has no account and opens the link in their own browser.
    invited_context = browser.new_context(locale="ja-JP")
    try:
        invited = invited_context.new_page()
        invited.goto(link.group(0))
        assert invited.locator("h1").inner_text() == "「NPO法人 あおぞら」への招待"
        no_axe_violations(invited)

        invited.get_by_label("ユーザー名").fill("hanako")
        invited.get_by_label("パスワード", exact=True).fill("hanako's long pass 7")
        invited.get_by_label("パスワード（確認のため、もう一度）").fill("a different one")
        invited.get_by_role("button", name="アカウントを作って参加する").click()
        # The mistake is named at the field, which points to it for screen readers.
        confirmation = invited.get_by_label("パスワード（確認のため、もう一度）")
        assert confirmation.get_attribute("aria-invalid") == "true"
        assert "同じではありません" in invited.locator("#id_password2_error").inner_text()
        no_axe_violations(invited)

        invited.get_by_label("パスワード", exact=True).fill("hanako's long pass 7")
        confirmation.fill("hanako's long pass 7")
        invited.get_by_role("button", name="アカウントを作って参加する").click()
        invited.wait_for_url(f"**/staff/organizations/{world.org_a.pk}/")
        assert invited.locator("h1").inner_text() == "NPO法人 あおぞら"
        assert (
            "「NPO法人 あおぞら」に参加しました。" in invited.locator("[role=status]").inner_text()
        )
        assert "hanako （あなた）" in invited.locator("table").inner_text().replace("\t", " ")
        no_axe_violations(invited)
    finally:
        invited_context.close()
    assert Membership.objects.get(user__username="hanako").role == Role.EDITOR


def test_an_owner_withdraws_an_invitation(live_server, world: World, context):
    context.add_cookies([recent_session_cookie(world.owner_a, live_server.url)])
    owner = context.new_page()
    owner.goto(f"{live_server.url}/staff/organizations/{world.org_a.pk}/")
    owner.get_by_label("招待する方のメールアドレス").fill("jiro@example.jp")
    owner.get_by_label("役割").select_option("viewer")
    owner.get_by_role("button", name="招待のメールを送る").click()
    owner.locator("[role=status]").wait_for()

    # The link names whose invitation it withdraws, for screen readers too (the hidden
    # part is positioned apart, so the name has a space before it).
    withdraw_link = owner.get_by_role("link", name="招待を取り消す （jiro@example.jp）", exact=True)
    withdraw_link.click()
    assert owner.locator("h1").inner_text() == "jiro@example.jp への招待を取り消す"
    no_axe_violations(owner)
    owner.get_by_role("button", name="招待を取り消す").click()
    owner.wait_for_url(f"**/staff/organizations/{world.org_a.pk}/")
    assert "jiro@example.jp への招待を取り消しました" in owner.locator("[role=status]").inner_text()
    assert withdraw_link.count() == 0
    no_axe_violations(owner)
