"""Setting up an authenticator app, the backup codes (each works once), making new
ones, and turning two-factor off (partners only), with their audit events."""

from __future__ import annotations

import base64
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff_world import World, sign_in
from tsunagari.audit.models import AuditEvent

from .conftest import actions, app_code, next_code, password_login

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
SETUP = reverse("accounts:two_factor_setup")
TWO_FACTOR = reverse("accounts:two_factor")
SECURITY = reverse("accounts:security")


def _codes(response: object) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())  # type: ignore[attr-defined]


def test_setting_up_end_to_end_then_signing_in_with_a_backup_code(
    world: World, client: Client
) -> None:
    TOTPDevice.objects.filter(user=world.coord_y).delete()
    password_login(client, "coord_y")
    page = client.get(SETUP)
    body = page.content.decode()
    assert 'src="data:image/svg+xml' in body
    assert 'alt="認証アプリで読み取るQRコード' in body
    pending = TOTPDevice.objects.get(user=world.coord_y, confirmed=False)
    secret = re.search(r'<code class="otp-secret"[^>]*>([A-Z2-7 ]+)</code>', body)
    assert secret is not None
    typed = secret.group(1).replace(" ", "")
    assert base64.b32decode(typed + "=" * (-len(typed) % 8)).hex() == pending.key
    # Reloading shows the same secret (the phone may have scanned it already).
    assert secret.group(1) in client.get(SETUP).content.decode()

    wrong = client.post(SETUP, {"code": "123456" if app_code(pending) != "123456" else "654321"})
    assert "確認コードがちがうか" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=world.coord_y, confirmed=True).exists()
    assert client.get(HOME)["Location"] == SETUP

    done = client.post(SETUP, {"code": app_code(pending)})
    assert done.status_code == 200
    codes = _codes(done)
    assert len(codes) == len(set(codes)) == 10
    assert "この画面でしか見られません" in done.content.decode()
    assert TOTPDevice.objects.get(user=world.coord_y).confirmed
    assert client.get(HOME).status_code == 200  # verified in this session already
    assert actions(action="account.otp_enable") == ["account.otp_enable"]
    # The codes are not shown again anywhere.
    assert codes[0] not in client.get(SECURITY).content.decode()
    assert client.get(SETUP)["Location"] == SECURITY

    # Next sign-in: a backup code instead of the app, once only.
    client.post(reverse("accounts:logout"))
    password_login(client, "coord_y")
    assert client.post(TWO_FACTOR, {"code": codes[0].upper()}).status_code == 302
    assert client.get(HOME).status_code == 200
    client.post(reverse("accounts:logout"))
    password_login(client, "coord_y")
    again = client.post(TWO_FACTOR, {"code": codes[0]})
    assert again.status_code == 200
    assert "確認コードがちがうか" in again.content.decode()
    assert StaticToken.objects.filter(device__user=world.coord_y).count() == 9


def test_someone_with_only_a_password_cannot_add_a_second_device(
    world: World, client: Client
) -> None:
    password_login(client, "coord_x")  # has a device, second factor not passed yet
    assert client.get(SETUP)["Location"] == SECURITY
    assert TOTPDevice.objects.filter(user=world.coord_x).count() == 1


def test_a_partner_sets_up_two_factor_from_the_account_page(world: World, client: Client) -> None:
    password_login(client, "editor_a")
    page = client.get(SECURITY).content.decode()
    assert "2段階認証を使っていません" in page
    assert SETUP in page
    client.get(SETUP)
    pending = TOTPDevice.objects.get(user=world.editor_a)
    client.post(SETUP, {"code": app_code(pending)})
    assert "2段階認証を使っています" in client.get(SECURITY).content.decode()
    assert "まだ使っていないバックアップコード：10個" in client.get(SECURITY).content.decode()


def test_new_backup_codes_need_the_password_and_replace_the_old_ones(
    world: World, client: Client
) -> None:
    password_login(client, "admin")
    client.post(TWO_FACTOR, {"code": next_code(world.admin)})
    from tsunagari.accounts.services import backup_codes_regenerate
    from tsunagari.audit.services import Actor

    old = backup_codes_regenerate(actor=Actor(label="test"), user=world.admin)
    url = reverse("accounts:backup_codes")
    assert client.get(url).status_code == 200  # signed in just now: no re-authentication
    response = client.post(url)
    new = _codes(response)
    assert len(new) == 10 and not set(new) & set(old)
    assert set(
        StaticToken.objects.filter(device__user=world.admin).values_list("token", flat=True)
    ) == set(new)
    assert StaticDevice.objects.filter(user=world.admin).count() == 1


def test_new_backup_codes_after_a_while_ask_the_password_first(
    world: World, client: Client
) -> None:
    sign_in(client, world.coord_x)  # signed in long ago: no password time in the session
    url = reverse("accounts:backup_codes")
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:reauth"))
    assert not StaticToken.objects.filter(device__user=world.coord_x).exists()


def test_a_partner_turns_two_factor_off_and_a_coordinator_cannot(
    world: World, client: Client
) -> None:
    TOTPDevice.objects.create(user=world.owner_a, name="app", confirmed=True)
    password_login(client, "owner_a")
    client.post(TWO_FACTOR, {"code": next_code(world.owner_a)})
    url = reverse("accounts:two_factor_disable")
    assert client.get(url).status_code == 200
    assert client.post(url)["Location"] == SECURITY
    assert not TOTPDevice.objects.filter(user=world.owner_a).exists()
    assert actions(action="account.otp_disable") == ["account.otp_disable"]
    event = AuditEvent.objects.get(action="account.otp_disable")
    assert event.actor_id == world.owner_a.pk
    # Next time the password alone is enough.
    client.post(reverse("accounts:logout"))
    assert password_login(client, "owner_a")["Location"] == HOME

    coordinator = Client()
    password_login(coordinator, "coord_x")
    coordinator.post(TWO_FACTOR, {"code": next_code(world.coord_x)})
    assert coordinator.get(url).status_code == 403
    assert coordinator.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=world.coord_x).exists()
    assert "2段階認証をやめることはできません" in coordinator.get(SECURITY).content.decode()
