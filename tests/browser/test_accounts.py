"""A coordinator's first sign-in in a real browser: password, the two-factor set-up
(QR code or typed secret, a code from the app), the backup codes, the staff home; then
the next sign-in through the two-factor step. axe finds nothing on any of these pages."""

from __future__ import annotations

import base64
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff_world import PASSWORD

pytestmark = [pytest.mark.browser]


def no_axe_violations(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def code_from_secret(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the secret typed in by hand."""
    typed = secret.replace(" ", "")
    key = base64.b32decode(typed + "=" * (-len(typed) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def sign_in_with_password(page, base_url: str) -> None:
    page.goto(f"{base_url}/staff/login/")
    page.get_by_label("ユーザー名").fill("coord_y")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()


def test_first_sign_in_sets_up_two_factor(live_server, world, page) -> None:
    TOTPDevice.objects.filter(user=world.coord_y).delete()
    page.goto(f"{live_server.url}/staff/login/")
    no_axe_violations(page)

    # A wrong password: the error is announced and tied to the form.
    page.get_by_label("ユーザー名").fill("coord_y")
    page.get_by_label("パスワード").fill("not it")
    page.get_by_role("button", name="ログイン").click()
    assert page.get_by_role("alert").is_visible()
    assert "ユーザー名またはパスワードがちがいます" in page.get_by_role("alert").inner_text()
    no_axe_violations(page)

    sign_in_with_password(page, live_server.url)
    page.wait_for_url("**/staff/account/two-factor/setup/")
    assert page.get_by_role("heading", level=1).inner_text() == "2段階認証の設定"
    qr = page.get_by_role("img", name="認証アプリで読み取るQRコード", exact=False)
    assert qr.is_visible()
    no_axe_violations(page)

    secret = page.locator("code.otp-secret").inner_text()
    page.get_by_label("認証アプリに出ている6けたの数字").fill(code_from_secret(secret))
    page.get_by_role("button", name="設定を完了する").click()
    assert page.get_by_role("heading", level=1).inner_text() == "バックアップコード"
    assert page.locator(".backup-codes li").count() == 10
    no_axe_violations(page)

    page.get_by_role("link", name="保管しました。スタッフのホームへ").click()
    assert page.get_by_role("heading", level=1).inner_text() == "スタッフのホーム"
    assert "千代田区" in page.content()
    no_axe_violations(page)

    # Next time: password, then the code, then the page asked for.
    page.get_by_role("button", name="ログアウト").click()
    page.goto(f"{live_server.url}/staff/account/")
    page.get_by_label("ユーザー名").fill("coord_y")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/staff/two-factor/**")
    no_axe_violations(page)
    page.get_by_label("確認コード").fill(code_from_secret(secret, steps_ahead=1))
    page.get_by_role("button", name="確認する").click()
    page.wait_for_url("**/staff/account/")
    assert page.get_by_role("heading", level=1).inner_text() == "アカウント"
    no_axe_violations(page)
