"""湯沢市「ライフイベントに関する相談窓口」as JSON converted from the city's xlsx:
``{"origin", "source", "header": {key: 見出し}, "data": [{marriage, pregnancy,
childcare, consultation, name, time, location, tel}]}``. The file has no
municipality code; it is 湯沢市's (052078) unless ``--municipality`` says otherwise."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..ids import stable_id
from ..models import Municipality
from ..services import Graph
from . import common, normalise, records, taxonomy_rules
from .base import ImportContext, ImportProblem, SourceInfo
from .places import Municipalities
from .reading import open_text

KIND = "life_event_soudan"
YUZAWA = "052078"
FIELDS = ("consultation", "name", "time", "location", "tel")
FLAGS = ("marriage", "pregnancy", "childcare")
# "月～金13:00～21:00", "毎週水・金\n12:00～14:00" (after NFKC ～ is ~).
_HOURS = re.compile(
    r"(?:毎週)?(?P<days>[月火水木金土日祝][月火水木金土日祝・、~〜\-]*)?\s*"
    r"(?P<open>\d{1,2}:\d{2})\s*[~〜\-]\s*(?P<close>\d{1,2}:\d{2})"
)
_LOOKS_LIKE_ADDRESS = re.compile(r"^\S+?[市町村]\S*?\d")


class YuzawaLifeEventFormat:
    name = "yuzawa:life_event_soudan"
    label = "湯沢市 ライフイベントに関する相談窓口（JSON）"
    complete_records = True
    own_parts = True  # parts are built by records.Record (see directory/derive.py)

    def sniff(self, path: Path, head: str) -> bool:
        start = head.lstrip("\ufeff \r\n\t")
        return start.startswith("{") and '"header"' in head and '"consultation"' in head

    def source_info(self, path: Path) -> SourceInfo:
        origin = ""
        try:
            with open_text(path) as f:
                origin = str(json.load(f).get("origin", ""))
        except (ValueError, AttributeError, ImportProblem):
            pass
        found = Municipality.objects.filter(pk=YUZAWA).first()
        return SourceInfo(
            format=self.name,
            publisher=found.name if found else "湯沢市",
            licence=common.CC_BY_4,
            licence_url=common.CC_BY_4_URL,
            source_url=origin[:500],
        )

    def read(self, ctx: ImportContext) -> Iterator[Graph]:
        file = ctx.path.name
        taxonomy_rules.require_terms(KIND, file)
        places = Municipalities()
        code = ctx.municipality.code if ctx.municipality else YUZAWA
        if not places.exists(code):
            raise ImportProblem(
                f"自治体 {code} が自治体の一覧にありません（`tsunagari load_reference`）", file=file
            )
        with open_text(ctx.path) as f:
            try:
                document = json.load(f)
            except json.JSONDecodeError as exc:
                raise ImportProblem(
                    f"JSON として読めません: {exc.msg}", file=file, row=exc.lineno
                ) from exc
        entries = document.get("data") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise ImportProblem('"data" の一覧がありません', file=file, column="data")
        header = document.get("header") or {}
        for number, entry in enumerate(entries, start=1):
            ctx.rows_read += 1
            yield self._record(file, number, entry, header, code, places).graph()

    def _record(
        self,
        file: str,
        number: int,
        entry: Any,
        header: dict[str, str],
        code: str,
        places: Municipalities,
    ) -> records.Record:
        if not isinstance(entry, dict):
            raise ImportProblem("項目がオブジェクトではありません", file=file, row=number)
        for key in FIELDS:
            if not isinstance(entry.get(key, ""), str):
                raise ImportProblem("文字列ではありません", file=file, row=number, column=key)
        name = normalise.nfkc(entry.get("name"))
        if not name:
            raise ImportProblem("名称が空です", file=file, row=number, column="name")
        consultation = normalise.nfkc(entry.get("consultation"))
        record = records.Record(
            service_id=stable_id(code, KIND, name, consultation),
            municipality_code=code,
            source_record_id=str(number),
            name=name,
            description=consultation,
        )
        tel = entry.get("tel", "")
        numbers = normalise.find_phones(tel)
        rest = normalise.nfkc(re.sub(r"[\d\-()（）]{5,}", " ", tel))
        record.phones = [(n, rest) for n in numbers]
        record.schedules = self._schedules(file, number, entry.get("time", ""))
        location = normalise.nfkc(entry.get("location"))
        if location:
            first, _, more = location.partition("\n")
            record.location_name = first.strip()
            record.location_description = location
            if _LOOKS_LIKE_ADDRESS.match(first):
                split = places.split_address(first, default_code=code)
                line_1, _, note = split.address_1.partition("(")
                record.address = {
                    "state_province": split.state_province,
                    "city": split.city,
                    "address_1": line_1.strip(),
                    "address_2": records.join(note.rstrip(")"), more, sep=" "),
                }
        facts = {header.get(k, k): ("true" if entry.get(k) is True else "") for k in FLAGS}
        facts.update({"相談内容": consultation, "名称": name})
        record.terms = taxonomy_rules.terms_for(KIND, facts)
        return record

    @staticmethod
    def _schedules(file: str, number: int, text: str) -> list[dict[str, Any]]:
        """One schedule per "days hours" pair; the text itself is kept as description."""
        t = normalise.nfkc(text)
        if not t:
            return []
        found = []
        for m in _HOURS.finditer(t.replace("\n", " ")):
            try:
                opens = normalise.parse_time(m.group("open"))
                closes = normalise.parse_time(m.group("close"))
            except ValueError as exc:
                raise ImportProblem(str(exc), file=file, row=number, column="time") from exc
            byday = normalise.parse_days(m.group("days")) if m.group("days") else ""
            found.append(
                records.schedule(byday=byday or "", opens_at=opens, closes_at=closes, description=t)
            )
        if not found:
            found.append(records.schedule(description=t))
        return [s for s in found if s]


FORMAT = YuzawaLifeEventFormat()
