"""Reading and loading population counts (``Population``).

The import takes a CSV in long form, one row per cell, with these columns (Japanese
headers of the 自治体標準オープンデータセット 「地域・年齢別人口」 are accepted as
aliases): ``code`` (全国地方公共団体コード), ``district`` (地域名, optional),
``age_band`` (年齢 / 年齢階級, optional), ``sex`` (性別: 男/女/計 or male/female/all,
optional), ``count`` (人口 / 総数), ``as_of`` (調査年月日, YYYY-MM-DD or YYYY/MM/DD).
A wide file (columns 男 and 女 instead of sex + count) is split into two cells.
The load is all or nothing: any bad row names its line and column, and nothing changes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record
from tsunagari.directory.models import Municipality

from .models import Population

ALIASES = {
    "code": ("code", "全国地方公共団体コード", "団体コード"),
    "district": ("district", "地域名"),
    "age_band": ("age_band", "年齢", "年齢階級"),
    "sex": ("sex", "性別"),
    "count": ("count", "人口", "総数", "総人口"),
    "as_of": ("as_of", "調査年月日", "基準日"),
    "male": ("male", "男", "男性"),
    "female": ("female", "女", "女性"),
}
SEXES = {
    "male": "male",
    "男": "male",
    "男性": "male",
    "female": "female",
    "女": "female",
    "女性": "female",
    "all": "all",
    "計": "all",
    "総数": "all",
    "": "all",
}


class PopulationInputError(ValueError):
    """A row of the file cannot be read; the message names the line and column."""


@dataclass(frozen=True)
class Cell:
    code: str
    district: str
    age_band: str
    sex: str
    count: int
    as_of: dt.date


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    cleaned = [h.strip().lstrip("\ufeff") for h in header]
    for key, names in ALIASES.items():
        for index, name in enumerate(cleaned):
            if name in names:
                found[key] = index
                break
    missing = [k for k in ("code", "as_of") if k not in found]
    if "count" not in found and not ("male" in found and "female" in found):
        missing.append("count")
    if missing:
        raise PopulationInputError(
            f"1行目: 列 {', '.join(missing)} がありません / missing column(s): {', '.join(missing)}"
        )
    return found


def _int(value: str, line: int, column: str) -> int:
    try:
        number = int(value.replace(",", "").strip())
    except ValueError:
        number = -1
    if number < 0:
        raise PopulationInputError(
            f"{line}行目 {column}: 0以上の整数ではありません（{value!r}）"
            f" / line {line}, {column}: not a whole number >= 0"
        )
    return number


def _date(value: str, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip().replace("/", "-"))
    except ValueError:
        raise PopulationInputError(
            f"{line}行目 as_of: 日付ではありません（{value!r}） / line {line}, as_of: not a date"
        ) from None


def parse_population(text: str) -> list[Cell]:
    """Cells of a population CSV (see the module docstring)."""
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        raise PopulationInputError("ファイルが空です / the file is empty")
    cols = _columns(rows[0])
    known = set(Municipality.objects.values_list("code", flat=True))

    def get(row: list[str], key: str) -> str:
        index = cols.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    cells: list[Cell] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in row):
            continue
        code = get(row, "code").zfill(6)
        if code not in known:
            raise PopulationInputError(
                f"{line}行目 code: 知らない自治体コードです（{code}） / line {line}, code: unknown"
            )
        sex_text = get(row, "sex")
        if sex_text not in SEXES:
            raise PopulationInputError(
                f"{line}行目 sex: 男・女・計 のどれかにしてください（{sex_text!r}）"
                f" / line {line}, sex: one of male, female, all"
            )
        base = {
            "code": code,
            "district": get(row, "district"),
            "age_band": get(row, "age_band"),
            "as_of": _date(get(row, "as_of"), line),
        }
        if "count" in cols:
            count = _int(get(row, "count"), line, "count")
            cells.append(Cell(sex=SEXES[sex_text], count=count, **base))  # type: ignore[arg-type]
        else:
            for sex in ("male", "female"):
                count = _int(get(row, sex), line, sex)
                cells.append(Cell(sex=sex, count=count, **base))  # type: ignore[arg-type]
    if not cells:
        raise PopulationInputError("データの行がありません / no data rows")
    return cells


@transaction.atomic
def population_replace(*, actor: Actor, cells: Iterable[Cell]) -> int:
    """Replace the counts of each (municipality, as_of) the cells cover; returns the
    number of cells written. A repeated cell is an error and nothing is written."""
    cells = list(cells)
    seen: set[tuple[str, str, str, str, dt.date]] = set()
    for cell in cells:
        key = (cell.code, cell.district, cell.age_band, cell.sex, cell.as_of)
        if key in seen:
            raise PopulationInputError(
                f"同じ区分が2回あります / repeated cell: {' '.join(map(str, key))}"
            )
        seen.add(key)
    for code, as_of in sorted({(c.code, c.as_of) for c in cells}):
        Population.objects.filter(municipality_id=code, as_of=as_of).delete()
        audit_record(
            actor=actor,
            action=AuditAction.REFERENCE_IMPORT,
            object_type="municipality",
            object_id=code,
            new={
                "table": "population",
                "as_of": as_of,
                "cells": sum(1 for c in cells if (c.code, c.as_of) == (code, as_of)),
            },
        )
    Population.objects.bulk_create(
        Population(
            municipality_id=c.code,
            district=c.district,
            age_band=c.age_band,
            sex=c.sex,
            count=c.count,
            as_of=c.as_of,
        )
        for c in cells
    )
    return len(cells)


# -- reads --------------------------------------------------------------------------------


def population_totals(codes: Iterable[str] | None = None) -> dict[str, int]:
    """Municipality code -> residents at its latest ``as_of`` (sum of every cell)."""
    rows = Population.objects.all()
    if codes is not None:
        rows = rows.filter(municipality_id__in=list(codes))
    latest: dict[str, dt.date] = {}
    for code, as_of in rows.values_list("municipality_id", "as_of").distinct():
        if code not in latest or as_of > latest[code]:
            latest[code] = as_of
    totals: dict[str, int] = {}
    sums = rows.values("municipality_id", "as_of").annotate(total=Sum("count"))
    for row in sums:
        if latest.get(row["municipality_id"]) == row["as_of"]:
            totals[row["municipality_id"]] = int(row["total"] or 0)
    return totals
