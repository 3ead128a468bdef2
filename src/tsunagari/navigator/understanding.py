"""What a resident's free text says: needs, when, and whether it suggests a crisis.

Both tables are data (``data/need_keywords.csv``, ``data/crisis_keywords.csv``), matched
on text folded by the one folding function inference uses, with the same word finder.
Nothing here keeps the text: it is read, matched and dropped."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tsunagari.directory.inference.rules import WordFinder
from tsunagari.directory.inference.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
NEED_KEYWORDS_CSV = DATA_DIR / "need_keywords.csv"
CRISIS_KEYWORDS_CSV = DATA_DIR / "crisis_keywords.csv"
WHEN = ("now", "night", "holiday")
CRISIS_KINDS = ("suicide", "self_harm", "violence", "abuse")


@dataclass(frozen=True)
class Understanding:
    needs: tuple[str, ...] = ()  # taxonomy need codes, in table order
    prefer: tuple[str, ...] = ()  # other taxonomy codes the words ask for (channel.chat…)
    when: tuple[str, ...] = ()
    crisis_kinds: tuple[str, ...] = ()  # empty: no crisis words

    @property
    def crisis(self) -> bool:
        return bool(self.crisis_kinds)


@dataclass(frozen=True)
class _Entry:
    words: frozenset[str]
    terms: tuple[str, ...]
    when: tuple[str, ...]


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        numbered = [(n, line) for n, line in enumerate(f, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _n, line in numbered)
    for (number, _line), row in zip(numbered[1:], reader, strict=True):
        yield number, {k: (v or "").strip() for k, v in row.items()}


def _words(cell: str) -> frozenset[str]:
    return frozenset(fold(w.strip()) for w in cell.split("|") if w.strip())


@cache
def need_table() -> tuple[_Entry, ...]:
    entries = []
    for number, row in _rows(NEED_KEYWORDS_CSV):
        when = tuple(row["when"].split())
        if not set(when) <= set(WHEN):
            raise ValueError(f"{NEED_KEYWORDS_CSV.name}, line {number}, column when: {when}")
        entries.append(_Entry(_words(row["words"]), tuple(row["terms"].split()), when))
    return tuple(entries)


@cache
def crisis_table() -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for number, row in _rows(CRISIS_KEYWORDS_CSV):
        if row["kind"] not in CRISIS_KINDS:
            raise ValueError(f"{CRISIS_KEYWORDS_CSV.name}, line {number}, column kind")
        table[row["kind"]] = table.get(row["kind"], frozenset()) | _words(row["words"])
    return table


@cache
def _finder() -> WordFinder:
    words: set[str] = set()
    for entry in need_table():
        words |= entry.words
    for kind_words in crisis_table().values():
        words |= kind_words
    return WordFinder(words)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def understand(text: str) -> Understanding:
    """Needs, times and crisis kinds found in ``text`` (any length; callers limit it)."""
    if not text.strip():
        return Understanding()
    found = _finder().find(fold(text))
    if not found:
        return Understanding()
    hits = [entry for entry in need_table() if not entry.words.isdisjoint(found)]
    crisis = tuple(kind for kind, words in crisis_table().items() if not words.isdisjoint(found))
    terms = _unique(code for entry in hits for code in entry.terms)
    return Understanding(
        needs=tuple(t for t in terms if t.startswith("need.")),
        prefer=tuple(t for t in terms if not t.startswith("need.")),
        when=_unique(w for entry in hits for w in entry.when),
        crisis_kinds=crisis,
    )
