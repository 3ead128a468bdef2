"""Steps every open-data CSV family shares: the row's municipality, coordinates,
address and phones, each turning a bad cell into an ImportProblem with its column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from ..models import Municipality
from . import normalise
from .base import ImportContext, ImportProblem
from .places import Municipalities
from .tabular import CsvFile, Row

T = TypeVar("T")

CC_BY_4 = "CC BY 4.0"
CC_BY_4_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"


def cell(file: str, row: Row, column: str | None, parse: Callable[[str], T]) -> T:
    """``parse(row[column])`` with a ValueError turned into an ImportProblem."""
    try:
        return parse(row.get(column))
    except ValueError as exc:
        raise ImportProblem(str(exc), file=file, row=row.number, column=column) from exc


class RowMunicipality:
    """The municipality of each row: the file's code column, checked against the
    municipality table and against ``--municipality`` when both are given."""

    def __init__(self, ctx: ImportContext, places: Municipalities) -> None:
        self.file = ctx.path.name
        self.given = ctx.municipality.code if ctx.municipality else ""
        self.places = places
        self._checked: dict[str, str] = {}  # raw cell -> code; files repeat one code

    def code(self, row: Row, column: str | None) -> str:
        raw = row.get(column)
        code = self._checked.get(raw)
        if code is None:
            code = cell(self.file, row, column, self.places.check)
            self._checked[raw] = code
        if not code:
            if not self.given:
                raise ImportProblem(
                    "全国地方公共団体コードが空です（--municipality で指定できます）",
                    file=self.file,
                    row=row.number,
                    column=column,
                )
            return self.given
        if self.given and code != self.given:
            raise ImportProblem(
                f"ファイルの全国地方公共団体コード {code} が --municipality {self.given} と"
                "一致しません",
                file=self.file,
                row=row.number,
                column=column,
            )
        return code


def coordinates(
    file: str, row: Row, lat_column: str, lon_column: str
) -> tuple[float, float] | None:
    try:
        return normalise.coordinates(
            row.get(lat_column),
            row.get(lon_column),
            lat_column=lat_column,
            lon_column=lon_column,
        )
    except normalise.CoordinateError as exc:
        raise ImportProblem(exc.reason, file=file, row=row.number, column=exc.column) from exc


def phones(file: str, row: Row, column: str | None, description: str = "") -> list[tuple[str, str]]:
    """Every number in a phone cell (several may be separated by ; 、 ,)."""
    found = []
    for part in normalise.split_multi(row.get(column)):
        try:
            found.append((normalise.normalise_phone(part), description))
        except ValueError as exc:
            raise ImportProblem(str(exc), file=file, row=row.number, column=column) from exc
    return found


def extension(row: Row, column: str | None) -> float | None:
    """HSDS keeps the extension as a number; other text is dropped."""
    text = row.text(column)
    return float(text) if text.isdigit() else None


def publisher(path: Path, code_columns: Sequence[str]) -> str:
    """The municipality named by the first data row's code column (one query), e.g.
    町田市; "" when the file does not say."""
    rows = CsvFile(path).rows()
    try:
        row = next(rows, None)
    except ImportProblem:
        return ""
    finally:
        rows.close()
    if row is None:
        return ""
    for column in code_columns:
        try:
            code = normalise.municipality_code(row.get(column))
        except ValueError:
            return ""
        if code:
            found = Municipality.objects.filter(pk=code).first()
            return (found.name or found.prefecture) if found else ""
    return ""
