"""The national consultation lines (data/national_lines.csv) as directory services.

Each CSV row becomes one service of its operator's organization, with its phone number
(or chat URL), its hours, 全国 as service area and taxonomy attributes. Every national
line carries ``attr.out_of_area`` (it works from anywhere), and every line flagged
``crisis=yes`` carries the term ``need.crisis``: the navigator finds the lines to show
first with ``Attribute(taxonomy_term__code="need.crisis", link_entity="service")``.

Hours change, so the year they were seen (``as_of``) stays visible: in every schedule's
notes, in the service's お知らせ (alert) and in its source record id."""

from __future__ import annotations

import csv
import hashlib
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from tsunagari.audit.services import Actor

from .hours import JST_OFFSET, WEEKEND, parse_hours
from .ids import stable_id, term_id
from .models import DataSource, TaxonomyTerm
from .reference import DATA_DIR, taxonomy_rows
from .services import DirectoryWriter, Graph, record_import

NATIONAL_LINES_CSV = DATA_DIR / "national_lines.csv"
COLUMNS = (
    "name",
    "operator",
    "channel",
    "contact",
    "hours",
    "target",
    "crisis",
    "notes",
    "source",
    "as_of",
)
SOURCE_KEY = "national_lines"
PUBLISHER = "tsunagari（各窓口の公開情報から作成）"
# DataSource has no free-text note; its 出典 field says where the data comes from and
# that hours change.
SOURCE_NOTE = (
    "各窓口・省庁の公開情報（出典は各サービスに記載）。受付時間は変わることがあるため、"
    "確認した年をサービスごとに表示しています。"
)
CHANNELS = {
    "電話": "channel.phone",
    "チャット": "channel.chat",
    "メール": "channel.email",
    "SNS": "channel.sns",
    "LINE": "channel.sns",
}
# Needs and audiences read from a line's name, target and notes (marked as inferred).
INFERRED_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"どなたでも", ("audience.everyone", "need.general")),
    (r"子ども|子供|18歳", ("audience.children",)),
    (r"保護者", ("audience.parents",)),
    (r"チャイルドライン|子ども|子供", ("need.talk",)),
    (r"人権|SOSダイヤル", ("need.school",)),
    (r"虐待", ("need.violence", "need.childcare", "audience.children")),
    (r"DV|性暴力", ("need.violence",)),
    (r"セクシュアルマイノリティ|LGBT", ("need.lgbtq",)),
    (r"外国語|言語", ("need.foreign", "attr.multilingual")),
    # need.crisis comes only from the crisis column, never from wording.
    (r"自殺予防|死にたい|消えたい|いのち", ("need.mental",)),
    (r"こころ", ("need.mental",)),
    (r"孤独|孤立", ("need.general", "need.talk")),
    (r"消費者|悪質商法", ("need.legal",)),
    (r"警察", ("need.legal",)),
)
_PHONE_IN_TEXT = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}")


@dataclass(frozen=True)
class Line:
    row: int
    name: str
    operator: str
    channel: str
    contact: str
    hours: str
    target: str
    crisis: bool
    notes: str
    source: str
    as_of: str

    @property
    def seen(self) -> str:
        return f"受付時間は{self.as_of}年に確認した情報です"


