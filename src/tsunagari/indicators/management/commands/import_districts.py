"""tsunagari import_districts FILE --municipality CODE: load district boundaries for the
dashboard's map (see indicators/districts.py). A bad file exits with status 2 and
changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagari.audit.services import Actor
from tsunagari.directory.models import Municipality
from tsunagari.indicators.districts import (
    DistrictInputError,
    district_shapes_replace,
    parse_districts,
)

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "地域の境界（GeoJSON の FeatureCollection）を読み込みます / load district boundaries"
        " (e.g. e-Stat 小地域 exported to GeoJSON: --name-property S_NAME)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--municipality", required=True, help="団体コード（6桁）")
        parser.add_argument(
            "--name-property",
            default="name",
            help="地域名が入っている properties の項目 / the property holding the name",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        code: str = options["municipality"]
        if not Municipality.objects.filter(code=code).exists():
            raise CommandError(
                f"{code}: その団体コードの市区町村がありません / no such municipality",
                returncode=BAD_INPUT,
            )
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(
                f"{path}: 読めません / cannot read: {error}", returncode=BAD_INPUT
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{path.name}: UTF-8 ではありません / not UTF-8", returncode=BAD_INPUT
            ) from error
        try:
            shapes = parse_districts(text, name_property=options["name_property"])
        except DistrictInputError as error:
            raise CommandError(f"{path.name}: {error}", returncode=BAD_INPUT) from error
        written = district_shapes_replace(
            actor=Actor(label=f"import:{path.name}"), code=code, shapes=shapes
        )
        self.stdout.write(f"{written} 地域の境界を読み込みました / {written} districts loaded")
