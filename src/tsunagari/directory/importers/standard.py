"""自治体標準オープンデータセット (介護サービス事業所一覧, 子育て施設一覧, 医療機関一覧,
公共施設一覧) in both header generations. The dataset is recognised by its header
columns, in any order and with extra columns; each row becomes a service with its
location, address, phones, schedule and taxonomy attributes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from ..ids import stable_id
from ..services import Graph
from . import common, normalise, records, taxonomy_rules
from . import standard_specs as specs
from .base import ImportContext, ImportProblem, SourceInfo
from .places import Address, Municipalities
from .tabular import CsvFile, Row, first_present, sniff_header


class StandardFormat:
    complete_records = True
    own_parts = True  # parts are built by records.Record (see directory/derive.py)

    def __init__(self, spec: specs.DatasetSpec) -> None:
        self.spec = spec
        self.name = f"standard:{spec.kind}"
        self.label = f"自治体標準オープンデータセット {spec.label}"

    def sniff(self, path: Path, head: str) -> bool:
        found = specs.match(set(sniff_header(head)))
        return found is not None and found[0] is self.spec

    def source_info(self, path: Path) -> SourceInfo:
        return SourceInfo(
            format=self.name,
            publisher=common.publisher(path, specs.CODE_COLUMNS),
            licence=common.CC_BY_4,
            licence_url=common.CC_BY_4_URL,
        )

    def read(self, ctx: ImportContext) -> Iterator[Graph]:
        yield from self.prepare(ctx)()

    def prepare(self, ctx: ImportContext) -> Callable[..., Iterator[Graph]]:
        """Check the taxonomy and load the municipality list now; the reader returned
        reads the file without the database (``parallel.read_graphs`` may run it in a
        child process)."""
        taxonomy_rules.require_terms(self.spec.kind, ctx.path.name)
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
        columns: _Columns | None = None
        for index, row in enumerate(csv_file.rows(required=(self.spec.name_column,))):
            if columns is None:
                columns = _Columns(set(csv_file.header), self.spec)
            ctx.rows_read += 1
            if keep is not None and not keep(index):
                continue
            yield self._record(file, row, columns, municipality, places).graph()

    def _record(
        self,
        file: str,
        row: Row,
        c: _Columns,
        municipality: common.RowMunicipality,
        places: Municipalities,
    ) -> records.Record:
        spec = self.spec
        code = municipality.code(row, c.code)
        name = row.text(spec.name_column)
        if not name:
            raise ImportProblem("名称が空です", file=file, row=row.number, column=spec.name_column)
        record_id = row.text(c.record_id)
        # Without an ID the name and address identify the row across re-imports.
        key = record_id or f"{name}\x1f{row.text(c.address)}"
        record = records.Record(
            service_id=stable_id(code, spec.kind, key),
            municipality_code=code,
            source_record_id=record_id,
            name=name,
            name_kana=normalise.katakana(row.get(f"{spec.name_column}_カナ")),
            alternate_name=row.text("名称_通称"),
            url=row.text("URL"),
            email=row.text("連絡先メールアドレス"),
            transportation=row.text("アクセス方法"),
        )
        record.description = records.join(
            *(f"{label}: {row.text(col)}" for col, label in spec.described if row.text(col)),
            row.text("備考"),
        )
        record.accessibility = records.join(row.text("バリアフリー情報"))
        point = common.coordinates(file, row, "緯度", "経度")
        if point:
            record.latitude, record.longitude = point
        location_code = (
            common.cell(file, row, specs.LOCATION_CODE_COLUMN, places.check)
            if specs.LOCATION_CODE_COLUMN in c.columns
            else ""
        )
        record.address, found_code = self._address(row, c, places, location_code or code)
        record.location_municipality = location_code or found_code
        record.phones = common.phones(file, row, "電話番号")
        record.extension = common.extension(row, "内線番号")
        org_name = row.text(c.organization)
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
        sched = self._schedule(file, row, c)
        if sched:
            record.schedules.append(sched)
        facts = {col: row.get(col) for col in spec.facts}
        facts["名称"] = name
        record.terms = taxonomy_rules.terms_for(spec.kind, facts)
        return record

    @staticmethod
    def _address(
        row: Row, c: _Columns, places: Municipalities, code: str
    ) -> tuple[dict[str, str] | None, str]:
        """The address and, when the address names a known municipality, its code."""
        building = row.text(c.building)
        postal = normalise.postal_code(row.get("郵便番号"))
        parts = [row.text(p) for p in specs.ADDRESS_PART_COLUMNS]
        if parts[1] and (parts[2] or parts[3]):
            prefecture, city, town, number = parts
            line_1 = f"{town}{number}"
        elif row.text(c.address):
            split = places.split_address(row.get(c.address), default_code=code)
            prefecture, city, line_1 = split.state_province, split.city, split.address_1
        else:
            return None, ""
        found = places.code_of(Address(prefecture, city, line_1))
        machiaza = row.text("町字ID")
        return {
            "state_province": prefecture or places.names(code)[0],
            "city": city,
            "address_1": line_1 or building,
            "address_2": building if line_1 else "",
            "postal_code": postal,
            # 町字ID is 7 digits; some files shift another code into it.
            "machiaza_id": machiaza if re.fullmatch(r"\d{7}", machiaza) else "",
        }, found

    @staticmethod
    def _schedule(file: str, row: Row, c: _Columns) -> dict[str, Any] | None:
        days_text = row.text(c.days)
        byday = normalise.parse_days(days_text)
        opens = common.cell(file, row, c.opens, normalise.parse_time)
        closes = common.cell(file, row, c.closes, normalise.parse_time)
        note = row.text(c.schedule_note)
        description = records.join(days_text if byday is None else "", note)
        return records.schedule(
            byday=byday or "", opens_at=opens, closes_at=closes, description=description
        )


class _Columns:
    """Which of the alternative column names this file uses (decided once)."""

    def __init__(self, columns: set[str], spec: specs.DatasetSpec) -> None:
        self.columns = columns
        self.code = first_present(columns, *specs.CODE_COLUMNS)
        self.record_id = first_present(columns, *specs.ID_COLUMNS)
        self.address = first_present(columns, *specs.ADDRESS_COLUMNS)
        self.building = first_present(columns, *specs.BUILDING_COLUMNS)
        self.days = first_present(columns, *specs.DAY_COLUMNS)
        self.opens = first_present(columns, *specs.OPENS_COLUMNS)
        self.closes = first_present(columns, *specs.CLOSES_COLUMNS)
        self.schedule_note = first_present(columns, *specs.SCHEDULE_NOTE_COLUMNS)
        self.organization = first_present(columns, *specs.ORGANIZATION_COLUMNS)


FORMATS = [StandardFormat(spec) for spec in specs.SPECS]
