"""Every kind of page works under the Content Security Policy in a real browser: the
browser reports no violation (a blocked inline script or style, a blocked request)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from tests.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data", "fake_advise")]

# Collects what the browser blocks, from the first script on every page.
WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


@pytest.fixture
def watched(context: Any) -> Any:
    """A page that records CSP violations (events and console messages)."""
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.console_messages_seen = []
    page.on(
        "console",
        lambda message: (
            page.console_messages_seen.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def violations(page: Any) -> list[str]:
    page.wait_for_load_state("networkidle")
    return [*page.evaluate("window.__csp"), *page.console_messages_seen]


@pytest.fixture
def service(reference_data: None) -> Any:
    return make_service("みんなの子ども食堂", terms=["type.kodomo_shokudo", "need.talk"])


def test_public_pages_raise_no_csp_violation(live_server, service, watched):
    base = live_server.url
    for path in (
        "/",
        "/?q=食堂",
        "/?view=map",
        f"/services/{service.id}/",
        "/print/?q=食堂",
        "/sources/",
        "/navigator/",
        "/navigator/topics/?text=眠れない",
        "/navigator/result/?topic=need.talk",
        "/api/v1/docs",
    ):
        response = watched.goto(base + path)
        assert response.status == 200, path
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        assert violations(watched) == [], path


def test_search_results_update_in_place_without_csp_violation(live_server, service, watched):
    watched.goto(live_server.url + "/")
    watched.fill("input[name=q]", "食堂")
    watched.get_by_role("button", name="さがす", exact=True).click()
    watched.wait_for_url("**/?q=*")
    assert watched.get_by_role("link", name="みんなの子ども食堂").is_visible()
    assert violations(watched) == []


def test_the_staff_sign_in_page_raises_no_csp_violation(live_server, watched):
    response = watched.goto(f"{live_server.url}/staff/login/")
    assert response.status == 200
    assert violations(watched) == []


def test_the_admin_raises_no_csp_violation(live_server, service, watched):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.conftest import app_code

    admin = get_user_model().objects.create_superuser(
        "kanri", "kanri@example.jp", "long-enough-pass-23"
    )
    # The admin signs in through the staff sign-in page, second factor included.
    device = TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    watched.goto(f"{live_server.url}/admin/")
    assert violations(watched) == []
    watched.get_by_label("ユーザー名").fill("kanri")
    watched.get_by_label("パスワード").fill("long-enough-pass-23")
    watched.get_by_role("button", name="ログイン").click()
    watched.locator("input[name=code]").fill(app_code(device))
    watched.get_by_role("button", name="確認する").click()
    watched.wait_for_url("**/admin/")
    assert violations(watched) == []
    for path in ("/admin/directory/service/", f"/admin/directory/service/{service.id}/change/"):
        response = watched.goto(live_server.url + path)
        assert response.status == 200, path
        assert violations(watched) == [], path
