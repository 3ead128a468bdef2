"""Which taxonomy terms a record of an open-data family gets. The rules are data
(``data/import_taxonomy.csv``) so coordinators can read and change them:

    dataset,column,contains,terms
    kaigo,,,need.elderly type.care_service audience.seniors        (every row)
    kaigo,実施サービス,地域包括支援センター,type.chiiki_houkatsu ...  (cell contains text)
    iryo,診療科目,=精,need.mental                                   (one ; item equals 精)
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..models import TaxonomyTerm
from . import normalise
from .base import ImportProblem

RULES_CSV = Path(__file__).resolve().parent.parent / "data" / "import_taxonomy.csv"


@dataclass(frozen=True)
class Rule:
    column: str
    contains: str
    terms: tuple[str, ...]

    def matches(self, facts: Mapping[str, str]) -> bool:
        if not self.column:
            return True
        return self.matches_value(normalise.nfkc(facts.get(self.column, "")))

    def matches_value(self, value: str) -> bool:
        """Whether the rule's column, with ``value`` (after NFKC), gives the terms."""
        if not value:
            return False
        if self.contains.startswith("="):
            return self.contains[1:] in normalise.split_multi(value)
        return self.contains in value


@cache
def rules_for(dataset: str) -> tuple[Rule, ...]:
    with RULES_CSV.open(encoding="utf-8", newline="") as f:
        return tuple(
            Rule(
                column=normalise.nfkc(row["column"]),
                contains=normalise.nfkc(row["contains"]),
                terms=tuple(row["terms"].split()),
            )
            for row in csv.DictReader(f)
            if row["dataset"] == dataset
        )


def terms_for(dataset: str, facts: Mapping[str, str]) -> list[str]:
    """Term codes for one record, in rule order, without duplicates."""
    seen: dict[str, None] = {}
    values: dict[str, str] = {}  # each column normalised once, however many rules read it
    for rule in rules_for(dataset):
        if rule.column:
            value = values.get(rule.column)
            if value is None:
                value = values[rule.column] = normalise.nfkc(facts.get(rule.column, ""))
            if not rule.matches_value(value):
                continue
        seen.update(dict.fromkeys(rule.terms))
    return list(seen)


def require_terms(dataset: str, file: str) -> None:
    """One query per file: every term the rules can give must be in the database."""
    wanted = {t for rule in rules_for(dataset) for t in rule.terms}
    have = set(TaxonomyTerm.objects.filter(code__in=wanted).values_list("code", flat=True))
    missing = sorted(wanted - have)
    if missing:
        raise ImportProblem(
            f"分類語 {', '.join(missing)} がありません。先に `tsunagari load_reference` を"
            "実行してください",
            file=file,
        )
