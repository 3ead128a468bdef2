"""The SQL of the indexed engine, one class per database.

Both speak the same plan: every condition that the inverted index can answer (the
query's bigrams, taxonomy codes, municipality, grid cells of a radius) becomes one
full-text expression; what it cannot (open at a half hour) is a cheap condition on the
document row. A query fetches at most ``limit`` candidates in index order; counting is
capped the same way, so a word found in a third of the country costs a bounded time."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from .normalise import QueryWord


@dataclass(frozen=True)
class OpenCondition:
    """Open during the half hour ``slot`` of ``weekday`` (per the weekly masks)."""

    weekday: int
    slot: int
    holiday: bool
    new_year: bool


@dataclass(slots=True)
class Row:
    doc_id: int
    key: str  # the service id as 32 hex digits (converted only for the hits shown)
    name: str
    name_folded: str
    points: str
    known: bool
    exact: bool
    closed_holidays: bool
    closed_new_year: bool
    mask: int  # the weekday's mask of the moment asked about
    relevance: float

    @property
    def service_id(self) -> uuid.UUID:
        return uuid.UUID(hex=self.key)


COLUMNS = (
    "d.id, d.service_id, d.name, d.name_folded, d.points, d.hours_known, d.hours_exact, "
    "d.closed_holidays, d.closed_new_year, d.open_{day}"
)


def _open_sql(condition: OpenCondition | None) -> tuple[str, list[Any]]:
    if condition is None:
        return "", []
    sql = f" AND (d.open_{condition.weekday} & %s) <> 0"
    # Exact rows that close on such days are closed; the others are checked in Python.
    if condition.holiday:
        sql += " AND NOT (d.hours_exact AND d.closed_holidays)"
    if condition.new_year:
        sql += " AND NOT (d.hours_exact AND d.closed_new_year)"
    return sql, [1 << condition.slot]


def _rows(raw: Sequence[Sequence[Any]]) -> list[Row]:
    return [
        Row(
            doc_id=r[0],
            key=r[1].hex if isinstance(r[1], uuid.UUID) else r[1],
            name=r[2],
            name_folded=r[3],
            points=r[4],
            known=bool(r[5]),
            exact=bool(r[6]),
            closed_holidays=bool(r[7]),
            closed_new_year=bool(r[8]),
            mask=r[9],
            relevance=float(r[10] or 0.0),
        )
        for r in raw
    ]


class Backend:
    """Shared parts; subclasses build the full-text expression and its SQL."""

    def expression(
        self, words: Sequence[QueryWord], groups: Sequence[Sequence[str]], *, name_only: bool
    ) -> str | None:
        raise NotImplementedError

    def _match_sql(self, day: int, *, ranked: bool, joined: bool = True) -> tuple[str, str]:
        """(SELECT ... FROM ... WHERE <match>, the counting form), with placeholders
        for ``_params``; ``joined`` False when counting needs no document column."""
        raise NotImplementedError

    def _params(self, expression: str, rank: str | None) -> list[Any]:
        raise NotImplementedError

    def fetch(
        self,
        expression: str | None,
        *,
        rank_expression: str | None,
        day: int,
        open_at: OpenCondition | None,
        limit: int,
    ) -> list[Row]:
        """Up to ``limit`` candidate rows; without an expression, every document in
        name order."""
        open_sql, open_params = _open_sql(open_at)
        with connection.cursor() as cursor:
            if expression is None:
                cursor.execute(
                    f"SELECT {COLUMNS.format(day=day)}, 0 FROM search_document d WHERE 1=1"  # noqa: S608
                    f"{open_sql} ORDER BY d.name, d.service_id LIMIT %s",
                    [*open_params, limit],
                )
            else:
                select, _ = self._match_sql(day, ranked=rank_expression is not None)
                cursor.execute(
                    f"{select}{open_sql} LIMIT %s",
                    [*self._params(expression, rank_expression), *open_params, limit],
                )
            return _rows(cursor.fetchall())

    def count(self, expression: str | None, *, open_at: OpenCondition | None, cap: int) -> int:
        """How many documents match, counting no further than ``cap``."""
        open_sql, open_params = _open_sql(open_at)
        with connection.cursor() as cursor:
            if expression is None:
                cursor.execute(
                    "SELECT count(*) FROM (SELECT 1 FROM search_document d WHERE 1=1"  # noqa: S608
                    f"{open_sql} LIMIT %s) AS capped",
                    [*open_params, cap],
                )
            else:
                _, counting = self._match_sql(0, ranked=False, joined=open_at is not None)
                cursor.execute(
                    f"SELECT count(*) FROM ({counting}{open_sql} LIMIT %s) AS capped",  # noqa: S608
                    [expression, *open_params, cap],
                )
            return int(cursor.fetchone()[0])


def _quote_fts(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


class SQLiteBackend(Backend):
    """FTS5 over the ``search_fts`` table.

    No bm25(): for its IDF, FTS5 walks the whole doclist of every phrase in the query
    (filter tokens included) on every query — at 500,000 rows that alone doubled the
    time of a typical search. The engine scores its candidates itself (``bm25.py``)."""

    def expression(
        self, words: Sequence[QueryWord], groups: Sequence[Sequence[str]], *, name_only: bool
    ) -> str | None:
        parts = []
        columns = "{name}" if name_only else "{name body}"
        for word in words:
            if word.prefix:
                parts.append(f"{columns} : {_quote_fts(word.tokens[0])}*")
            else:
                inner = " AND ".join(_quote_fts(t) for t in word.tokens)
                parts.append(f"{columns} : ({inner})")
        for group in groups:
            parts.append("filters : (" + " OR ".join(_quote_fts(t) for t in group) + ")")
        return " AND ".join(parts) or None

    def _match_sql(self, day: int, *, ranked: bool, joined: bool = True) -> tuple[str, str]:
        select = (
            f"SELECT {COLUMNS.format(day=day)}, 0 "  # noqa: S608
            "FROM search_fts JOIN search_document d ON d.id = search_fts.rowid "
            "WHERE search_fts MATCH %s"
        )
        counting = (
            "SELECT 1 FROM search_fts JOIN search_document d ON d.id = search_fts.rowid "
            "WHERE search_fts MATCH %s"
            if joined
            else "SELECT 1 FROM search_fts WHERE search_fts MATCH %s"
        )
        return select, counting

    def _params(self, expression: str, rank: str | None) -> list[Any]:
        return [expression]


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresBackend(Backend):
    """A tsquery over the ``tokens`` tsvector (GIN); ts_rank_cd on the text part only,
    since filter tokens carry no positions. Name tokens have weight A."""

    def expression(
        self, words: Sequence[QueryWord], groups: Sequence[Sequence[str]], *, name_only: bool
    ) -> str | None:
        weight = "A" if name_only else ""
        parts = []
        for word in words:
            if word.prefix:
                parts.append(f"{_lexeme(word.tokens[0])}:*{weight}")
            else:
                suffix = f":{weight}" if weight else ""
                parts.append("(" + " & ".join(_lexeme(t) + suffix for t in word.tokens) + ")")
        for group in groups:
            parts.append("(" + " | ".join(_lexeme(t) for t in group) + ")")
        return " & ".join(parts) or None

    def _match_sql(self, day: int, *, ranked: bool, joined: bool = True) -> tuple[str, str]:
        rank = "ts_rank_cd(d.tokens, %s::tsquery)" if ranked else "0"
        select = (
            f"SELECT {COLUMNS.format(day=day)}, {rank} "  # noqa: S608
            "FROM search_document d WHERE d.tokens @@ %s::tsquery"
        )
        counting = "SELECT 1 FROM search_document d WHERE d.tokens @@ %s::tsquery"
        return select, counting

    def _params(self, expression: str, rank: str | None) -> list[Any]:
        return [expression] if rank is None else [rank, expression]


def backend() -> Backend:
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgresBackend()
    raise NotImplementedError(f"search has no index for {connection.vendor}")
