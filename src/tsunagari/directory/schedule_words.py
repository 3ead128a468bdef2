"""Opening hours in plain Japanese words, from HSDS 3.0 schedule fields.

HSDS describes a schedule like an iCalendar recurrence: ``freq`` (WEEKLY, MONTHLY, DAILY),
``interval``, ``byday`` (``MO,TU`` or with an ordinal, ``2SA`` = the second Saturday,
``-1FR`` = the last Friday), ``bymonthday`` and ``opens_at`` / ``closes_at``. Residents
should read 「毎週 木曜 17:30〜18:30」, not ``WEEKLY TH``. Free text (``description``,
``notes``) is shown beside this by the page, never replaced by it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Protocol

from django.utils.translation import gettext as _

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY_TOKEN = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


class ScheduleLike(Protocol):
    freq: str
    interval: int | None
    byday: str
    bymonthday: str
    opens_at: dt.time | None
    closes_at: dt.time | None
    dtstart: dt.date | None
    valid_from: dt.date | None
    valid_to: dt.date | None


def day_name(code: str) -> str:
    names = {
        "MO": _("月"),
        "TU": _("火"),
        "WE": _("水"),
        "TH": _("木"),
        "FR": _("金"),
        "SA": _("土"),
        "SU": _("日"),
    }
    return names[code]


def parse_byday(byday: str) -> list[tuple[int | None, str]]:
    """``"1SA,3SA"`` → ``[(1, "SA"), (3, "SA")]``; unknown tokens are dropped."""
    parsed = []
    for token in re.split(r"[,\s]+", byday.strip().upper()):
        match = _BYDAY_TOKEN.match(token)
        if match:
            ordinal = int(match.group(1)) if match.group(1) else None
            parsed.append((ordinal, match.group(2)))
    return parsed


def format_time(value: dt.time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def format_hours(opens_at: dt.time | None, closes_at: dt.time | None) -> str:
    """``17:30〜18:30``; ``24時間`` for a whole day; ``22:00〜翌6:00`` past midnight."""
    midnight = dt.time(0, 0)
    if opens_at == midnight and closes_at in (midnight, dt.time(23, 59), dt.time(23, 59, 59)):
        return _("24時間")
    if opens_at is None:
        return _("〜%(closes)s") % {"closes": format_time(closes_at)} if closes_at else ""
    if closes_at is None:
        return _("%(opens)s〜") % {"opens": format_time(opens_at)}
    if closes_at <= opens_at:
        return _("%(opens)s〜翌%(closes)s") % {
            "opens": format_time(opens_at),
            "closes": format_time(closes_at),
        }
    return _("%(opens)s〜%(closes)s") % {
        "opens": format_time(opens_at),
        "closes": format_time(closes_at),
    }


def _day_list(codes: list[str]) -> str:
    """Weekdays in calendar order; a run of three or more becomes 「月〜金」."""
    indexes = sorted({DAY_CODES.index(c) for c in codes})
    runs: list[list[int]] = []
    for i in indexes:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{day_name(DAY_CODES[run[0]])}〜{day_name(DAY_CODES[run[-1]])}")
        else:
            parts.extend(day_name(DAY_CODES[i]) for i in run)
    return "・".join(parts)


def _ordinal(n: int) -> str:
    return _("最終") if n == -1 else _("第%(n)d") % {"n": n}


def _days_text(freq: str, interval: int, byday: list[tuple[int | None, str]], monthday: str) -> str:
    plain = [code for ordinal, code in byday if ordinal is None]
    numbered = [(ordinal, code) for ordinal, code in byday if ordinal is not None]
    parts: list[str] = []
    if numbered:
        # Group 「第1・第3 土曜」 by weekday, in calendar order.
        by_code: dict[str, list[int]] = {}
        for ordinal, code in numbered:
            by_code.setdefault(code, []).append(ordinal)
        for code in sorted(by_code, key=DAY_CODES.index):
            ordinals = sorted(by_code[code], key=lambda n: (n < 0, n))
            parts.append(
                _("毎月 %(ordinals)s %(day)s曜")
                % {"ordinals": "・".join(_ordinal(n) for n in ordinals), "day": day_name(code)}
            )
    if plain:
        if len(set(plain)) == len(DAY_CODES):
            parts.append(_("毎日"))
        elif interval == 2:
            parts.append(_("隔週 %(days)s曜") % {"days": _day_list(plain)})
        elif len(set(plain)) == 1:
            parts.append(_("毎週 %(days)s曜") % {"days": _day_list(plain)})
        else:
            parts.append(_day_list(plain))
    if monthday:
        days = [d for d in re.split(r"[,\s]+", monthday.strip()) if re.fullmatch(r"-?\d{1,2}", d)]
        if days:
            names = [_("末日") if d == "-1" else _("%(d)s日") % {"d": int(d)} for d in days]
            parts.append(_("毎月 %(days)s") % {"days": "・".join(names)})
    if not parts and freq == "DAILY":
        parts.append(_("毎日") if interval <= 1 else _("%(n)d日ごと") % {"n": interval})
    return "、".join(parts)


def byday_text(byday: str) -> str:
    """The days of a ``byday`` alone in words: 「毎月 第2・第4 土曜」, 「月・水」."""
    return _days_text("", 1, parse_byday(byday), "")


def format_date(value: dt.date) -> str:
    return _("%(y)d年%(m)d月%(d)d日") % {"y": value.year, "m": value.month, "d": value.day}


def schedule_text(schedule: ScheduleLike) -> str:
    """The days and hours of one schedule in words, e.g. 「月〜金 8:30〜17:15」,
    「毎日 24時間」, 「毎月 第2 土曜 11:00〜14:00」; empty when the schedule states
    neither days nor hours (its description then says it all)."""
    freq = (schedule.freq or "").strip().upper()
    interval = schedule.interval or 1
    days = _days_text(freq, interval, parse_byday(schedule.byday or ""), schedule.bymonthday or "")
    if not days and not freq and schedule.dtstart is not None:
        days = format_date(schedule.dtstart)  # a one-off date
    hours = format_hours(schedule.opens_at, schedule.closes_at)
    text = " ".join(p for p in (days, hours) if p)
    if text and (schedule.valid_from or schedule.valid_to):
        period = _("%(start)s〜%(end)s") % {
            "start": format_date(schedule.valid_from) if schedule.valid_from else "",
            "end": format_date(schedule.valid_to) if schedule.valid_to else "",
        }
        text = _("%(text)s（%(period)s）") % {"text": text, "period": period}
    return text
