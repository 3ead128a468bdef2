"""The inference rules (``data/inference_rules.csv``) and a matcher that applies them.

The matcher looks words up by their first character in the set of characters a text
has, which keeps matching a few hundred words against a description to microseconds
(imports run inference on every record they write)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .text import fold

RULES_CSV = Path(__file__).resolve().parent.parent / "data" / "inference_rules.csv"
LOOK_AT = ("name", "text", "fact")
FACTS = ("phone", "toll_free", "in_person", "open_24h", "open_evening", "open_weekend")
COLUMNS = ("id", "look_at", "match", "unless", "terms", "note")
_LATIN = re.compile(r"[a-z]")
_LATIN_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # e.g. line, lgbtq, e-mail


class RulesError(ValueError):
    """The rules file cannot be used; the message names the line and the column."""


@dataclass(frozen=True)
class Rule:
    id: str
    look_at: str  # "name", "text" or "fact"
    match: frozenset[str]  # folded words, or fact names
    unless: frozenset[str]
    terms: tuple[str, ...]


def _words(cell: str) -> frozenset[str]:
    return frozenset(fold(w.strip()) for w in cell.split("|") if w.strip())


def rules_read(path: Path = RULES_CSV) -> tuple[Rule, ...]:
    """Every rule, in file order. Lines starting with # are comments."""
    with path.open(encoding="utf-8", newline="") as f:
        numbered = [(n, line) for n, line in enumerate(f, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _n, line in numbered)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise RulesError(f"{path.name}: the header must be {','.join(COLUMNS)}")
    rules: list[Rule] = []
    seen: set[str] = set()
    for (number, _line), row in zip(numbered[1:], reader, strict=True):
        where = f"{path.name}, line {number}"
        rule_id = (row["id"] or "").strip()
        if not rule_id or rule_id in seen:
            raise RulesError(f"{where}, column id: empty or repeated ({rule_id!r})")
        seen.add(rule_id)
        look_at = (row["look_at"] or "").strip()
        if look_at not in LOOK_AT:
            raise RulesError(f"{where}, column look_at: {look_at!r} is not one of {LOOK_AT}")
        match = _words(row["match"] or "")
        if not match:
            raise RulesError(f"{where}, column match: empty")
        if look_at == "fact" and not match <= set(FACTS):
            raise RulesError(f"{where}, column match: facts are {', '.join(FACTS)}")
        terms = tuple((row["terms"] or "").split())
        if not terms:
            raise RulesError(f"{where}, column terms: empty")
        rules.append(Rule(rule_id, look_at, match, _words(row["unless"] or ""), terms))
    return tuple(rules)


class WordFinder:
    """Which of a fixed set of folded words occur in a folded text. Words with Latin
    letters at an end match only at a word boundary there (``line`` is not in
    ``online``)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._plain: dict[str, list[str]] = defaultdict(list)
        self._latin: set[str] = set()  # whole Latin words: looked up among the text's words
        self._edged: dict[str, re.Pattern[str]] = {}  # Latin at one end only: verified
        for word in sorted(set(words), key=len, reverse=True):
            starts, ends = bool(_LATIN.match(word[0])), bool(_LATIN.match(word[-1]))
            if _LATIN_WORD.fullmatch(word):
                self._latin.add(word)
                continue
            self._plain[word[0]].append(word)
            if starts or ends:
                self._edged[word] = re.compile(
                    ("(?<![a-z])" if starts else "")
                    + re.escape(word)
                    + ("(?![a-z])" if ends else "")
                )
        self._first = frozenset(self._plain)

    def find(self, text: str) -> set[str]:
        found = {
            word
            for char in self._first.intersection(text)
            for word in self._plain[char]
            if word in text and (word not in self._edged or self._edged[word].search(text))
        }
        if self._latin:
            found.update(self._latin.intersection(_LATIN_WORD.findall(text)))
        return found


class Matcher:
    """Applies the rules to one record at a time."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self._finder = WordFinder(
            w for r in rules if r.look_at != "fact" for w in (*r.match, *r.unless)
        )
        # (where, word) -> the rules it can trigger, so only those are examined.
        self._triggers: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index, rule in enumerate(rules):
            for word in rule.match:
                self._triggers[(rule.look_at, word)].append(index)

    def terms(self, *, name: str, text: str, facts: Iterable[str]) -> dict[str, str]:
        """Taxonomy code → id of the first rule that gives it. ``name`` and ``text`` are
        folded already (``text`` includes the name)."""
        found = {"name": self._finder.find(name), "text": self._finder.find(text)}
        found["fact"] = set(facts)
        candidates = {
            index
            for where, words in found.items()
            for word in words
            for index in self._triggers.get((where, word), ())
        }
        given: dict[str, str] = {}
        for index in sorted(candidates):
            rule = self.rules[index]
            if not rule.unless.isdisjoint(found[rule.look_at]):
                continue
            for code in rule.terms:
                given.setdefault(code, rule.id)
        return given


@cache
def default_matcher() -> Matcher:
    return Matcher(rules_read())


def rule_terms(rules: Iterable[Rule]) -> Mapping[str, tuple[str, ...]]:
    return {r.id: r.terms for r in rules}
