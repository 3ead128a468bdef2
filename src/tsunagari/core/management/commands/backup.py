"""``tsunagari backup FILE``: the whole database, as one consistent file, while the site
keeps running. See tsunagari.core.snapshot for what the file holds and why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagari.audit.services import Actor
from tsunagari.core.snapshot import backup_write

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "データベース全体をひとつのファイルにバックアップします / Back up the whole database "
        "to FILE (SQLite or PostgreSQL; restore with `tsunagari restore FILE`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--force",
            action="store_true",
            help="FILE があれば上書きする / overwrite FILE if it exists",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if path.exists() and not options["force"]:
            raise CommandError(
                f"{path} はすでにあります（上書きするなら --force） / "
                f"{path} exists already (--force overwrites it).",
                returncode=BAD_INPUT,
            )
        if not path.parent.is_dir():
            raise CommandError(
                f"フォルダ {path.parent} がありません / No such folder: {path.parent}",
                returncode=BAD_INPUT,
            )
        summary = backup_write(path, actor=Actor(label="command:backup"))
        self.stdout.write(
            f"バックアップしました: {summary.tables} 表、{summary.rows} 行 → {path} / "
            f"Backed up {summary.tables} tables, {summary.rows} rows to {path}."
        )
