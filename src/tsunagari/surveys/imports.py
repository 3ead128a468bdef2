"""Responses from a CSV file (answers typed elsewhere, or another tool's export).

Format: UTF-8 (with or without BOM) or CP932; a header row of item codes (any subset of
the survey's, in any order), plus optionally ``_weight`` (a positive number) and
``_stratum`` (text) for a sampling design; one response per row; a cell is the option's
number, or text for a text item (the district); an empty cell or ``NA`` is a skipped
question. ``template_csv()`` gives the header to start from.

``check()`` reads the whole file and lists every problem with its row (the header is row
1) and column; the import writes only a file without any."""

from __future__ import annotations

import csv
import hashlib
import io
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .questionnaire import Question, clean_value
from .services import ImportRow

MAX_BYTES = 2 * 1024 * 1024
MAX_ERRORS = 100
WEIGHT, STRATUM = "_weight", "_stratum"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class CheckReport:
    file_name: str
    sha256: str
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    more_errors: int = 0  # errors beyond MAX_ERRORS, counted but not listed

    @property
    def ok(self) -> bool:
        return not self.errors


def template_csv(questions: list[Question]) -> str:
    return ",".join(q.code for q in questions) + "\r\n"


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(_("文字コードが読めません。UTF-8 か Shift_JIS（CP932）で保存してください。"))


def check(data: bytes, file_name: str, questions: list[Question]) -> CheckReport:
    """Read and check every row. A problem with the file as a whole (size, encoding,
    header) is one error at row 1."""
    report = CheckReport(file_name=file_name, sha256=hashlib.sha256(data).hexdigest())

    def add(row: int, column: str, message: str) -> None:
        if len(report.errors) < MAX_ERRORS:
            report.errors.append(RowError(row, column, message))
        else:
            report.more_errors += 1

    if len(data) > MAX_BYTES:
        add(1, "", _("ファイルが大きすぎます（2 MB まで）。分けて取り込んでください。"))
        return report
    try:
        text = _decode(data)
    except ValueError as problem:
        add(1, "", str(problem))
        return report
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    by_code = {q.code: q for q in questions}
    known = {*by_code, WEIGHT, STRATUM}
    if not any(h in by_code for h in header):
        add(1, "", _("1行目に質問のコード（ひな形の見出し）が見つかりません。"))
        return report
    for name in header:
        if name not in known:
            add(1, name, _("この調査にない列です: %(name)s") % {"name": name or "(空)"})
    if len(set(header)) != len(header):
        add(1, "", _("同じ見出しの列が2つあります。"))
    if report.errors:
        return report
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines at the end of a spreadsheet's export
        if len(cells) != len(header):
            add(number, "", _("列の数が見出しと合いません（%(n)s 列）。") % {"n": len(cells)})
            continue
        answers: dict[str, int | str] = {}
        weight: float | None = None
        stratum = ""
        for name, cell in zip(header, cells, strict=True):
            if name == WEIGHT:
                weight = _weight(cell)
                if weight is None and cell.strip():
                    add(number, name, _("重みは正の数で入れてください。"))
            elif name == STRATUM:
                stratum = cell.strip()[:40]
            else:
                value, error = clean_value(by_code[name], cell)
                if error:
                    add(number, name, error)
                elif value is not None:
                    answers[name] = value
        report.rows.append(ImportRow(answers=answers, weight=weight, stratum=stratum))
    if not report.rows and not report.errors:
        add(2, "", _("回答の行がありません。"))
    return report


def _weight(cell: str) -> float | None:
    try:
        value = float(cell.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None
