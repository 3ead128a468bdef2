"""Files of indicator tables: CSV (UTF-8 with BOM, so Excel opens Japanese correctly),
Excel, and the open-data set of the published indicators with its metadata."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tsunagari.directory.models import Municipality

from .tables import Table, file_value

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _header(table: Table) -> list[str]:
    return [f"{c.label}（{c.unit}）" if c.unit else str(c.label) for c in table.columns]


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_header(table))
    for row in table.rows:
        writer.writerow([file_value(v) for v in row])
    if table.note:
        writer.writerow([])
        writer.writerow([f"{_('注')}：{table.note}"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def tables_xlsx(tables: Iterable[Table], *, title: str) -> bytes:
    """One sheet per table; header in bold, the note under the rows."""
    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=table.key[:31])
        sheet.append([str(table.title)])
        sheet["A1"].font = Font(bold=True)
        sheet.append(_header(table))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([file_value(v) for v in row])
        if table.note:
            sheet.append([])
            sheet.append([f"{_('注')}：{table.note}"])
        sheet.column_dimensions["A"].width = 30
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- open data -----------------------------------------------------------------------------

OPEN_COLUMNS = (
    "municipality_code",
    "municipality",
    "indicator",
    "category",
    "value",
    "unit",
    "as_of",
)


@dataclass(frozen=True)
class IndicatorMeta:
    key: str  # "<table>.<column>"
    title: str
    definition: str
    unit: str
    period: str
    source: str


def _definitions() -> dict[str, tuple[str, str]]:
    """key -> (definition, source), in the active language."""
    listings = _("つながりの掲載情報（公開中のサービス）")
    return {
        "places.listings": (
            _("分野ごとの公開中の掲載数。ひとつの掲載が複数の分野に入ることがあります。"),
            listings,
        ),
        "places.per_10k": (
            _("分野ごとの掲載数を人口1万人あたりにした値。人口データがない市区町村は空欄です。"),
            listings,
        ),
        "hours.open": (
            _("週に1回でも18時以降（夜）または土曜・日曜にあいている掲載の数。"),
            listings,
        ),
        "hours.known": (_("開いている曜日と時間が登録されている掲載の数。"), listings),
        "hours.share": (_("時間がわかる掲載のうち、夜または土日にあいている割合。"), listings),
        "freshness.listings": (_("終了していない掲載の数。"), listings),
        "freshness.stale": (
            _("最終確認日から決めた月数がたった掲載と、確認日の記録がない掲載の数。"),
            listings,
        ),
        "freshness.fresh_share": (_("確認が新しい掲載の割合。"), listings),
    }


def open_metadata(*, updated: dt.date) -> list[IndicatorMeta]:
    from .platform import freshness_table, hours_table, places_table

    tables = [places_table([], None), hours_table([]), freshness_table("", today=updated)]
    definitions = _definitions()
    result = []
    for table in tables:
        for column in table.columns[1:]:
            key = f"{table.key}.{column.key}"
            definition, source = definitions[key]
            result.append(
                IndicatorMeta(
                    key=key,
                    title=f"{table.title}：{column.label}",
                    definition=definition,
                    unit=str(column.unit),
                    period=_("%(day)s 時点") % {"day": updated.isoformat()},
                    source=source,
                )
            )
    return result


def open_rows(municipalities: Iterable[Municipality], *, today: dt.date) -> list[list[Any]]:
    """Long form: one row per municipality × indicator × category."""
    from .platform import freshness_table, hours_table, listings_by_municipality, places_table
    from .population import population_totals

    municipalities = list(municipalities)
    codes = [m.code for m in municipalities]
    listings = listings_by_municipality(codes)
    populations = population_totals(codes)
    rows: list[list[Any]] = []
    for m in municipalities:
        items = listings.get(m.code, [])
        for table in (
            places_table(items, populations.get(m.code)),
            hours_table(items),
            freshness_table(m.code, today=today),
        ):
            for row in table.rows:
                for column, value in zip(table.columns[1:], row[1:], strict=True):
                    rows.append(
                        [
                            m.code,
                            m.full_name,
                            f"{table.key}.{column.key}",
                            str(row[0]),
                            file_value(value),
                            str(column.unit),
                            today.isoformat(),
                        ]
                    )
    return rows


def open_data_csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(OPEN_COLUMNS)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def metadata_document(
    metas: list[IndicatorMeta], *, updated: dt.date, data_url: str
) -> dict[str, Any]:
    return {
        "title": _("つながりの指標（公開分）"),
        "description": _(
            "市区町村ごとの、居場所や相談先の掲載数・あいている時間・情報の鮮度の指標です。"
        ),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "updated": updated.isoformat(),
        "data": data_url,
        "columns": list(OPEN_COLUMNS),
        "suppressed_value": "X",
        "indicators": [
            {
                "key": m.key,
                "title": m.title,
                "definition": m.definition,
                "unit": m.unit,
                "period": m.period,
                "source": m.source,
                "licence": LICENCE,
                "updated": updated.isoformat(),
            }
            for m in metas
        ],
    }


def metadata_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def metadata_csv(document: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    fields = ("key", "title", "definition", "unit", "period", "source", "licence", "updated")
    writer.writerow(fields)
    for item in document["indicators"]:
        writer.writerow([item[f] for f in fields])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
