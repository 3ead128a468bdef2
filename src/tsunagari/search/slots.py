"""Weekly opening hours as bit masks, so that "open at" is a cheap condition in SQL.

Each weekday (Monday = 0) gets a 48-bit integer: bit ``n`` is set when the service is
open at some moment of the half hour starting at ``n × 30`` minutes. Hours that run past
midnight set bits on the next day.

The masks agree with ``opening.open_state`` exactly when ``exact`` is True: every
schedule with hours is plain weekly (days of the week, no ordinal weeks, no validity
dates, no other interval), opens and closes on the hour or half hour, and the schedules
agree on closing on 祝日 and 年末年始 (see ``opening``; an overnight schedule that closes
on those days is not exact, because the day it started decides). Otherwise the masks
are a superset (every moment it may be open is set) and the engine asks
``open_state`` about the few such services among its candidates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from tsunagari.directory.schedule_words import DAY_CODES, parse_byday

from .opening import _HOLIDAY_CLOSED, _NEW_YEAR_CLOSED, END_OF_DAY, _monthdays, _text

SLOTS_PER_DAY = 48
ALL_DAYS = (1 << SLOTS_PER_DAY) - 1


@dataclass(frozen=True)
class WeeklyHours:
    masks: tuple[int, ...]  # 7 weekdays, Monday first
    known: bool  # some schedule states days and hours (as open_state's ``known``)
    exact: bool
    closed_holidays: bool = False
    closed_new_year: bool = False


def slot_of(at: dt.datetime) -> tuple[int, int]:
    """(weekday, half-hour slot) of a Japan-time moment."""
    return at.weekday(), (at.hour * 60 + at.minute) // 30


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _aligned(t: dt.time) -> bool:
    return t == END_OF_DAY or (t.minute in (0, 30) and t.second == 0 and t.microsecond == 0)


def _days(schedule: object) -> tuple[set[int], bool] | None:
    """Weekdays the schedule may apply on, and whether exactly those every week;
    None when it does not say (then it has no part in open_state either)."""
    freq = (getattr(schedule, "freq", "") or "").strip().upper()
    interval = getattr(schedule, "interval", None) or 1
    byday = parse_byday(getattr(schedule, "byday", "") or "")
    monthdays = _monthdays(getattr(schedule, "bymonthday", "") or "")
    dtstart = getattr(schedule, "dtstart", None)
    dated = getattr(schedule, "valid_from", None) or getattr(schedule, "valid_to", None)
    if byday or monthdays:
        if monthdays:
            return set(range(7)), False
        days = {DAY_CODES.index(code) for _, code in byday if code in DAY_CODES}
        plain = all(ordinal is None for ordinal, _ in byday) and interval == 1
        return days, plain and not dated
    if freq == "DAILY":
        return set(range(7)), interval == 1 and dtstart is None and not dated
    if not freq and dtstart is not None:
        return {dtstart.weekday()}, False
    return None


def weekly_hours(schedules: Iterable[object]) -> WeeklyHours:
    masks = [0] * 7
    known = False
    exact = True
    holiday_flags: set[bool] = set()
    new_year_flags: set[bool] = set()
    overnight = False
    for schedule in schedules:
        opens = getattr(schedule, "opens_at", None)
        closes = getattr(schedule, "closes_at", None)
        found = _days(schedule)
        if opens is None or found is None:
            continue
        days, plain = found
        known = True
        exact = exact and plain
        text = _text(schedule)
        holiday_flags.add(bool(_HOLIDAY_CLOSED.search(text)))
        new_year_flags.add(bool(_NEW_YEAR_CLOSED.search(text)))
        if closes is None:
            continue  # hours without an end: known, never open (as open_state)
        exact = exact and _aligned(opens) and _aligned(closes)
        start = _minutes(opens)
        if closes == END_OF_DAY:
            end = 24 * 60
        elif closes <= opens:
            end = _minutes(closes) + 24 * 60
            overnight = True
        else:
            end = _minutes(closes)
        first, last = start // 30, -(-end // 30)  # half-open [first, last)
        for day in days:
            for slot in range(first, last):
                masks[(day + slot // SLOTS_PER_DAY) % 7] |= 1 << (slot % SLOTS_PER_DAY)
    closed_holidays = holiday_flags == {True}
    closed_new_year = new_year_flags == {True}
    if len(holiday_flags) > 1 or len(new_year_flags) > 1:
        exact = False
    if overnight and (closed_holidays or closed_new_year):
        exact = False
    return WeeklyHours(
        masks=tuple(masks),
        known=known,
        exact=exact,
        closed_holidays=closed_holidays,
        closed_new_year=closed_new_year,
    )
