"""The navigator's answer: crisis lines first when needed, then at least three options
of different kinds, each with why it was suggested, whether it is open now and how to
reach it.

``advise(Answers(...))`` is what the pages and ``POST /api/v1/navigator`` call. Every
answer is optional; free text alone works. Nothing about the resident is stored: with
``record=True`` only the aggregate counters of ``NeedCount`` are incremented."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import cache

import jaconv
from django.db.models import Q
from django.utils.translation import gettext as _

from tsunagari.directory.models import Municipality, TaxonomyTerm
from tsunagari.directory.reference import check_digit, taxonomy_rows
from tsunagari.search.opening import japan_time

from .candidates import candidate_pool
from .crisis import CrisisLine, crisis_lines
from .recommend import Choice, Wish, choose
from .services import need_counts_record
from .understanding import understand

__all__ = ["Advice", "Answers", "AnswersError", "CrisisLine", "Recommendation", "advise"]

MAX_TEXT_LENGTH = 1000
MAX_WHERE_LENGTH = 60
MAX_TOPICS = 10
FOR_WHOM = ("self", "family", "friend")
HELP = ("listen", "place", "expert", "info")
HOW = ("in_person", "phone", "chat", "sns", "email")
WHEN = ("now", "night", "holiday")
# When nothing was said about a need: someone to talk to, and connection in general.
DEFAULT_NEEDS = ("need.talk", "need.general")
CRISIS_NEEDS = {
    "suicide": ("need.crisis", "need.mental"),
    "self_harm": ("need.crisis", "need.mental"),
    "violence": ("need.violence",),
    "abuse": ("need.violence",),
}


class AnswersError(ValueError):
    """An answer that cannot be used; the message says which and why (Japanese)."""


def _choices(name: str, values: object, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, tuple | list):
        raise AnswersError(_("%(name)s は一覧で指定してください。") % {"name": name})
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise AnswersError(
            _("%(name)s に使えない値があります: %(values)s（使える値: %(allowed)s）")
            % {"name": name, "values": ", ".join(map(str, unknown)), "allowed": ", ".join(allowed)}
        )
    return tuple(dict.fromkeys(values))


@dataclass(frozen=True)
class Answers:
    """What the resident told the navigator; every field may be left empty."""

    text: str = ""
    topics: tuple[str, ...] = ()  # need codes chosen as buttons, e.g. "need.talk"
    for_whom: str = ""  # "self" | "family" | "friend"
    help: tuple[str, ...] = ()  # "listen" | "place" | "expert" | "info"
    how: tuple[str, ...] = ()  # "in_person" | "phone" | "chat" | "sns" | "email"
    when: tuple[str, ...] = ()  # "now" | "night" | "holiday"
    where: str = ""  # 全国地方公共団体コード or a municipality's name
    avoid_local: bool = False  # 「近所だと話しにくい」

    def __post_init__(self) -> None:
        """Check every answer (raises AnswersError); lists become tuples."""
        if not isinstance(self.text, str) or len(self.text) > MAX_TEXT_LENGTH:
            raise AnswersError(
                _("text は %(n)d 文字までの文字列にしてください。") % {"n": MAX_TEXT_LENGTH}
            )
        if not isinstance(self.where, str) or len(self.where) > MAX_WHERE_LENGTH:
            raise AnswersError(
                _("where は %(n)d 文字までの文字列にしてください。") % {"n": MAX_WHERE_LENGTH}
            )
        if self.for_whom not in ("", *FOR_WHOM):
            raise AnswersError(
                _("for_whom は %(allowed)s のどれかにしてください。")
                % {"allowed": ", ".join(FOR_WHOM)}
            )
        if not isinstance(self.avoid_local, bool):
            raise AnswersError(_("avoid_local は true か false にしてください。"))
        for name, allowed in (("help", HELP), ("how", HOW), ("when", WHEN)):
            object.__setattr__(self, name, _choices(name, getattr(self, name), allowed))
        topics = self.topics
        if isinstance(topics, str) or not isinstance(topics, tuple | list):
            raise AnswersError(_("topics は一覧で指定してください。"))
        topics = tuple(dict.fromkeys(topics))
        if len(topics) > MAX_TOPICS or not all(
            isinstance(t, str) and _known_need(t) for t in topics
        ):
            raise AnswersError(
                _("topics には困りごとの分類コード（need.talk など）を指定してください。")
            )
        object.__setattr__(self, "topics", topics)


@dataclass(frozen=True)
class Recommendation:
    service_id: uuid.UUID
    name: str
    kind: str  # "place" | "person" | "specialist" | "remote"
    channels: list[str]  # "in_person", "phone", "chat", "sns", "email", "visit", "online"
    why: str
    open_now: bool | None  # None: hours not known
    phone: str
    url: str


@dataclass
class Advice:
    crisis: bool
    crisis_lines: list[CrisisLine]
    recommendations: list[Recommendation]
    needs: list[str]
    municipality: str = ""  # the resolved 全国地方公共団体コード of ``where``, "" if none
    when: list[str] = field(default_factory=list)  # asked for, or read in the text
    crisis_message: str = ""  # plain, warm words above the crisis lines


def crisis_message(kinds: tuple[str, ...]) -> str:
    """What the crisis panel says before its lines (translated)."""
    if set(kinds) & {"violence", "abuse"}:
        return _(
            "あなたの安全がいちばん大切です。いま危ないときは110番へ。"
            "24時間相談できる窓口があります。"
        )
    return _("つらい気持ちを、ひとりで抱えなくて大丈夫です。いま話せる窓口があります。")


@cache
def _seeded_needs() -> frozenset[str]:
    return frozenset(r["code"] for r in taxonomy_rows() if r["taxonomy"] == "need")


def _known_need(code: str) -> bool:
    """A need code of the shipped taxonomy (no query) or one a coordinator added."""
    return (
        code in _seeded_needs()
        or TaxonomyTerm.objects.filter(taxonomy_label="need", code=code).exists()
    )


def municipality_resolve(where: str) -> str:
    """A 6-digit code for ``where``: a code (with or without its check digit) or a name
    as people write it (下松市, 山口県下松市, くだまつし); "" when it names no
    municipality we know. One or two queries."""
    text = unicodedata.normalize("NFKC", where).strip().replace(" ", "")
    if not text:
        return ""
    if re.fullmatch(r"\d{5,6}", text):
        code = text if len(text) == 6 else text + check_digit(text)
        return code if Municipality.objects.filter(code=code).exists() else ""
    # The name is the end of what was written (a prefecture may come first).
    raw = where.strip()
    tails = list(dict.fromkeys(t[i:] for t in (text, raw) for i in range(len(t) - 1)))
    kana = [jaconv.hira2kata(t) for t in tails]
    found = list(
        Municipality.objects.exclude(name="")
        .filter(Q(name__in=tails) | Q(name_kana__in=kana))
        .values_list("code", "prefecture", "name", "name_kana")
    )
    # The longest match; a prefecture written before the name decides between towns of
    # the same name (府中市 in 東京都 and 広島県).
    found.sort(key=lambda m: (-len(m[2]), m[1] not in text, m[0]))
    if not found:  # a name with a note after it, such as つながり市（架空のまち）
        found = list(
            Municipality.objects.filter(name__startswith=raw).values_list(
                "code", "prefecture", "name", "name_kana"
            )[:2]
        )
        if len(found) != 1:
            return ""
    return found[0][0]


def advise(answers: Answers, *, at: dt.datetime | None = None, record: bool = True) -> Advice:
    """Crisis lines (when the answers suggest a crisis), then a diverse set of options.
    ``at`` (aware) is the moment for "open now"; now when omitted. With ``record`` the
    needs are counted (municipality × need × week) and nothing else is kept."""
    moment = japan_time(at)
    understood = understand(answers.text)
    crisis = understood.crisis or "need.crisis" in answers.topics
    kinds = understood.crisis_kinds or (("suicide",) if crisis else ())
    needs = list(dict.fromkeys([*answers.topics, *understood.needs]))
    for kind in kinds:
        needs.extend(n for n in CRISIS_NEEDS[kind] if n not in needs)
    ranked_needs = tuple(needs) or DEFAULT_NEEDS
    when = tuple(dict.fromkeys([*answers.when, *understood.when]))
    municipality = municipality_resolve(answers.where)
    wish = Wish(
        needs=ranked_needs,
        help=answers.help,
        how=answers.how,
        when=when,
        municipality=municipality,
        avoid_local=answers.avoid_local or "attr.out_of_area" in understood.prefer,
        for_someone_else=answers.for_whom in ("family", "friend")
        or "audience.family" in understood.prefer,
        prefer=understood.prefer,
    )
    lines = crisis_lines(kinds=kinds, municipality=municipality, at=moment) if crisis else []
    pool = candidate_pool(needs=ranked_needs, municipality=municipality)
    for line in lines:  # already shown first: not again among the options
        if line.service_id is not None:
            pool.pop(line.service_id, None)
    chosen = choose(list(pool.values()), wish, moment)
    if record and needs:  # only needs the resident expressed, not the defaults
        need_counts_record(
            municipality=municipality, day=moment.date(), needs=_unmet(tuple(needs), chosen, wish)
        )
    return Advice(
        crisis=crisis,
        crisis_lines=lines,
        recommendations=[_recommendation(c) for c in chosen],
        needs=list(ranked_needs),
        municipality=municipality,
        when=list(when),
        crisis_message=crisis_message(kinds) if crisis else "",
    )


def _recommendation(choice: Choice) -> Recommendation:
    c = choice.candidate
    return Recommendation(
        service_id=c.id,
        name=c.name,
        kind=choice.kind,
        channels=c.channels,
        why=choice.why,
        open_now=c.open_now,
        phone=c.phone,
        url=c.url,
    )


def _unmet(needs: tuple[str, ...], chosen: list[Choice], wish: Wish) -> dict[str, bool]:
    """Per need: True when no option offered nearby (in the municipality, or anywhere
    when none was given, remote lines aside) has that need and is open at the moment."""
    nearby_open = [
        c.candidate
        for c in chosen
        if c.kind != "remote"
        and c.candidate.open_now
        and c.candidate.municipality
        and (not wish.municipality or c.candidate.municipality == wish.municipality)
    ]
    return {need: not any(need in c.terms for c in nearby_open) for need in needs}
