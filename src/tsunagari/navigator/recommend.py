"""Choosing a diverse set: a place to be, a person to talk to, a specialist window and a
remote or anonymous line (DESIGN.md §7 "Three or more, and diverse"), each ranked by
how well it fits what the resident said, and a warm sentence saying why.

Fit is a small additive score: shared needs count most; then what the resident asked
for (open now, at night, on holidays, by phone or chat…); ``avoid_local`` turns the
weight to options usable from outside the town, and anonymous ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from tsunagari.directory.reference import taxonomy_rows

from .candidates import PLACE_TYPES, TALK_NEEDS, WINDOW_TYPES, Candidate, fill_open_now

KINDS = ("place", "person", "specialist", "remote")
MAX_RECOMMENDATIONS = 6
RANKED_PER_KIND = 8  # how many per kind get their opening hours evaluated
HOW_CHANNELS = {
    "in_person": "channel.in_person",
    "phone": "channel.phone",
    "chat": "channel.chat",
    "sns": "channel.sns",
    "email": "channel.email",
}


@dataclass(frozen=True)
class Wish:
    """What ranking needs from the answers (see advice.Answers)."""

    needs: tuple[str, ...]
    help: tuple[str, ...]
    how: tuple[str, ...]
    when: tuple[str, ...]
    municipality: str
    avoid_local: bool
    for_someone_else: bool
    prefer: tuple[str, ...] = ()  # terms the resident's words asked for (channel.chat…)


@dataclass(frozen=True)
class Choice:
    candidate: Candidate
    kind: str
    why: str


NOT_A_PLACE = ("type.medical", "type.hotline", "type.chiiki_houkatsu", "type.care_service")
NOT_A_PERSON = ("type.medical", "type.care_service")


def _is_place(c: Candidate) -> bool:
    """Somewhere to simply go and be, not a clinic or a care service."""
    return not c.terms.isdisjoint(PLACE_TYPES) and c.terms.isdisjoint(NOT_A_PLACE)


def _local(c: Candidate, wish: Wish) -> bool:
    return not wish.municipality or c.municipality == wish.municipality


def _fits(kind: str, c: Candidate, wish: Wish) -> bool:
    specific = [n for n in wish.needs if n not in TALK_NEEDS]
    if kind == "place":
        helping = "type.volunteer" in wish.prefer and "type.volunteer" in c.terms
        return (_is_place(c) or helping) and _local(c, wish) and c.municipality != ""
    if kind == "person":
        talks = "type.hotline" in c.terms or "attr.peer" in c.terms
        talks = talks or ("type.consultation" in c.terms and not c.terms.isdisjoint(TALK_NEEDS))
        return (
            talks
            and not _is_place(c)
            and c.terms.isdisjoint(NOT_A_PERSON)
            and (_local(c, wish) or c.remote)
        )
    if kind == "specialist":
        window = not c.terms.isdisjoint(WINDOW_TYPES)
        needs = specific or ["need.general", "need.talk"]
        return window and not c.terms.isdisjoint(needs) and (_local(c, wish) or c.remote)
    return c.remote or (
        "attr.anonymous" in c.terms and not c.terms.isdisjoint(("channel.chat", "channel.sns"))
    )


def _score(kind: str, c: Candidate, wish: Wish) -> float:
    terms = c.terms
    score = 3.0 * len(terms.intersection(wish.needs))
    if "night" in wish.when and not terms.isdisjoint(("attr.evening", "attr.24h")):
        score += 2
    if "holiday" in wish.when and "attr.holiday" in terms:
        score += 1.5
    if "now" in wish.when and c.open_now:
        score += 2
    if c.open_now:
        score += 0.5
    score += sum(1.0 for how in wish.how if HOW_CHANNELS.get(how) in terms)
    if wish.avoid_local:
        score += 3 if c.remote else 0
        score += 1 if "attr.anonymous" in terms else 0
    elif kind != "remote" and c.municipality and c.municipality == wish.municipality:
        score += 1
    if kind == "remote" and "attr.anonymous" in terms:
        score += 1
    if wish.for_someone_else and "audience.family" in terms:
        score += 1
    score += 2.0 * len(terms.intersection(wish.prefer))
    if kind == "place" and "attr.no_signboard" in terms:
        score += 0.5
    return score + 0.01 * c.search_score


def kinds_in_order(wish: Wish) -> tuple[str, ...]:
    """Kinds by what the resident asked for first; remote first when they would rather
    not talk to someone local."""
    first = {"listen": "person", "place": "place", "expert": "specialist", "info": "specialist"}
    order = [first[h] for h in wish.help if h in first]
    if wish.avoid_local:
        order.insert(0, "remote")
    return tuple(dict.fromkeys([*order, *KINDS]))


def choose(candidates: list[Candidate], wish: Wish, at: dt.datetime) -> list[Choice]:
    """Up to six options, one of each kind that has any (best first in kind order), then
    the next best of the first kinds; never the same service twice."""
    order = kinds_in_order(wish)

    def best_first(kind: str, found: Iterable[Candidate]) -> list[Candidate]:
        return sorted(found, key=lambda c: (-_score(kind, c, wish), c.name))

    shortlists = {
        kind: best_first(kind, (c for c in candidates if _fits(kind, c, wish)))[:RANKED_PER_KIND]
        for kind in order
    }
    # Opening hours only for the shortlists, then rank again with them.
    fill_open_now(list({c.id: c for s in shortlists.values() for c in s}.values()), at)
    shortlists = {kind: best_first(kind, shortlist) for kind, shortlist in shortlists.items()}
    chosen: list[Choice] = []
    used: set[object] = set()
    for round_ in range(2):
        for kind in order:
            if len(chosen) >= MAX_RECOMMENDATIONS or (round_ and kind == order[-1]):
                break
            pick = next((c for c in shortlists[kind] if c.id not in used), None)
            if pick is not None:
                used.add(pick.id)
                chosen.append(Choice(pick, kind, why(kind, pick, wish)))
    return chosen


# -- why -------------------------------------------------------------------------------------


@cache
def _need_names(english: bool) -> dict[str, str]:
    column = "name_en" if english else "name"
    return {row["code"]: row[column] or row["name"] for row in taxonomy_rows()}


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _base(kind: str, c: Candidate, wish: Wish) -> str:
    terms = c.terms
    if kind == "place":
        if "type.volunteer" in terms and "type.volunteer" in wish.prefer:
            return _("だれかの役に立つ活動に参加できます。")
        if "type.kodomo_shokudo" in terms:
            return _("子どもも大人も、いっしょにごはんを食べられる場所です。")
        if "type.salon" in terms:
            return _("近くの人とお茶を飲みながら、気軽に過ごせる場所です。")
        return _("相談しなくても、ただ過ごしに行ける場所です。")
    if kind == "person":
        if "attr.anonymous" in terms:
            return _("名前を言わずに、話を聞いてもらえます。")
        if "attr.peer" in terms:
            return _("同じような立場の人と話せます。")
        return _("あなたの話を、ゆっくり聞いてもらえます。")
    if kind == "specialist":
        shared = [n for n in wish.needs if n in terms and n not in TALK_NEEDS]
        if shared:
            name = _need_names(_english()).get(shared[0], "")
            if name:
                return _("「%(need)s」のことを相談できる窓口です。") % {"need": name}
        if wish.for_someone_else and "audience.family" in terms:
            return _("ご家族や身近な人のことも相談できる窓口です。")
        return _("困りごとを一緒に整理してくれる窓口です。")
    if "attr.anonymous" in terms:
        return _("住んでいる場所に関係なく、名前を言わずに相談できます。")
    return _("住んでいる場所に関係なく、電話やチャットで相談できます。")


_EXTRAS: tuple[tuple[Callable[[Candidate, Wish], bool], str], ...] = (
    (
        lambda c, w: "night" in w.when and "attr.24h" in c.terms,
        gettext_noop("24時間つながります。"),
    ),
    (
        lambda c, w: "night" in w.when and "attr.evening" in c.terms,
        gettext_noop("夜も利用できます。"),
    ),
    (
        lambda c, w: "holiday" in w.when and "attr.holiday" in c.terms,
        gettext_noop("休日も利用できます。"),
    ),
    (lambda c, w: bool(c.open_now), gettext_noop("いま開いています。")),
)


def why(kind: str, c: Candidate, wish: Wish) -> str:
    """One or two short, kind sentences: what it is, and the first thing that matches
    what the resident asked for."""
    extra = next((_(text) for test, text in _EXTRAS if test(c, wish)), "")
    # Japanese sentences run on; English ones need a space between them.
    separator = " " if extra and _english() else ""
    return _base(kind, c, wish) + separator + extra
