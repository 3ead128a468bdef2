"""BM25F relevance for the candidates the index found, the same on SQLite and PostgreSQL.

FTS5's own ``bm25()`` walks the whole doclist of every phrase in the MATCH expression on
every query to count documents for the IDF — filter tokens (tags, grid cells) included —
which doubled the time of a typical search at 500,000 services; PostgreSQL's
``ts_rank_cd`` has no IDF at all. So the engine scores its few hundred candidates here:

* term frequencies from each candidate's stored tokens (SQLite: the FTS5 ``name`` and
  ``body`` columns; PostgreSQL: the tsvector, whose weight-A positions are the name),
  the name weighing ``NAME_WEIGHT`` times the body as BM25F does with field weights,
  and length normalisation against the average document;
* document frequencies per query token from one indexed count each, cached per process
  (until this process writes the index, or for five minutes — another process may
  have), so a common word costs its count once, not on every query.

Scores are the Okapi form: Σ idf · tf·(k1+1) / (tf + k1·(1−b+b·len/avglen))."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable, Sequence
from functools import lru_cache

from django.db import connection

from .normalise import QueryWord

K1 = 1.2
B = 0.75
NAME_WEIGHT = 5.0
CACHE_SECONDS = 300
SAMPLE = 2_000  # documents read for the average length

Term = tuple[str, bool]  # (token, prefix)

_generation = 0


def forget() -> None:
    """Drop cached statistics: the index was written."""
    global _generation
    _generation += 1


def _key() -> tuple[str, int, int]:
    return connection.vendor, _generation, int(time.monotonic() // CACHE_SECONDS)


def _fts(token: str, prefix: bool) -> str:
    return '{name body} : "' + token.replace('"', '""') + '"' + ("*" if prefix else "")


def _tsquery(token: str, prefix: bool) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")


@lru_cache(maxsize=4096)
def _document_frequency(token: str, prefix: bool, key: tuple[str, int, int]) -> int:
    with connection.cursor() as cursor:
        if key[0] == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM search_document WHERE tokens @@ %s::tsquery",
                [_tsquery(token, prefix)],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [_fts(token, prefix)]
            )
        return int(cursor.fetchone()[0])


@lru_cache(maxsize=2)
def _stats(key: tuple[str, int, int]) -> tuple[int, float]:
    """How many documents, and their average length (in the unit ``_frequencies`` uses)."""
    with connection.cursor() as cursor:
        if key[0] == "postgresql":
            cursor.execute("SELECT count(*) FROM search_document")
            documents = int(cursor.fetchone()[0])
            cursor.execute(
                "SELECT avg(length(tokens)) FROM (SELECT tokens FROM search_document LIMIT %s) s",
                [SAMPLE],
            )
            average = float(cursor.fetchone()[0] or 0)
        else:
            cursor.execute("SELECT count(*) FROM search_document")
            documents = int(cursor.fetchone()[0])
            # A token is 2 characters and a space; the name counts NAME_WEIGHT times. A
            # sample: reading every stored text took over a second at 500,000 services.
            cursor.execute(
                "SELECT avg(length(name)), avg(length(body)) "
                "FROM (SELECT name, body FROM search_fts LIMIT %s)",
                [SAMPLE],
            )
            name_chars, body_chars = cursor.fetchone()
            average = (NAME_WEIGHT * (name_chars or 0) + (body_chars or 0)) / 3
    return int(documents or 0), average or 1.0


def _count(tokens: str, token: str, prefix: bool) -> int:
    padded = f" {tokens} "
    return padded.count(f" {token}" if prefix else f" {token} ")


def _sqlite_frequencies(
    doc_ids: Sequence[int], terms: Sequence[Term]
) -> Iterable[tuple[int, float, list[float]]]:
    placeholders = ", ".join(["%s"] * len(doc_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, name, body FROM search_fts WHERE rowid IN ({placeholders})",  # noqa: S608
            list(doc_ids),
        )
        rows = cursor.fetchall()
    for doc_id, name, body in rows:
        name, body = name or "", body or ""
        length = (NAME_WEIGHT * len(name) + len(body)) / 3
        yield (
            doc_id,
            length,
            [NAME_WEIGHT * _count(name, t, p) + _count(body, t, p) for t, p in terms],
        )


_POSITIONS = re.compile(r"':([0-9A-D,]+)")


def _tsvector_tf(vector: str, token: str, prefix: bool) -> float:
    """Weighted frequency of ``token`` in a tsvector's text (``'相談':3A,10 …``)."""
    tf = 0.0
    needle = "'" + token.replace("'", "''") + ("" if prefix else "'")
    start = vector.find(needle)
    while start != -1:
        match = _POSITIONS.match(vector, vector.find("'", start + len(needle) - 1))
        if match:
            for position in match.group(1).split(","):
                tf += NAME_WEIGHT if position.endswith("A") else 1.0
        if not prefix:
            break
        start = vector.find(needle, start + 1)
    return tf


def _postgres_frequencies(
    doc_ids: Sequence[int], terms: Sequence[Term]
) -> Iterable[tuple[int, float, list[float]]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, length(tokens), tokens::text FROM search_document WHERE id = ANY(%s)",
            [list(doc_ids)],
        )
        rows = cursor.fetchall()
    for doc_id, length, vector in rows:
        yield doc_id, float(length), [_tsvector_tf(vector, t, p) for t, p in terms]


def relevance(doc_ids: Sequence[int], words: Sequence[QueryWord]) -> dict[int, float]:
    """BM25F score of each candidate document for the query words."""
    if not doc_ids or not words:
        return {}
    key = _key()
    documents, average = _stats(key)
    terms = [(token, word.prefix) for word in words for token in word.tokens]
    idf = []
    for token, prefix in terms:
        df = _document_frequency(token, prefix, key)
        idf.append(math.log(1 + (documents - df + 0.5) / (df + 0.5)))
    read = _postgres_frequencies if key[0] == "postgresql" else _sqlite_frequencies
    scores = {}
    for doc_id, length, frequencies in read(doc_ids, terms):
        norm = K1 * (1 - B + B * length / average)
        scores[doc_id] = sum(
            weight * tf * (K1 + 1) / (tf + norm)
            for weight, tf in zip(idf, frequencies, strict=True)
            if tf
        )
    return scores
