"""Opening hours as HSDS schedule rows: the weekday codes, and a reader for the simple
Japanese patterns that consultation lines publish (「24時間365日」「毎日 10:00-22:00」
「平日 8:30-17:15」「月・木・金 24時間」「電話・メール 24時間、チャット 12:00-22:00」).

A whole day is stored as 00:00–23:59 on every day of the week, so "open now" needs no
special case for 24-hour services."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ALL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAYS = ALL_DAYS[:5]
WEEKEND = ("SA", "SU")
DAY_BY_KANJI = dict(zip("月火水木金土日", ALL_DAYS, strict=True))
KANJI_BY_DAY = {v: k for k, v in DAY_BY_KANJI.items()}
DAY_START = dt.time(0, 0)
DAY_END = dt.time(23, 59)
JST_OFFSET = 9.0  # HSDS schedule.timezone is an offset in hours


@dataclass(frozen=True)
class Slot:
    """Weekly hours: the days (iCalendar codes), opening and closing time, and which
    channels they apply to when the text names some (e.g. 「チャット」)."""

    days: tuple[str, ...]
    opens: dt.time
    closes: dt.time
    channels: str = ""

    @property
    def full_day(self) -> bool:
        return self.opens == DAY_START and self.closes == DAY_END

    @property
    def always(self) -> bool:
        """Open around the clock on every day of the week."""
        return self.full_day and set(self.days) == set(ALL_DAYS)

    @property
    def byday(self) -> str:
        return ",".join(self.days)


_CHANNEL = r"(?:電話|メール|チャット|SNS|LINE)"
_DAYS = r"毎日|平日|土日祝?|[月火水木金土日](?:[・][月火水木金土日])*"
_TIME = r"\d{1,2}:\d{2}"
_SEGMENT = re.compile(
    rf"^(?:(?P<channels>{_CHANNEL}(?:・{_CHANNEL})*)\s+)?"
    rf"(?:(?P<days>{_DAYS})\s*)?"
    rf"(?:(?P<always>24時間(?:365日)?)|(?P<opens>{_TIME})\s*[-〜~－]\s*(?P<closes>{_TIME}))$"
)
_REMARK = re.compile(r"[（(][^）)]*[）)]")


def parse_hours(text: str) -> list[Slot] | None:
    """Slots for a simple hours text, or None when any part of it is not simple (for
    example 「毎月10日 8:00-翌8:00」 or 「都道府県により異なる」): then only the text is kept.
    Remarks in brackets (「（12/29-1/3 休み）」) are left to the text."""
    slots: list[Slot] = []
    for segment in _REMARK.sub("", text).split("、"):
        match = _SEGMENT.match(segment.strip())
        if match is None:
            return None
        days = _days(match["days"])
        if match["always"]:
            slots.append(Slot(days, DAY_START, DAY_END, match["channels"] or ""))
            continue
        opens, closes = _time(match["opens"]), _time(match["closes"])
        if opens is None or closes is None or closes <= opens:
            return None
        slots.append(Slot(days, opens, closes, match["channels"] or ""))
    return slots or None


def describe_days(days: tuple[str, ...]) -> str:
    """「毎日」「平日」「土日」 or the weekday kanji joined by ・."""
    if set(days) == set(ALL_DAYS):
        return "毎日"
    if tuple(days) == WEEKDAYS:
        return "平日"
    return "・".join(KANJI_BY_DAY[d] for d in days)


def _days(text: str | None) -> tuple[str, ...]:
    if text is None or text == "毎日":
        return ALL_DAYS
    if text == "平日":
        return WEEKDAYS
    if text.startswith("土日"):
        return WEEKEND
    return tuple(DAY_BY_KANJI[c] for c in text.split("・"))


def _time(text: str) -> dt.time | None:
    hours, minutes = (int(p) for p in text.split(":"))
    if hours == 24 and minutes == 0:
        return DAY_END  # 「6:00-24:00」 closes at midnight
    if hours > 23 or minutes > 59:
        return None
    return dt.time(hours, minutes)
