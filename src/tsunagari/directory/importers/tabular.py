"""Reading the CSV files of municipal open data: strict quoting, a normalised header,
rows by column name, blank padding rows skipped, and errors that name the row."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import normalise
from .base import ImportProblem
from .reading import open_text

_normalize = unicodedata.normalize


def header_key(cell: str) -> str:
    """Header cells compared after NFKC (（）→(), full-width letters), without BOM."""
    return normalise.nfkc(cell.replace("\ufeff", ""))


def sniff_header(head: str) -> list[str]:
    """The header row of a CSV head, normalised; [] when it is not CSV-like."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if "," not in first:
        return []
    try:
        cells = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return []
    return [header_key(c) for c in cells]


def first_present(columns: set[str], *names: str) -> str | None:
    return next((n for n in names if n in columns), None)


@dataclass
class Row:
    """One data row: ``number`` is the row as a spreadsheet shows it (header = 1)."""

    number: int
    cells: dict[str, str]

    def get(self, column: str | None) -> str:
        if column is None:
            return ""
        return self.cells.get(column, "")

    def text(self, column: str | None) -> str:
        """The cell after NFKC, stripped ("" when blank or absent)."""
        value = self.cells.get(column) if column is not None else None
        return _normalize("NFKC", value).strip() if value else ""


class CsvFile:
    """A municipal CSV file: use ``rows()`` once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header: list[str] = []

    def problem(
        self, reason: str, row: int | None = None, column: str | None = None
    ) -> ImportProblem:
        return ImportProblem(reason, file=self.path.name, row=row, column=column)

    def rows(self, required: Sequence[str] = ()) -> Generator[Row, None, None]:
        with open_text(self.path) as f:
            reader = csv.reader(f, strict=True)
            number = 1
            try:
                header = next(reader, None)
                if not header:
                    raise self.problem("空のファイルです", row=1)
                self.header = [header_key(c) for c in header]
                missing = [c for c in required if c not in self.header]
                if missing:
                    raise self.problem(
                        f"見出し行に必要な列がありません: {', '.join(missing)}",
                        row=1,
                        column=missing[0],
                    )
                width = len(self.header)
                for cells in reader:
                    number += 1
                    if not "".join(cells).strip():
                        continue  # blank padding rows (",,,,," or an empty line)
                    if len(cells) > width and any(c.strip() for c in cells[width:]):
                        raise self.problem(
                            f"見出しより多い {len(cells)} 列の値があります（見出しは {width} 列）",
                            row=number,
                        )
                    yield Row(number, dict(zip(self.header, cells, strict=False)))
            except csv.Error as exc:
                raise self.problem(
                    f'CSV の引用符（"）が閉じていないか、区切りが壊れています（{reader.line_num} '
                    f"行目付近: {exc}）",
                    row=number + 1,
                ) from exc
