"""``tsunagari import FILE... [--municipality CODE] [--dry-run]``: import open-data and
HSDS files into the directory, each file all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tsunagari.directory.importers import ImportProblem, ImportResult, import_file
from tsunagari.directory.importers.normalise import municipality_code
from tsunagari.directory.models import Municipality

# Files smaller than this import in well under a second: no progress bar.
PROGRESS_MIN_BYTES = 512 * 1024
BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Import files into the directory: 自治体標準オープンデータセット, 子ども食堂・居場所, "
        "湯沢市 相談窓口 JSON, HSDS 3.0 (services JSON or a data package). Each file is "
        "written completely or not at all; exit status 2 on bad input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--municipality",
            metavar="CODE",
            help="全国地方公共団体コード for files that do not carry one (6 digits, or 5)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = _municipality(options.get("municipality"))
        dry_run: bool = options["dry_run"]
        imported: list[str] = []
        failed: list[str] = []
        for name in options["files"]:
            path = Path(name)
            try:
                result = self._import(path, municipality, dry_run)
            except ImportProblem as problem:
                failed.append(path.name)
                self.stderr.write(
                    f"取り込めませんでした（このファイルは何も書き込んでいません）: {problem}"
                )
                continue
            imported.append(path.name)
            self.stdout.write(_summary(result))
        if failed:
            message = f"{len(failed)} 件のファイルに問題がありました: {', '.join(failed)}。"
            if imported and not dry_run:
                message += f" ほかの {len(imported)} 件は取り込み済みです: {', '.join(imported)}。"
            raise CommandError(message, returncode=BAD_INPUT)

    def _import(self, path: Path, municipality: Municipality | None, dry_run: bool) -> ImportResult:
        size = path.stat().st_size if path.is_file() else 0
        show = size >= PROGRESS_MIN_BYTES and sys.stderr.isatty()
        total = _count_lines(path) - 1 if show else None
        with tqdm(
            total=total, unit="件", desc=path.name, disable=not show, leave=False, file=sys.stderr
        ) as bar:
            return import_file(
                path,
                municipality=municipality,
                dry_run=dry_run,
                progress=(lambda n: bar.update(n - bar.n)) if show else None,
                parallel=True,  # a command line process: a child may read the file
            )


def _municipality(text: str | None) -> Municipality | None:
    if not text:
        return None
    try:
        code = municipality_code(text)
    except ValueError as exc:
        raise CommandError(f"--municipality: {exc}", returncode=BAD_INPUT) from exc
    found = Municipality.objects.filter(pk=code).first()
    if found is None:
        raise CommandError(
            f"--municipality: 全国地方公共団体コード {code} は自治体の一覧にありません"
            "（`tsunagari load_reference` で一覧を読み込んでください）",
            returncode=BAD_INPUT,
        )
    return found


def _summary(result: ImportResult) -> str:
    note = "（dry run: 何も書き込んでいません）" if result.dry_run else ""
    return (
        f"{result.file}: {result.format} {result.records} 件 — サービス 新規 "
        f"{result.count('service', 'created')} / 更新 {result.count('service', 'updated')} / "
        f"変更なし {result.count('service', 'unchanged')}{note}"
    )


def _count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
