from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tsunagari.directory.national_lines import national_lines_load
from tsunagari.directory.reference import MUNICIPALITIES_CSV, municipalities_load, taxonomy_seed


class Command(BaseCommand):
    help = "Load the municipality list, the taxonomy and the national lines (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipalities",
            default=str(MUNICIPALITIES_CSV),
            help="a newer municipality list with the same columns",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from pathlib import Path

        n = municipalities_load(Path(options["municipalities"]))
        t = taxonomy_seed()
        lines = national_lines_load()
        self.stdout.write(f"municipalities: {n}, taxonomy terms: {t}, national lines: {lines}")
