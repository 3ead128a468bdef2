"""One normaliser for Japanese text, used on documents and on queries alike.

``fold`` makes spelling differences disappear: NFKC (full-width ASCII and half-width
kana become ordinary characters), lower case, katakana → hiragana (so the reading
「ソウダン」 and the query 「そうだん」 meet), punctuation and spaces → one space, and
the synonym table (``data/synonyms.csv``) maps variants such as 子供/こども to one form.

The index holds character bigrams of the folded text: Japanese has no spaces between
words, and bigrams find 2-character words such as 相談 or 食堂 that trigrams miss.
Besides the bigrams, a document keeps the last character of each run as a unigram, so
every character starts a token and a 1-character query is a prefix search
(``query_words``) that finds it anywhere."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import jaconv

SYNONYMS_FILE = Path(__file__).with_name("data") / "synonyms.csv"

# Anything that is not a letter or a digit (Python's \w without "_") separates words;
# a line break is kept where it separates fields (``document_lines``).
_SEPARATORS = re.compile(r"[^\w\n]+|_+")


_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fd\u30fe]+")


@lru_cache(maxsize=65536)
def _hiragana(run: str) -> str:
    return jaconv.kata2hira(run)


def fold_letters(text: str) -> str:
    """Width, case and kana folding only (punctuation and spaces kept): the base that
    search, taxonomy inference and the navigator's keyword tables share."""
    text = unicodedata.normalize("NFKC", text).lower()
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):  # a few lower-case forms
            text = unicodedata.normalize("NFKC", text)
        # Katakana words repeat (サロン, センター): convert each distinct run once.
        text = _KATAKANA_RUN.sub(lambda m: _hiragana(m.group(0)), text)
    return text


def _basic(text: str) -> str:
    """Width, case and kana folding, separators as single spaces."""
    return _SEPARATORS.sub(" ", fold_letters(text)).strip(" ")


@cache
def _synonyms() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The variant → canonical map (both folded) and one pattern matching any of them,
    longest first so that 引き籠もり wins over a shorter variant inside it."""
    mapping: dict[str, str] = {}
    with SYNONYMS_FILE.open(encoding="utf-8") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        reader = csv.reader(lines)
        next(reader)  # header
        for row in reader:
            forms = [_basic(cell).replace(" ", "") for cell in row if cell.strip()]
            canonical = forms[0]
            for form in forms:
                if form:
                    mapping[form] = canonical
    if not mapping:
        return None, mapping
    alternatives = sorted(mapping, key=lambda s: (-len(s), s))
    return re.compile("|".join(map(re.escape, alternatives))), mapping


def _apply_synonyms(text: str) -> str:
    pattern, mapping = _synonyms()
    if pattern is None:
        return text
    # A replacement can make a new variant across its edge; a second pass settles it.
    for _ in range(3):
        replaced = pattern.sub(lambda m: mapping[m.group(0)], text)
        if replaced == text:
            break
        text = replaced
    return text


def fold(text: str) -> str:
    """The normal form of ``text``: words separated by single spaces. Idempotent."""
    return " ".join(_apply_synonyms(word) for word in _basic(text.replace("\n", " ")).split())


def bigrams(word: str) -> list[str]:
    """Character bigrams of one folded word, and its last character as a unigram."""
    if not word:
        return []
    return [word[i : i + 2] for i in range(len(word) - 1)] + [word[-1]]


def document_lines(texts: list[str]) -> list[str]:
    """Each field folded, without spaces (so 「子ども 食堂」 is found by 「子ども食堂」
    as well). One pass over all fields: this runs for every document of every import."""
    joined = _basic("\n".join(t.replace("\n", " ") for t in texts)).replace(" ", "")
    return _apply_synonyms(joined).split("\n")  # no variant spans a line break


def document_tokens(text: str) -> list[str]:
    """Index tokens of a document field, in order (positions matter for ranking)."""
    return bigrams(document_lines([text])[0])


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: every token must occur; ``prefix`` for a 1-character word
    (matches any token that starts with it)."""

    text: str  # folded
    tokens: tuple[str, ...]
    prefix: bool = False


def query_words(text: str) -> list[QueryWord]:
    """The words of a query (split at spaces and punctuation), each with its tokens."""
    words = []
    for word in fold(text).split():
        if len(word) == 1:
            words.append(QueryWord(text=word, tokens=(word,), prefix=True))
        else:
            tokens = tuple(dict.fromkeys(word[i : i + 2] for i in range(len(word) - 1)))
            words.append(QueryWord(text=word, tokens=tokens))
    return words
