"""Read the columns of a survey response CSV that an analysis needs.

``NA`` and empty cells are missing values. Errors name the file, column and line, in
Japanese and English (the CLI prints them as they are)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

MISSING = frozenset({"", "NA"})


class SurveyInputError(ValueError):
    """Bad input for a survey analysis; the message names what is wrong."""


@dataclass(frozen=True)
class Table:
    """Text columns of a CSV, keyed by header name; line numbers count the header as 1."""

    path: Path
    header: tuple[str, ...]
    columns: dict[str, list[str]]
    lines: list[int]  # line number in the file of each row
    n: int

    def text(self, name: str) -> npt.NDArray[np.str_]:
        return np.array(self.columns[name], dtype=str)

    def missing(self, name: str) -> npt.NDArray[np.bool_]:
        return np.fromiter((v in MISSING for v in self.columns[name]), dtype=bool, count=self.n)

    def numbers(self, name: str, *, missing_allowed: bool = True) -> npt.NDArray[np.float64]:
        """The column as floats (NaN where missing); a value that is not a number, or a
        missing value where none is allowed, is an error naming line and column."""
        values = self.columns[name]
        out = np.empty(self.n)
        for i, value in enumerate(values):
            if value in MISSING:
                if not missing_allowed:
                    raise SurveyInputError(
                        f"{self.path.name}: 列 '{name}' の {self.lines[i]} 行目が空です"
                        "（この列には値が必要です）"
                        f" / column '{name}', line {self.lines[i]}: a value is required"
                    )
                out[i] = np.nan
                continue
            try:
                number = float(value)
            except ValueError:
                number = np.nan
            if not np.isfinite(number):
                raise SurveyInputError(
                    f"{self.path.name}: 列 '{name}' の {self.lines[i]} 行目の値 '{value}'"
                    " は数値ではありません"
                    f" / column '{name}', line {self.lines[i]}: '{value}' is not a number"
                )
            out[i] = number
        return out


def read_table(path: Path, names: Iterable[str]) -> Table:
    """Read the named columns of a CSV (UTF-8, with or without BOM)."""
    wanted = list(dict.fromkeys(names))
    try:
        f = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise SurveyInputError(
            f"データファイルを開けません / cannot open the data file: {path} ({exc.strerror})"
        ) from exc
    with f:
        reader = csv.reader(f)
        try:
            header = tuple(next(reader))
        except StopIteration:
            raise SurveyInputError(f"{path.name}: ファイルが空です / the file is empty") from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise SurveyInputError(
                f"{path.name}: CSV として読めません / not a readable CSV: {exc}"
            ) from exc
        unknown = [name for name in wanted if name not in header]
        if unknown:
            raise SurveyInputError(
                f"{path.name}: 列 {', '.join(map(repr, unknown))} がありません"
                f" / unknown column(s) {', '.join(map(repr, unknown))};"
                f" columns are: {', '.join(header)}"
            )
        index = {name: header.index(name) for name in wanted}
        columns: dict[str, list[str]] = {name: [] for name in wanted}
        lines: list[int] = []
        try:
            for line, row in enumerate(reader, start=2):
                if not row:
                    continue
                if len(row) != len(header):
                    raise SurveyInputError(
                        f"{path.name}: {line} 行目の列の数 ({len(row)}) が見出し ({len(header)})"
                        f" と違います / line {line} has {len(row)} fields, the header"
                        f" {len(header)}"
                    )
                lines.append(line)
                for name, i in index.items():
                    columns[name].append(row[i].strip())
        except (csv.Error, UnicodeDecodeError) as exc:
            raise SurveyInputError(
                f"{path.name}: CSV として読めません / not a readable CSV: {exc}"
            ) from exc
    return Table(path=path, header=header, columns=columns, lines=lines, n=len(lines))
