"""The 49-column 子ども食堂・居場所 layout (むすびえ's こども食堂のデータフォーマット, used by
東京都 municipalities and others): ``全国地方公共団体コード,ID,都道府県,市区町村名,名称,
名称_カナ,設置目的,…,運営団体名,開催頻度,開催曜日,…`` and its older form that starts
``NO,都道府県コード又は市区町村コード,…`` (沖縄市)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from ..ids import stable_id
from ..services import Graph
from . import common, normalise, records, taxonomy_rules
from .base import ImportContext, ImportProblem, SourceInfo
from .places import Municipalities
from .tabular import CsvFile, Row, first_present, sniff_header

KIND = "kodomo_shokudo"
CODE_COLUMNS = ("全国地方公共団体コード", "都道府県コード又は市区町村コード")
ID_COLUMNS = ("ID", "NO")
SIGNATURE = ("名称", "開催頻度", "開催曜日", "運営団体名")

# 開催頻度 is a code. No published code table was found; these meanings are inferred
# from published files, where the code agrees with the stated days (沖縄市: 1 = 月火水木金,
# 2 = 火木金, 3 = 月金; 町田市: 1 = 毎週火〜土, 3 = four dates a month, 5 = 第4水曜日 /
# 第2火曜日; 文京区: 4 = 第2・4金曜日). Unknown codes are kept as text.
FREQUENCIES: dict[str, tuple[str, str]] = {
    "1": ("ほぼ毎日（週5日以上）", "WEEKLY"),
    "2": ("週2〜4回", "WEEKLY"),
    "3": ("週1〜2回", "WEEKLY"),
    "4": ("月2〜3回", "MONTHLY"),
    "5": ("月1回", "MONTHLY"),
    "6": ("2か月に1回以下", ""),
    "7": ("不定期", ""),
    "8": ("その他", ""),
}
FEE_COLUMNS = ("参加費_幼児", "参加費_小学生", "参加費_中学生", "参加費_高校生", "参加費_大人")
_NTH_DAY = re.compile(r"第([1-5](?:[・,、][1-5])*)([月火水木金土日])曜")


class KodomoShokudoFormat:
    name = "kodomo_shokudo"
    label = "子ども食堂・居場所 一覧（49列）"
    complete_records = True
    own_parts = True  # parts are built by records.Record (see directory/derive.py)

    def sniff(self, path: Path, head: str) -> bool:
        columns = set(sniff_header(head))
        return all(c in columns for c in SIGNATURE) and any(c in columns for c in CODE_COLUMNS)

    def source_info(self, path: Path) -> SourceInfo:
        return SourceInfo(
            format=self.name,
            publisher=common.publisher(path, CODE_COLUMNS),
            licence=common.CC_BY_4,
            licence_url=common.CC_BY_4_URL,
        )

    def read(self, ctx: ImportContext) -> Iterator[Graph]:
        yield from self.prepare(ctx)()

    def prepare(self, ctx: ImportContext) -> Callable[..., Iterator[Graph]]:
        """Database work now; the reader returned needs none (see ``parallel``)."""
        taxonomy_rules.require_terms(KIND, ctx.path.name)
        places = Municipalities()
        places.load()
        return partial(self._rows, ctx, places)

    def _rows(
        self,
        ctx: ImportContext,
        places: Municipalities,
        keep: Callable[[int], bool] | None = None,
    ) -> Iterator[Graph]:
        """The graphs; with ``keep``, only those of the records it keeps (by index),
        the others parsed but not built (importers/parallel.py)."""
        file = ctx.path.name
        municipality = common.RowMunicipality(ctx, places)
        csv_file = CsvFile(ctx.path)
        code_column = id_column = None
        for index, row in enumerate(csv_file.rows(required=SIGNATURE)):
            if code_column is None:
                code_column = first_present(set(csv_file.header), *CODE_COLUMNS)
                id_column = first_present(set(csv_file.header), *ID_COLUMNS)
            ctx.rows_read += 1
            if keep is not None and not keep(index):
                continue
            code = municipality.code(row, code_column)
            yield self._record(file, row, code, row.text(id_column), places).graph()

    def _record(
        self, file: str, row: Row, code: str, record_id: str, places: Municipalities
    ) -> records.Record:
        name = row.text("名称")
        if not name:
            raise ImportProblem("名称が空です", file=file, row=row.number, column="名称")
        key = record_id or f"{name}\x1f{row.text('住所')}"
        record = records.Record(
            service_id=stable_id(code, KIND, key),
            municipality_code=code,
            source_record_id=record_id,
            name=name,
            name_kana=normalise.katakana(row.get("名称_カナ")),
            url=row.text("URL"),
            email=row.text("メールアドレス1"),
            eligibility=row.text("参加条件"),
            fees_description=row.text("参加費特記事項"),
            application_process=records.join(row.text("予約方法"), row.text("予約特記事項")),
        )
        flags = [
            label
            for col, label in (
                ("フードパントリー実施", "フードパントリーあり"),
                ("テイクアウト実施", "テイクアウトあり"),
            )
            if row.text(col) in {"1", "有", "あり", "○"}
        ]
        record.description = records.join(
            row.text("設置目的"),
            row.text("実施支援の主な区分"),
            f"定員: {row.text('定員')}" if row.text("定員") else "",
            "、".join(flags),
            row.text("備考"),
        )
        point = common.coordinates(file, row, "緯度", "経度")
        if point:
            record.latitude, record.longitude = point
        if row.text("住所"):
            split = places.split_address(row.get("住所"), default_code=code)
            building = row.text("方書")
            record.address = {
                "state_province": split.state_province,
                "city": split.city,
                "address_1": split.address_1 or building,
                "address_2": building if split.address_1 else "",
                "postal_code": normalise.postal_code(row.get("郵便番号")),
            }
        for n in ("1", "2"):
            record.phones += common.phones(
                file, row, f"電話番号{n}", row.text(f"電話番号{n}_連絡先備考")
            )
        record.extension = common.extension(row, "内線番号")
        org_name = row.text("運営団体名")
        corporate = normalise.nfkc(row.get("法人番号")).replace("-", "")
        if org_name:
            record.organization = {
                "id": records.organization_id(
                    corporate_number=corporate, municipality_code=code, name=org_name
                ),
                "name": org_name[:255],
                "description": "",
                "corporate_number": corporate[:13],
                "municipality_code": code,
            }
        sched = self._schedule(file, row)
        if sched:
            record.schedules.append(sched)
        facts = {
            c: row.get(c)
            for c in ("名称", "設置目的", "実施支援の主な区分", "予約特記事項", "備考")
        }
        record.costs, free = _costs(row)
        if free:
            facts["参加費"] = "無料"
        record.terms = taxonomy_rules.terms_for(KIND, facts)
        return record

    @staticmethod
    def _schedule(file: str, row: Row) -> dict[str, Any] | None:
        days_text = row.text("開催曜日")
        byday = normalise.parse_days(days_text)
        opens = common.cell(file, row, "開催開始時間", normalise.parse_time)
        closes = common.cell(file, row, "開催終了時間", normalise.parse_time)
        dates = _dates(file, row, "開催日")
        frequency = row.text("開催頻度")
        label, freq = FREQUENCIES.get(frequency, (frequency, ""))
        note = row.text("開催日時特記事項")
        nth = _NTH_DAY.findall(note)
        if nth and freq == "MONTHLY":
            # 第4水曜日 → 4WE (RFC 5545), the one case where the month's week is stated.
            byday = ",".join(
                f"{n}{normalise.DAY_CODES[day]}"
                for weeks, day in nth
                for n in re.split(r"[・,、]", weeks)
            )
        if not freq and byday:
            freq = "WEEKLY"
        description = records.join(
            label,
            days_text if byday is None else "",
            note,
            "開催日: " + "、".join(d.isoformat() for d in dates) if dates else "",
            sep=" / ",
        )
        return records.schedule(
            byday=byday or "",
            opens_at=opens,
            closes_at=closes,
            description=description,
            freq=freq,
        )


def _dates(file: str, row: Row, column: str) -> list[dt.date]:
    """Every date of a multi-value date cell; an impossible date is an error."""
    found = []
    for part in normalise.split_multi(row.get(column)):
        try:
            day = normalise.parse_date(part)
        except ValueError as exc:
            raise ImportProblem(str(exc), file=file, row=row.number, column=column) from exc
        if day is not None:
            found.append(day)
    return found


def _costs(row: Row) -> tuple[list[tuple[str, float | None, str]], bool]:
    """参加費 per age band as cost options; True when every stated fee is 0 (free)."""
    costs, free = _fees(tuple(row.get(column) for column in FEE_COLUMNS))
    return list(costs), free


@lru_cache(maxsize=4096)  # a town's fees repeat from row to row
def _fees(cells: tuple[str, ...]) -> tuple[tuple[tuple[str, float | None, str], ...], bool]:
    costs: list[tuple[str, float | None, str]] = []
    for column, cell in zip(FEE_COLUMNS, cells, strict=True):
        given = normalise.nfkc(cell)
        text = given.replace(",", "").removesuffix("円")
        if not text:
            continue
        band = column.removeprefix("参加費_")
        if text == "無料":
            costs.append((band, 0.0, ""))
        elif text.replace(".", "", 1).isdigit():
            costs.append((band, float(text), ""))
        else:
            costs.append((band, None, given))
    free = bool(costs) and all(amount == 0 for _, amount, _ in costs)
    return tuple(costs), free


FORMAT = KodomoShokudoFormat()
