"""Opening hours "right now" in plain words: 「今日は17:00まで」, 「次は月曜 10:00から」,
「24時間あいています」 — from ``search.opening.open_state``, the one open-now evaluator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tsunagari.search.opening import OpenState, japan_time

from .schedule_words import DAY_CODES, day_name, format_time


@dataclass(frozen=True)
class OpenWords:
    open_now: bool
    text: str


def _day_words(moment: dt.datetime, now: dt.datetime) -> str:
    days = (moment.date() - now.date()).days
    if days == 0:
        return _("今日")
    if days == 1:
        return _("明日")
    return _("%(day)s曜") % {"day": day_name(DAY_CODES[moment.weekday()])}


def open_words(state: OpenState, at: dt.datetime | None = None) -> OpenWords | None:
    """What to say about ``state`` at ``at`` (default now); None when the hours are
    not known (the page then shows only the written hours)."""
    if not state.known:
        return None
    now = japan_time(at)
    if state.always:
        return OpenWords(True, _("24時間あいています"))
    if state.open_now:
        if state.closes_at is None:
            return OpenWords(True, _("今あいています"))
        until = _("%(day)sは%(time)sまで") % {
            "day": _day_words(state.closes_at, now),
            "time": format_time(state.closes_at.time()),
        }
        return OpenWords(True, _("今あいています（%(until)s）") % {"until": until})
    if state.next_opens_at is not None:
        opens = state.next_opens_at
        if opens.date() == now.date():
            text = _("今はしまっています。今日は%(time)sから") % {"time": format_time(opens.time())}
        else:
            text = _("今はしまっています。次は%(day)s %(time)sから") % {
                "day": _day_words(opens, now),
                "time": format_time(opens.time()),
            }
        return OpenWords(False, text)
    return OpenWords(False, _("今はしまっています。この先2週間に、あく予定は書かれていません"))
