"""``tsunagari createadmin``: a platform administrator from prompts or from options;
bad input is named in Japanese and English, exits with status 2 and creates nothing."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.core.management.commands import createadmin

pytestmark = pytest.mark.django_db

STRONG = "hikari-no-michi-2026"


def run(*args: str, **options: object) -> str:
    out = StringIO()
    call_command("createadmin", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def refused(*args: str, **options: object) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("createadmin", *args, stdout=StringIO(), stderr=StringIO(), **options)
    assert caught.value.returncode == 2
    return str(caught.value)


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password"
    path.write_text(STRONG + "\n")
    return path


def test_non_interactive_with_a_password_file(password_file):
    output = run(
        "--noinput", "--username", "kanri", "--email", "kanri@example.jp",
        "--password-file", str(password_file),
    )  # fmt: skip
    assert "kanri" in output
    admin = User.objects.get(username="kanri")
    assert admin.is_superuser and admin.is_staff and admin.is_active
    assert admin.email == "kanri@example.jp"
    assert admin.check_password(STRONG)
    event = AuditEvent.objects.get(action=AuditAction.ADMIN_CREATE)
    assert event.object_id == str(admin.pk)
    assert event.actor_label == "command:createadmin"
    assert STRONG not in str(event.new_values)


def test_non_interactive_with_the_password_in_the_environment(monkeypatch):
    monkeypatch.setenv("TSUNAGARI_ADMIN_PASSWORD", STRONG)
    run("--noinput", "--username", "kanri", "--email", "kanri@example.jp")
    assert User.objects.get(username="kanri").check_password(STRONG)


def test_an_existing_user_name_is_refused(monkeypatch):
    User.objects.create_user("kanri", "other@example.jp", "whatever-else-99")
    monkeypatch.setenv("TSUNAGARI_ADMIN_PASSWORD", STRONG)
    message = refused("--noinput", "--username", "kanri", "--email", "kanri@example.jp")
    assert "すでに使われています" in message
    assert "already taken" in message
    assert User.objects.filter(is_superuser=True).count() == 0
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("password", "japanese", "english"),
    [
        ("short1", "短すぎます", "too short"),
        ("12345678901", "数字しか使われていません", "entirely numeric"),
        ("qwertyuiop", "一般的すぎます", "too common"),
        ("kanri2026", "ユーザー名 と似すぎています", "too similar to the username"),
    ],
)
def test_a_weak_password_is_refused_in_both_languages(monkeypatch, password, japanese, english):
    monkeypatch.setenv("TSUNAGARI_ADMIN_PASSWORD", password)
    message = refused("--noinput", "--username", "kanri", "--email", "kanri@example.jp")
    assert japanese in message
    assert english in message
    assert not User.objects.exists()


def test_a_bad_email_is_refused(monkeypatch):
    monkeypatch.setenv("TSUNAGARI_ADMIN_PASSWORD", STRONG)
    message = refused("--noinput", "--username", "kanri", "--email", "kanri-at-example")
    assert "メールアドレス" in message and "email address" in message
    assert not User.objects.exists()


def test_non_interactive_without_a_password_is_refused(monkeypatch):
    monkeypatch.delenv("TSUNAGARI_ADMIN_PASSWORD", raising=False)
    message = refused("--noinput", "--username", "kanri", "--email", "kanri@example.jp")
    assert "TSUNAGARI_ADMIN_PASSWORD" in message
    assert not User.objects.exists()


def test_a_missing_password_file_is_refused(tmp_path):
    message = refused(
        "--noinput", "--username", "kanri", "--email", "kanri@example.jp",
        "--password-file", str(tmp_path / "nowhere"),
    )  # fmt: skip
    assert "--password-file" in message
    assert not User.objects.exists()


def answers(monkeypatch, typed: list[str], secrets: list[str]) -> None:
    typed_answers: Iterator[str] = iter(typed)
    secret_answers: Iterator[str] = iter(secrets)

    def next_or_eof(answers: Iterator[str]) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", lambda prompt="": next_or_eof(typed_answers))
    monkeypatch.setattr(
        createadmin.getpass, "getpass", lambda prompt="": next_or_eof(secret_answers)
    )


def test_interactive_asks_again_until_each_answer_is_accepted(monkeypatch):
    monkeypatch.delenv("TSUNAGARI_ADMIN_PASSWORD", raising=False)
    User.objects.create_user("taken", "taken@example.jp", "whatever-else-99")
    answers(
        monkeypatch,
        typed=["taken", "kanri", "not-an-address", "kanri@example.jp"],
        # a mismatch, then a weak password, then a good one
        secrets=[STRONG, STRONG + "x", "short1", "short1", STRONG, STRONG],
    )
    err = StringIO()
    call_command("createadmin", stdout=StringIO(), stderr=err)
    assert "already taken" in err.getvalue()
    assert "The two passwords differ" in err.getvalue()
    assert "too short" in err.getvalue()
    admin = User.objects.get(username="kanri")
    assert admin.is_superuser and admin.check_password(STRONG)


def test_interactive_end_of_input_cancels_and_creates_nothing(monkeypatch):
    monkeypatch.delenv("TSUNAGARI_ADMIN_PASSWORD", raising=False)
    answers(monkeypatch, typed=["kanri"], secrets=[])
    with pytest.raises(CommandError, match="Cancelled"):
        call_command("createadmin", stdout=StringIO(), stderr=StringIO())
    assert not User.objects.exists()
