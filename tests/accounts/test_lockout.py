"""Lockout after repeated failures (django-axes): the kind lockout page, its end, its
audit events, and nothing stored for public pages."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.staff_world import PASSWORD, World

from .conftest import actions, password_login

pytestmark = pytest.mark.django_db


def _fail(client: Client, username: str, times: int) -> list[int]:
    return [password_login(client, username, f"wrong-{i}").status_code for i in range(times)]


def test_five_failures_lock_the_user_name_with_a_kind_page(world: World, client: Client) -> None:
    statuses = _fail(client, "editor_a", 5)
    assert statuses == [200, 200, 200, 200, 429]
    locked = password_login(client, "editor_a", PASSWORD)  # even the right password
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "ログインを一時的に止めています" in body
    assert "30分のあいだ" in body
    assert "ごろから、もう一度ログインできます" in body
    assert "団体の管理者か、自治体の担当者" in body
    assert reverse("accounts:password_reset") in body
    assert "_auth_user_id" not in client.session
    assert actions(action="account.lockout") == ["account.lockout"]
    assert actions(action="account.login_failed") == ["account.login_failed"] * 6
    # Other accounts are unaffected, from the same address too.
    assert password_login(Client(), "editor_b")["Location"] == reverse("accounts:home")


def test_an_unknown_user_name_locks_the_same_way(world: World, client: Client) -> None:
    assert _fail(client, "nobody_here", 5)[-1] == 429


def test_the_lock_ends_after_the_cool_off(world: World, client: Client) -> None:
    _fail(client, "viewer_a", 5)
    assert password_login(client, "viewer_a").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=31))
    assert password_login(client, "viewer_a")["Location"] == reverse("accounts:home")
    # A success clears the count: four more failures do not lock again.
    client.post(reverse("accounts:logout"))
    assert _fail(client, "viewer_a", 4) == [200] * 4


def test_a_password_reset_lifts_the_lock(world: World, client: Client) -> None:
    _fail(client, "owner_a", 5)
    client.post(reverse("accounts:password_reset"), {"email": "owner_a@example.jp"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new pass 2468", "new_password2": "a brand new pass 2468"},
    )
    response = password_login(client, "owner_a", "a brand new pass 2468")
    assert response["Location"] == reverse("accounts:home")


def test_axes_stores_nothing_for_public_pages_or_successful_sign_ins(
    world: World, client: Client
) -> None:
    for url in ("/", "/en/", "/search/?q=食堂"):
        client.get(url)
    password_login(client, "editor_a")
    assert AccessAttempt.objects.count() == 0
    assert AccessLog.objects.count() == 0
    assert "sessionid" not in Client().get("/").cookies
