"""tsunagari import_population FILE: load population counts (see indicators/population.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagari.audit.services import Actor
from tsunagari.indicators.population import (
    PopulationInputError,
    parse_population,
    population_replace,
)


class Command(BaseCommand):
    help = "人口（市区町村・地域・年齢階級・性別）を CSV から読み込みます / load population counts"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: 読めません / cannot read: {error}") from error
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp932")  # Shift_JIS files from municipal sites
            except UnicodeDecodeError as error:
                raise CommandError(
                    f"{path.name}: UTF-8 でも Shift_JIS でもありません"
                    " / neither UTF-8 nor Shift_JIS"
                ) from error
        try:
            written = population_replace(
                actor=Actor(label=f"import:{path.name}"), cells=parse_population(text)
            )
        except PopulationInputError as error:
            raise CommandError(f"{path.name}: {error}") from error
        self.stdout.write(f"{written} 件の人口を読み込みました / {written} cells loaded")
