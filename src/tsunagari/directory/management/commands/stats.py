import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tsunagari.directory.statistics import directory_counts


class Command(BaseCommand):
    help = "Print how much the directory holds (services, organisations, locations, ...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = directory_counts()
        if options["json"]:
            self.stdout.write(json.dumps(counts, ensure_ascii=False))
            return
        width = max(len(k) for k in counts)
        for key, value in counts.items():
            self.stdout.write(f"{key:<{width}}  {value}")
