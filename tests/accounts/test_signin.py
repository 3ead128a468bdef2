"""Signing in: the password, then the second factor for anyone who has one; clear
errors that do not tell whether an account exists; an audit event for each step."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff_world import PASSWORD, World
from tsunagari.accounts.access import AUTH_AT_SESSION_KEY
from tsunagari.audit.models import AuditEvent

from .conftest import actions, next_code, password_login

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
TWO_FACTOR = reverse("accounts:two_factor")
SETUP = reverse("accounts:two_factor_setup")


def test_a_partner_without_two_factor_signs_in_with_the_password(
    world: World, client: Client
) -> None:
    response = password_login(client, "editor_a")
    assert response.status_code == 302
    assert response["Location"] == HOME
    page = client.get(HOME)
    assert page.status_code == 200
    assert "NPO法人 あおぞら" in page.content.decode()
    assert AUTH_AT_SESSION_KEY in client.session
    event = AuditEvent.objects.get(action="account.login")
    assert event.actor_id == world.editor_a.pk
    assert event.object_id == str(world.editor_a.pk)


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(
    world: World, client: Client
) -> None:
    wrong = password_login(client, "editor_a", "not the password")
    unknown = password_login(client, "nobody_here", "not the password")
    assert wrong.status_code == unknown.status_code == 200
    error = "ユーザー名またはパスワードがちがいます"
    assert error in wrong.content.decode()
    assert error in unknown.content.decode()
    # The page says the same thing apart from the name typed back into the field.
    assert _comparable(wrong, "editor_a") == _comparable(unknown, "nobody_here")
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.filter(action="account.login_failed").order_by("id")
    assert [e.new_values["username"] for e in failed] == ["editor_a", "nobody_here"]
    assert failed[0].object_id == str(world.editor_a.pk)
    for event in failed:
        assert "not the password" not in str(event.old_values) + str(event.new_values)


def _comparable(response: object, typed: str) -> str:
    body = response.content.decode()  # type: ignore[attr-defined]
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    return body.replace(typed, "X")


def test_an_empty_form_names_each_missing_field(world: World, client: Client) -> None:
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    body = response.content.decode()
    assert "ユーザー名を入力してください。" in body
    assert "パスワードを入力してください。" in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_username_error"' in body


def test_a_coordinator_must_pass_the_second_factor_before_staff_pages(
    world: World, client: Client
) -> None:
    response = password_login(client, "coord_x", next="/staff/account/")
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)
    # Staff pages send them back to the step, whichever page they try.
    home = client.get(HOME)
    assert home.status_code == 302 and home["Location"].startswith(TWO_FACTOR)

    wrong = client.post(response["Location"], {"code": "000000"})
    assert wrong.status_code == 200
    assert "確認コードがちがうか" in wrong.content.decode()
    assert client.get(HOME).status_code == 302

    right = client.post(response["Location"], {"code": next_code(world.coord_x)})
    assert right.status_code == 302
    assert right["Location"] == "/staff/account/"
    assert client.get(HOME).status_code == 200
    assert actions(actor_id=world.coord_x.pk) == ["account.login", "account.login_failed"]
    failed = AuditEvent.objects.get(action="account.login_failed")
    assert failed.new_values == {"step": "two_factor"}


def test_full_width_digits_are_accepted(world: World, client: Client) -> None:
    password_login(client, "admin")
    code = next_code(world.admin)
    full_width = code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    response = client.post(TWO_FACTOR, {"code": full_width[:3] + " " + full_width[3:]})
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200


def test_a_partner_who_set_up_two_factor_must_use_it(world: World, client: Client) -> None:
    TOTPDevice.objects.create(user=world.editor_a, name="app", confirmed=True)
    response = password_login(client, "editor_a")
    assert response["Location"].startswith(TWO_FACTOR)
    assert client.get(HOME)["Location"].startswith(TWO_FACTOR)
    client.post(TWO_FACTOR, {"code": next_code(world.editor_a)})
    assert client.get(HOME).status_code == 200


def test_a_coordinator_without_a_device_is_sent_to_set_it_up(world: World, client: Client) -> None:
    TOTPDevice.objects.filter(user=world.coord_y).delete()
    response = password_login(client, "coord_y")
    assert response["Location"] == SETUP
    assert client.get(HOME)["Location"] == SETUP
    assert client.get(reverse("accounts:security"))["Location"] == SETUP
    assert client.get(SETUP).status_code == 200


def test_someone_without_a_role_cannot_use_staff_pages(world: World, client: Client) -> None:
    password_login(client, "outsider")
    assert client.get(HOME).status_code == 403


def test_signing_out_is_recorded(world: World, client: Client) -> None:
    password_login(client, "viewer_a")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(HOME)["Location"].startswith(reverse("accounts:login"))
    assert actions(actor_id=world.viewer_a.pk) == ["account.login", "account.logout"]


def test_an_outside_next_address_is_ignored(world: World, client: Client) -> None:
    response = password_login(client, "editor_a", next="https://evil.example/")
    assert response["Location"] == HOME
    password_login(client, "coord_x")
    step = client.post(
        TWO_FACTOR + "?next=https://evil.example/", {"code": next_code(world.coord_x)}
    )
    assert step["Location"] == HOME


def test_the_password_is_never_stored_by_the_lockout_counter(world: World, client: Client) -> None:
    from axes.models import AccessAttempt

    password_login(client, "editor_a", "secret-guess-123")
    attempt = AccessAttempt.objects.get(username="editor_a")
    assert "secret-guess-123" not in attempt.post_data
    assert PASSWORD not in attempt.post_data
