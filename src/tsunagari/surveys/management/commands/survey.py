"""``tsunagari survey estimate --data FILE.csv --design DESIGN.toml [--json]``: design-based
estimates (mean, total, proportion, ratio, by domain) with R survey's standard errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagari.surveys.analysis import estimate_files
from tsunagari.surveys.table import SurveyInputError

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "調査データの集計 / survey analysis. `survey estimate --data FILE.csv --design "
        "DESIGN.toml --json`: estimates with Taylor-linearised standard errors as R's survey "
        "package computes them; exit status 2 on bad input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        estimate = actions.add_parser(
            "estimate", help="estimates from a response CSV and a DESIGN.toml"
        )
        estimate.add_argument("--data", required=True, metavar="FILE.csv", help="responses")
        estimate.add_argument("--design", required=True, metavar="DESIGN.toml")
        estimate.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = estimate_files(Path(options["data"]), Path(options["design"]))
        except SurveyInputError as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for row in result["estimates"]:
            self.stdout.write(_line(row))


def _line(row: dict[str, Any]) -> str:
    name = row["variable"] + (f"={row['level']}" if row["level"] is not None else "")
    domain = ""
    if row["domain"]:
        domain = " " + ", ".join(f"{k}={v}" for k, v in row["domain"].items())

    def fmt(value: float | None) -> str:
        return "NA" if value is None else f"{value:.6g}"

    return (
        f"{row['kind']} {name}{domain}: {fmt(row['estimate'])} (SE {fmt(row['se'])}, "
        f"95% {fmt(row['ci_low'])}–{fmt(row['ci_high'])}, df {row['df']})"
    )
