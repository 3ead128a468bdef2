"""``tsunagari createadmin``: create a platform administrator (a Django superuser).

Interactive by default: asks for the user name, the e-mail address and the password
(twice), and asks again when an answer is refused. With ``--noinput`` everything comes
from options: ``--username``, ``--email`` and the password from ``--password-file`` or
the ``TSUNAGARI_ADMIN_PASSWORD`` environment variable (never a command-line argument,
which other users of the machine can see). Bad input: exit status 2, nothing created."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagari.audit.services import Actor
from tsunagari.core.services import (
    in_both_languages,
    platform_admin_check_email,
    platform_admin_check_password,
    platform_admin_check_username,
    platform_admin_create,
)

BAD_INPUT = 2
PASSWORD_ENV = "TSUNAGARI_ADMIN_PASSWORD"  # noqa: S105 - the name of a variable


class Command(BaseCommand):
    help = (
        "プラットフォーム管理者を作ります / Create a platform administrator. "
        f"Non-interactive: --noinput --username NAME --email ADDRESS, and the password in "
        f"--password-file or ${PASSWORD_ENV}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", help="ユーザー名 / user name")
        parser.add_argument("--email", help="メールアドレス / e-mail address")
        parser.add_argument(
            "--password-file",
            type=Path,
            metavar="FILE",
            help="パスワードを書いたファイル（1行目） / a file holding the password (first line)",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="何も聞かない / ask nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = _given_password(options["password_file"])
        if options["interactive"]:
            username, email, password = self._ask(options["username"], options["email"], password)
        else:
            username, email = options["username"] or "", options["email"] or ""
            if not username or not email or password is None:
                raise CommandError(
                    "--noinput には --username、--email と、--password-file か "
                    f"${PASSWORD_ENV} のパスワードが必要です / --noinput needs --username, "
                    f"--email and a password in --password-file or ${PASSWORD_ENV}.",
                    returncode=BAD_INPUT,
                )
        try:
            user = platform_admin_create(
                username=username,
                email=email,
                password=password,
                actor=Actor(label="command:createadmin"),
            )
        except ValidationError as refused:
            raise CommandError(
                "管理者は作っていません / No administrator was created:\n  "
                + "\n  ".join(refused.messages),
                returncode=BAD_INPUT,
            ) from None
        self.stdout.write(
            f"管理者「{user.get_username()}」を作りました。初めてログインしたときに 2 段階認証を"
            f"設定します。 / Created the platform administrator {user.get_username()!r}; "
            "two-factor authentication is set up at the first sign-in."
        )

    def _ask(
        self, username: str | None, email: str | None, password: str | None
    ) -> tuple[str, str, str]:
        try:
            username = username or self._until_accepted(
                lambda: input("ユーザー名 / Username: ").strip(), platform_admin_check_username
            )
            email = email or self._until_accepted(
                lambda: input("メールアドレス / E-mail: ").strip(), platform_admin_check_email
            )
            if password is None:
                password = self._until_accepted(
                    _ask_password_twice,
                    lambda value: platform_admin_check_password(
                        value, username=username or "", email=email or ""
                    ),
                )
        except (EOFError, KeyboardInterrupt):
            raise CommandError(
                "\n取りやめました（何も作っていません） / Cancelled; nothing was created.",
                returncode=1,
            ) from None
        return username, email, password

    def _until_accepted(self, ask: Callable[[], str], check: Callable[[str], None]) -> str:
        """Ask until ``check`` accepts the answer, saying each time what was wrong."""
        while True:
            try:
                answer = ask()
                in_both_languages(check, answer)
            except ValidationError as refused:
                for message in refused.messages:
                    self.stderr.write(f"  {message}")
                continue
            return answer


def _ask_password_twice() -> str:
    first = getpass.getpass("パスワード / Password: ")
    second = getpass.getpass("パスワード（確認） / Password (again): ")
    if first != second:
        raise ValidationError("2 回のパスワードがちがいます / The two passwords differ.")
    return first


def _given_password(path: Path | None) -> str | None:
    """The password from --password-file (its first line) or the environment."""
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CommandError(
                f"--password-file を読めません / Cannot read --password-file: {exc}",
                returncode=BAD_INPUT,
            ) from None
        return lines[0] if lines else ""
    return os.environ.get(PASSWORD_ENV)
