"""Password reset through an e-mailed link, and the password change page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.staff_world import PASSWORD, World

from .conftest import actions, password_login

pytestmark = pytest.mark.django_db

NEW = "a brand new pass 2468"


def _link(message: mail.EmailMessage) -> str:
    return next(line for line in message.body.splitlines() if "/password/reset/" in line)


def test_reset_by_mail_end_to_end(world: World, client: Client) -> None:
    page = client.get(reverse("accounts:password_reset"))
    assert "登録しているメールアドレスを入力してください" in page.content.decode()
    sent = client.post(reverse("accounts:password_reset"), {"email": "editor_a@example.jp"})
    assert sent["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor_a@example.jp"]
    assert "パスワードの再設定" in message.subject
    assert "ユーザー名：editor_a" in message.body
    link = _link(message)
    assert link.startswith("http://testserver/staff/password/reset/")

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    target = form_page.redirect_chain[-1][0]
    mismatch = client.post(target, {"new_password1": NEW, "new_password2": NEW + "x"})
    assert mismatch.status_code == 200
    assert mismatch.context["form"].errors
    done = client.post(target, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("accounts:password_reset_complete")

    assert password_login(Client(), "editor_a", PASSWORD).status_code == 200  # old one fails
    assert password_login(Client(), "editor_a", NEW)["Location"] == reverse("accounts:home")
    assert actions(action="account.password_reset", actor_id=world.editor_a.pk) == [
        "account.password_reset"
    ]
    # The link works once.
    again = client.get(link, follow=True)
    assert not again.context["validlink"]
    assert "このリンクは使えません" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world: World, client: Client) -> None:
    sent = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.jp"})
    assert sent["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_changing_the_password(world: World, client: Client) -> None:
    password_login(client, "editor_b")
    url = reverse("accounts:password_change")
    weak = client.post(url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    assert weak.context["form"].errors
    response = client.post(url, {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("accounts:security")
    assert client.get(reverse("accounts:home")).status_code == 200  # still signed in
    assert password_login(Client(), "editor_b", NEW)["Location"] == reverse("accounts:home")
    assert actions(action="account.password_change") == ["account.password_change"]
