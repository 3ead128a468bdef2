"""Re-authentication before sensitive actions (recent_auth_required)."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from tests.staff_world import PASSWORD, World, sign_in
from tsunagari.accounts.access import AUTH_AT_SESSION_KEY
from tsunagari.audit.models import AuditEvent

from .conftest import next_code

pytestmark = pytest.mark.django_db

CHANGE = reverse("accounts:password_change")
REAUTH = reverse("accounts:reauth")


def _stale(client: Client, seconds: int = 3600) -> None:
    session = client.session
    session[AUTH_AT_SESSION_KEY] = int(time.time()) - seconds
    session.save()


def test_an_old_sign_in_is_asked_the_password_again_then_goes_back(
    world: World, client: Client
) -> None:
    sign_in(client, world.editor_a)
    _stale(client)
    response = client.get(CHANGE)
    assert response.status_code == 302
    assert response["Location"] == f"{REAUTH}?{urlencode({'next': CHANGE})}"
    page = client.get(response["Location"])
    assert "もう一度パスワードを確かめます" in page.content.decode()
    assert "code" not in page.context["form"].fields  # no second factor set up

    wrong = client.post(response["Location"], {"password": "nope", "next": CHANGE})
    assert wrong.status_code == 200
    assert "パスワードがちがいます。" in wrong.content.decode()
    assert client.get(CHANGE).status_code == 302

    right = client.post(response["Location"], {"password": PASSWORD, "next": CHANGE})
    assert right["Location"] == CHANGE
    assert client.get(CHANGE).status_code == 200
    event = AuditEvent.objects.get(action="account.reauth")
    assert event.actor_id == world.editor_a.pk
    assert AuditEvent.objects.filter(action="account.login_failed").count() == 1


def test_a_post_without_recent_password_changes_nothing(world: World, client: Client) -> None:
    sign_in(client, world.editor_a)
    response = client.post(
        CHANGE, {"new_password1": "a new pass 9876", "new_password2": "a new pass 9876"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(REAUTH)
    world.editor_a.refresh_from_db()
    assert world.editor_a.check_password(PASSWORD)


def test_the_window_is_configurable(world: World, client: Client, settings) -> None:
    settings.TSUNAGARI_REAUTH_SECONDS = 7200
    sign_in(client, world.editor_a)
    _stale(client, 3600)
    assert client.get(CHANGE).status_code == 200


def test_users_with_a_second_factor_give_a_code_too(world: World, client: Client) -> None:
    sign_in(client, world.coord_x)
    url = f"{REAUTH}?{urlencode({'next': CHANGE})}"
    missing = client.post(url, {"password": PASSWORD})
    assert "確認コードを入力してください。" in missing.content.decode()
    wrong = client.post(url, {"password": PASSWORD, "code": "000000"})
    assert "確認コードがちがうか" in wrong.content.decode()
    assert client.get(CHANGE).status_code == 302
    right = client.post(url, {"password": PASSWORD, "code": next_code(world.coord_x)})
    assert right["Location"] == CHANGE


def test_anonymous_visitors_are_sent_to_sign_in(world: World, client: Client) -> None:
    assert client.get(REAUTH)["Location"].startswith(reverse("accounts:login"))
    assert client.get(CHANGE)["Location"].startswith(reverse("accounts:login"))
