"""``tsunagari restore FILE``: replace the whole database with a backup made by
``tsunagari backup``. The file is checked completely first (a tsunagari backup, whole,
made at this database's migration state); then, after confirmation, everything is
replaced in one transaction. Exit status 2 and nothing changed when the file is
refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagari.audit.services import Actor
from tsunagari.core.snapshot import BackupProblem, backup_open, backup_restore

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "バックアップからデータベース全体を復元します（いまの中身は置き換わります） / "
        "Restore the whole database from FILE, replacing what it holds now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--yes",
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="確認せずに置き換える / replace without asking",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            backup = backup_open(path)
        except BackupProblem as problem:
            raise CommandError(
                f"{problem}\n何も変えていません / Nothing was changed.", returncode=BAD_INPUT
            ) from None
        if options["interactive"] and not self._confirmed(backup.created_at, backup.rows):
            raise CommandError("取りやめました / Cancelled; nothing was changed.", returncode=1)
        try:
            backup_restore(backup, actor=Actor(label="command:restore"))
        except BackupProblem as problem:
            raise CommandError(
                f"{problem}\n何も変えていません / Nothing was changed.", returncode=BAD_INPUT
            ) from None
        self.stdout.write(
            f"復元しました: {backup.rows} 行（{backup.created_at} のバックアップ）。"
            "検索の索引は作り直しました。ログインしていた人はもう一度ログインしてください。 / "
            f"Restored {backup.rows} rows from the backup of {backup.created_at}; the search "
            "index was rebuilt and everyone signs in again."
        )

    def _confirmed(self, created_at: str, rows: int) -> bool:
        self.stdout.write(
            f"{created_at} のバックアップ（{rows} 行）で、このデータベースの中身をすべて"
            "置き換えます。いまのデータは消えます。 / This replaces everything in the "
            f"database with the backup of {created_at} ({rows} rows); what it holds now "
            "is lost."
        )
        try:
            answer = input("続けるなら yes と入れてください / Type yes to continue: ")
        except (EOFError, KeyboardInterrupt):
            return False
        return answer.strip().lower() == "yes"
