"""Is it open now, until when, and when does it open next — from HSDS schedules.

One evaluator for every page, the API and the navigator, so "open now" means the same
everywhere. Schedules are read as the importers and the demo write them (see
``directory/hours.py`` and ``directory/schedule_words.py``):

* ``freq`` WEEKLY (or empty) with ``byday`` weekday codes; ``interval`` 2 with ``dtstart``
  for every other week; MONTHLY with ordinal days (``2SA``, ``-1FR``) or ``bymonthday``;
  DAILY; a one-off date as ``dtstart`` without ``freq``.
* ``opens_at``/``closes_at``; a closing time at or before the opening time runs past
  midnight; 23:59 closes at the end of the day, so 00:00–23:59 every day is 24 hours.
* 祝日 (national holidays, via jpholiday) and 年末年始 (29 December to 3 January) close
  a schedule whose notes or description say so (「祝日休み」「年末年始を除く」).

Times are Japan time: HSDS ``timezone`` is an offset in hours and we only publish JST."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import jpholiday

from tsunagari.directory.schedule_words import DAY_CODES, parse_byday

JST = dt.timezone(dt.timedelta(hours=9), "JST")
END_OF_DAY = dt.time(23, 59)
LOOKAHEAD_DAYS = 14

_CLOSED_WORDS = r"(?:休|除|閉|お休み|定休)"
_GAP = r"[^。、,]*?"  # within one clause
_HOLIDAY_CLOSED = re.compile(rf"祝{_GAP}{_CLOSED_WORDS}|{_CLOSED_WORDS}{_GAP}祝")
_NEW_YEAR_CLOSED = re.compile(rf"年末年始{_GAP}{_CLOSED_WORDS}|{_CLOSED_WORDS}{_GAP}年末年始")


@dataclass(frozen=True)
class Interval:
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class OpenState:
    """What a resident needs to know about opening hours at one moment.

    ``known`` is False when no schedule says on which days and at which times: then
    nothing is claimed (the page shows the free-text hours instead)."""

    known: bool
    open_now: bool
    closes_at: dt.datetime | None = None  # when open; None while open around the clock
    next_opens_at: dt.datetime | None = None  # when closed; None if not within 14 days
    always: bool = False  # 24 hours, every day


def japan_time(at: dt.datetime | None = None) -> dt.datetime:
    """``at`` (aware) in Japan time; now when omitted."""
    if at is None:
        return dt.datetime.now(JST)
    if at.tzinfo is None:
        raise ValueError("a time with its timezone is needed")
    return at.astimezone(JST)


def is_new_year_break(day: dt.date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def _text(schedule: object) -> str:
    return f"{getattr(schedule, 'notes', '') or ''} {getattr(schedule, 'description', '') or ''}"


def _applies(schedule: object, day: dt.date) -> bool | None:
    """Whether the schedule has opening hours on ``day``; None when it does not say on
    which days it applies."""
    valid_from = getattr(schedule, "valid_from", None)
    valid_to = getattr(schedule, "valid_to", None)
    if (valid_from and day < valid_from) or (valid_to and day > valid_to):
        return False
    text = _text(schedule)
    if jpholiday.is_holiday(day) and _HOLIDAY_CLOSED.search(text):
        return False
    if is_new_year_break(day) and _NEW_YEAR_CLOSED.search(text):
        return False
    freq = (getattr(schedule, "freq", "") or "").strip().upper()
    interval = getattr(schedule, "interval", None) or 1
    dtstart = getattr(schedule, "dtstart", None)
    byday = parse_byday(getattr(schedule, "byday", "") or "")
    monthdays = _monthdays(getattr(schedule, "bymonthday", "") or "")
    weekday = DAY_CODES[day.weekday()]
    if byday or monthdays:
        for ordinal, code in byday:
            if code != weekday:
                continue
            if ordinal is None:
                if interval == 2 and dtstart is not None:
                    if ((day - dtstart).days // 7) % 2 == 0:
                        return True
                    continue
                return True
            if ordinal > 0 and (day.day - 1) // 7 + 1 == ordinal:
                return True
            if ordinal < 0 and _nth_from_end(day) == -ordinal:
                return True
        last = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return day.day in monthdays or (-1 in monthdays and day == last)
    if freq == "DAILY":
        return dtstart is None or (day >= dtstart and (day - dtstart).days % interval == 0)
    if not freq and dtstart is not None:
        return day == dtstart
    return None


def _nth_from_end(day: dt.date) -> int:
    """1 for the last such weekday of the month, 2 for the one before, ..."""
    n = 1
    while (day + dt.timedelta(days=7 * n)).month == day.month:
        n += 1
    return n


def _monthdays(text: str) -> set[int]:
    return {int(d) for d in re.split(r"[,\s]+", text.strip()) if re.fullmatch(r"-?\d{1,2}", d)}


def _day_intervals(schedule: object, day: dt.date) -> list[Interval]:
    opens = getattr(schedule, "opens_at", None)
    closes = getattr(schedule, "closes_at", None)
    if opens is None or closes is None:
        return []
    start = dt.datetime.combine(day, opens, JST)
    if closes == END_OF_DAY:
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), JST)
    elif closes <= opens:  # past midnight
        end = dt.datetime.combine(day + dt.timedelta(days=1), closes, JST)
    else:
        end = dt.datetime.combine(day, closes, JST)
    return [Interval(start, end)]


def intervals(
    schedules: Iterable[object], first: dt.date, days: int
) -> tuple[bool, list[Interval]]:
    """Opening intervals from the day before ``first`` (for overnight hours) for ``days``
    days, merged where they touch; and whether any schedule states its days and hours."""
    schedules = list(schedules)
    known = False
    found: list[Interval] = []
    for offset in range(-1, days):
        day = first + dt.timedelta(days=offset)
        for schedule in schedules:
            applies = _applies(schedule, day)
            has_hours = getattr(schedule, "opens_at", None) is not None
            if applies is not None and has_hours:
                known = True
            if applies:
                found.extend(_day_intervals(schedule, day))
    return known, _merge(found)


def _merge(found: Sequence[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for interval in sorted(found, key=lambda i: i.start):
        if merged and interval.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, interval.end))
        else:
            merged.append(interval)
    return merged


def open_state(schedules: Iterable[object], at: dt.datetime | None = None) -> OpenState:
    """Whether the schedules are open at ``at`` (default now), until when, or when next."""
    now = japan_time(at)
    known, found = intervals(schedules, now.date(), LOOKAHEAD_DAYS)
    if not known:
        return OpenState(known=False, open_now=False)
    horizon = dt.datetime.combine(now.date() + dt.timedelta(days=LOOKAHEAD_DAYS), dt.time(0), JST)
    for interval in found:
        if interval.start <= now < interval.end:
            always = interval.start <= now - dt.timedelta(days=1) and interval.end >= horizon
            closes = None if interval.end >= horizon else interval.end
            return OpenState(known=True, open_now=True, closes_at=closes, always=always)
        if interval.start > now:
            return OpenState(known=True, open_now=False, next_opens_at=interval.start)
    return OpenState(known=True, open_now=False)
