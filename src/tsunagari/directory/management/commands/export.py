from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tsunagari.directory.exporters.hsds import SERVICES_JSON, export_hsds


class Command(BaseCommand):
    help = (
        "ディレクトリを書き出します。hsds: HSDS 3.0 の services.json と表形式データパッケージ"
        "（datapackage.json と表ごとの CSV）。 / Export the directory (hsds: HSDS 3.0 "
        "services.json and the tabular data package)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=["hsds"], help="export format")
        parser.add_argument("directory", type=Path, help="output directory")
        parser.add_argument("--publisher", default="", help="publisher named in datapackage.json")
        parser.add_argument("--licence", default="", help="licence of the data, e.g. CC-BY-4.0")

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        result = export_hsds(directory, publisher=options["publisher"], licence=options["licence"])
        rows = sum(result.rows.values())
        self.stdout.write(
            f"書き出しました: サービス {result.services} 件 ({directory / SERVICES_JSON})、"
            f"表形式 {len(result.rows)} 表 {rows} 行 ({directory / 'datapackage.json'}) / "
            f"exported {result.services} services and {rows} table rows"
        )
