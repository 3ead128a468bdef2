"""A readable difference between two listings (stewardship/graph.py): per field, its
Japanese label, the old and the new value as a person reads them (「月・水 10:00〜16:00」,
「実施中」), and rows of schedules, phones and contacts marked as added or removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.hours import ALL_DAYS, KANJI_BY_DAY
from tsunagari.directory.models import Service
from tsunagari.directory.schedule_words import byday_text, parse_byday

from .graph import (
    ADDRESS_FIELDS,
    CONTACT_FIELDS,
    LOCATION_FIELDS,
    PHONE_FIELDS,
    SCHEDULE_FIELDS,
    SERVICE_FIELDS,
    Listing,
)

LABELS: dict[str, Promise] = {
    "name": _("名称"),
    "name_kana": _("名称（カナ）"),
    "description": _("説明"),
    "url": _("ホームページ"),
    "email": _("メールアドレス"),
    "eligibility_description": _("対象"),
    "fees_description": _("費用"),
    "application_process": _("利用のしかた"),
    "alert": _("お知らせ"),
    "status": _("状態"),
    "transportation": _("アクセス"),
    "latitude": _("緯度"),
    "longitude": _("経度"),
    "postal_code": _("郵便番号"),
    "state_province": _("都道府県"),
    "city": _("市区町村"),
    "address_1": _("町字・番地"),
    "address_2": _("建物名など"),
    "byday": _("曜日"),
    "opens_at": _("開始"),
    "closes_at": _("終了"),
    "number": _("電話番号"),
    "title": _("役職"),
    "phone": _("電話番号"),
}
# Inside a row, "name" and "description" mean the row's own.
ROW_LABELS: dict[str, dict[str, Promise]] = {
    "location": {"name": _("場所の名前")},
    "schedule": {"description": _("日程の説明")},
    "phone": {"description": _("電話の説明")},
    "contact": {"name": _("担当者の名前")},
}
SECTION_TITLES: dict[str, Promise] = {
    "service": _("サービス"),
    "location": _("場所"),
    "schedule": _("日程"),
    "phone": _("電話"),
    "contact": _("連絡先"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class RowChange:
    """One row of a section: ``kind`` is "added", "removed" or "changed"."""

    section: str
    title: str
    kind: str
    summary: str
    fields: list[FieldChange] = field(default_factory=list)


def days_text(byday: str) -> str:
    """``MO,WE`` → 月・水; with weeks of the month, ``2SA,4SA`` → 毎月 第2・第4 土曜."""
    if any(n is not None for n, _code in parse_byday(byday)):
        return byday_text(byday)
    days = [d for d in ALL_DAYS if d in byday.split(",")]
    return "・".join(KANJI_BY_DAY[d] for d in days)


def _shown(key: str, value: Any) -> str:
    """A value as a person reads it."""
    if value is None or value == "":
        return ""
    if key == "status":
        return str(Service.Status(value).label) if value in Service.Status.values else str(value)
    if key == "byday":
        return days_text(str(value))
    if key in ("opens_at", "closes_at"):
        return str(value)[:5]
    return str(value)


def _label(section: str, key: str) -> str:
    label = ROW_LABELS.get(section, {}).get(key) or LABELS.get(key)
    return key if label is None else str(label)


def _field_changes(
    section: str, old: dict[str, Any] | None, new: dict[str, Any] | None, keys: tuple[str, ...]
) -> list[FieldChange]:
    changes = []
    for key in keys:
        before = _shown(key, (old or {}).get(key))
        after = _shown(key, (new or {}).get(key))
        if before != after:
            changes.append(FieldChange(_label(section, key), before, after))
    return changes


def row_summary(section: str, row: dict[str, Any]) -> str:
    """A row in one line, to name it in the diff."""
    if section == "schedule":
        hours = "〜".join(_shown("opens_at", row[k]) for k in ("opens_at", "closes_at"))
        parts = [days_text(row["byday"]), hours if hours != "〜" else "", row["description"]]
    elif section == "phone":
        parts = [row["number"], row["description"]]
    elif section == "contact":
        parts = [row["name"], row["title"], row["email"], row.get("phone", "")]
    else:
        parts = [row.get("name", "")]
    return " ".join(p for p in parts if p)


def _rows(
    section: str, old: list[dict[str, Any]], new: list[dict[str, Any]], keys: tuple[str, ...]
) -> list[RowChange]:
    title = str(SECTION_TITLES[section])
    before = {r["id"]: r for r in old}
    after = {r["id"]: r for r in new}
    found = []
    for row_id, row in after.items():
        if row_id not in before:
            found.append(
                RowChange(
                    section,
                    title,
                    "added",
                    row_summary(section, row),
                    _field_changes(section, None, row, keys),
                )
            )
        else:
            fields = _field_changes(section, before[row_id], row, keys)
            if fields:
                found.append(
                    RowChange(section, title, "changed", row_summary(section, row), fields)
                )
    for row_id, row in before.items():
        if row_id not in after:
            found.append(RowChange(section, title, "removed", row_summary(section, row)))
    return found


def listing_diff(old: Listing, new: Listing) -> list[RowChange]:
    """What changes from ``old`` to ``new``, section by section (empty: nothing)."""
    changes: list[RowChange] = []
    service_fields = _field_changes("service", old["service"], new["service"], SERVICE_FIELDS)
    if service_fields:
        changes.append(
            RowChange(
                "service",
                str(SECTION_TITLES["service"]),
                "changed",
                new["service"]["name"],
                service_fields,
            )
        )
    title = str(SECTION_TITLES["location"])
    old_locations = {loc["id"]: loc for loc in old["locations"]}
    new_ids = {loc["id"] for loc in new["locations"]}
    for location in new["locations"]:
        before = old_locations.get(location["id"])
        fields = _field_changes("location", before, location, LOCATION_FIELDS)
        fields += _field_changes(
            "address", (before or {}).get("address"), location.get("address"), ADDRESS_FIELDS
        )
        if before is None:
            changes.append(RowChange("location", title, "added", location["name"], fields))
        elif fields:
            changes.append(RowChange("location", title, "changed", location["name"], fields))
    for location in old["locations"]:
        if location["id"] not in new_ids:
            changes.append(RowChange("location", title, "removed", location["name"]))
    changes += _rows("schedule", old["schedules"], new["schedules"], SCHEDULE_FIELDS)
    changes += _rows("phone", old["phones"], new["phones"], PHONE_FIELDS)
    changes += _rows("contact", old["contacts"], new["contacts"], (*CONTACT_FIELDS, "phone"))
    return changes