def national_lines_read(path: Path = NATIONAL_LINES_CSV) -> list[Line]:
    """The rows of the CSV; raises ValueError naming row and column when one is unusable."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = set(COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        lines = []
        for number, raw in enumerate(reader, start=2):
            row = {k: (raw[k] or "").strip() for k in COLUMNS}
            for column in ("name", "operator", "contact", "as_of"):
                if not row[column]:
                    raise ValueError(f"{path.name}, row {number}, column {column}: empty")
            if row["crisis"] not in {"yes", "no", ""}:
                raise ValueError(
                    f"{path.name}, row {number}, column crisis: {row['crisis']!r} is not yes/no"
                )
            lines.append(
                Line(
                    number,
                    row["name"],
                    row["operator"],
                    row["channel"],
                    row["contact"],
                    row["hours"],
                    row["target"],
                    row["crisis"] == "yes",
                    row["notes"],
                    row["source"],
                    row["as_of"],
                )
            )
    return lines


@transaction.atomic
def national_lines_load(path: Path = NATIONAL_LINES_CSV, *, actor: Actor | None = None) -> int:
    """Create or update one service per line (stable ids: re-running updates in place and
    records audit events only for what changed). Returns the number of lines."""
    lines = national_lines_read(path)
    _require_taxonomy()
    actor = actor or Actor(label="system:national_lines")
    now = timezone.now()
    source, _ = DataSource.objects.update_or_create(
        key=SOURCE_KEY,
        defaults={
            "file_name": path.name,
            "format": "tsunagari:national_lines",
            "publisher": PUBLISHER,
            "source_url": SOURCE_NOTE,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "imported_at": now,
            "record_count": len(lines),
            "is_sample": False,
        },
    )
    writer = DirectoryWriter(actor=actor, source=source, now=now)
    names = {row["code"]: row["name"] for row in taxonomy_rows()}
    by_operator: dict[str, list[Line]] = {}
    for line in lines:
        by_operator.setdefault(line.operator, []).append(line)
    writer.add(
        {"organization": [_organization(op, ls) for op, ls in by_operator.items()]},
        complete=False,
    )
    for line in lines:
        writer.add(_service_graph(line, names))
    stats = writer.finish()
    record_import(actor=actor, source=source, records=len(lines), stats=stats, only_if_changed=True)
    return len(lines)


def organization_id(operator: str) -> uuid.UUID:
    return stable_id(SOURCE_KEY, "organization", operator)


def service_id(name: str) -> uuid.UUID:
    return stable_id(SOURCE_KEY, "service", name)


def line_terms(line: Line) -> dict[str, bool]:
    """Taxonomy codes for a line → whether the code is inferred (True) or stated."""
    terms: dict[str, bool] = {"type.hotline": False, "attr.out_of_area": False}
    for word, code in CHANNELS.items():
        if word in line.channel:
            terms[code] = False
    if line.crisis:
        terms["need.crisis"] = False
    slots = parse_hours(line.hours) or []
    if any(slot.always for slot in slots):
        terms["attr.24h"] = False
    if any(slot.closes.hour >= 19 or slot.full_day for slot in slots):
        terms.setdefault("attr.evening", False)
    if any(set(slot.days) & set(WEEKEND) for slot in slots):
        terms.setdefault("attr.holiday", False)
    if line.contact.startswith("0120") or "無料" in line.notes:
        terms["attr.free"] = False
    if "匿名" in line.target or "匿名" in line.notes:
        terms["attr.anonymous"] = False
    text = f"{line.name} {line.target} {line.notes}"
    for pattern, codes in INFERRED_TERMS:
        if re.search(pattern, text):
            for code in codes:
                terms.setdefault(code, True)
    return terms


# -- graph building ----------------------------------------------------------------------


def _organization(operator: str, lines: list[Line]) -> dict[str, Any]:
    names = "、".join(f"「{line.name}」" for line in lines)
    return {
        "id": organization_id(operator),
        "name": operator,
        "description": f"全国向けの相談窓口{names}を運営・所管しています。",
    }


def _service_graph(line: Line, names: dict[str, str]) -> Graph:
    sid = service_id(line.name)
    is_url = line.contact.startswith(("http://", "https://"))
    description = "。".join(
        part.rstrip("。")
        for part in (f"対象：{line.target}" if line.target else "", line.notes)
        if part
    )
    graph: Graph = {
        "service": [
            {
                "id": sid,
                "organization_id": organization_id(line.operator),
                "name": line.name,
                "description": f"{description}。" if description else "",
                "url": line.contact if is_url else "",
                "status": "active",
                "eligibility_description": line.target,
                "alert": (
                    f"{line.seen}。変わることがあるので、利用の前に各窓口の案内もご確認ください。"
                ),
                "source_record_id": f"{line.name}（{line.as_of}年確認。出典: {line.source}）",
                "municipality_code": None,
            }
        ],
        "phone": _phones(line, sid, is_url),
        "schedule": _schedules(line, sid),
        "service_area": [
            {
                "id": stable_id(SOURCE_KEY, line.name, "service_area"),
                "service_id": sid,
                "name": "全国",
                "description": "全国どこからでも利用できます。",
                "extent_type": "",
            }
        ],
        "attribute": [
            {
                "id": stable_id(SOURCE_KEY, line.name, "attribute", code),
                "link_id": sid,
                "taxonomy_term_id": term_id(code),
                "link_type": "",
                "link_entity": "service",
                "value": "",
                "label": names[code],
                "inferred": inferred,
            }
            for code, inferred in sorted(line_terms(line).items())
        ],
    }
    return graph


def _phones(line: Line, sid: uuid.UUID, is_url: bool) -> list[dict[str, Any]]:
    phones = []
    if not is_url:
        phones.append(
            {
                "id": stable_id(SOURCE_KEY, line.name, "phone", 0),
                "service_id": sid,
                "number": line.contact,
                "type": "voice",
                "description": line.hours,
            }
        )
    # Other numbers in the notes (another region's number, the IP-phone number) keep the
    # sentence they stand in, so the condition is not lost.
    for index, sentence in enumerate(re.split(r"[。．]", line.notes), start=1):
        for number in _PHONE_IN_TEXT.findall(sentence):
            if number != line.contact:
                phones.append(
                    {
                        "id": stable_id(SOURCE_KEY, line.name, "phone", index, number),
                        "service_id": sid,
                        "number": number,
                        "type": "voice",
                        "description": sentence.strip(),
                    }
                )
    return phones


def _schedules(line: Line, sid: uuid.UUID) -> list[dict[str, Any]]:
    if not line.hours:
        return []
    base = {"service_id": sid, "description": line.hours, "timezone": JST_OFFSET}
    slots = parse_hours(line.hours)
    if slots is None:
        # Not a simple pattern: the original text alone, with the year it was seen.
        return [
            {
                **base,
                "id": stable_id(SOURCE_KEY, line.name, "schedule", 0),
                "notes": f"{line.seen}。",
            }
        ]
    return [
        {
            **base,
            "id": stable_id(SOURCE_KEY, line.name, "schedule", index),
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": slot.byday,
            "opens_at": slot.opens,
            "closes_at": slot.closes,
            "notes": (f"{slot.channels}の受付時間。" if slot.channels else "") + f"{line.seen}。",
        }
        for index, slot in enumerate(slots)
    ]


def _require_taxonomy() -> None:
    if not TaxonomyTerm.objects.filter(code="attr.out_of_area").exists():
        raise RuntimeError("The taxonomy is not loaded yet: run `tsunagari load_reference` first.")
