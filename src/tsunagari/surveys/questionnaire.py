"""A survey's questions as one list, whatever their origin (an instrument's item or the
survey's own question), and the one validation every way of answering uses (web form,
paper entry, CSV): a value is an option's number, or text for a text item, or nothing."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import instruments
from .instruments import Option
from .models import Survey, SurveyItem

MISSING = frozenset({"", "NA", "na", "-"})


@dataclass(frozen=True)
class Question:
    number: int  # 1-based, as printed on paper
    code: str
    instrument: str  # "" for the survey's own question
    text: Mapping[str, str]
    type: str = "choice"
    options: tuple[Option, ...] = ()
    max_length: int = 0

    @property
    def values(self) -> frozenset[int]:
        return frozenset(o.value for o in self.options)

    def wording(self, language: str | None = None) -> str:
        return instruments.label(self.text, language or get_language() or "ja")

    def option_labels(self, language: str | None = None) -> list[tuple[int, str]]:
        language = language or get_language() or "ja"
        return [(o.value, instruments.label(o.label, language)) for o in self.options]

    @property
    def single_digit(self) -> bool:
        """Every option is typed as one digit (the paper screen moves on after one)."""
        return bool(self.options) and all(0 <= o.value <= 9 for o in self.options)

    @property
    def value_range(self) -> str:
        values = sorted(self.values)
        return f"{values[0]}–{values[-1]}" if values else ""


def _question(number: int, item: SurveyItem) -> Question:
    if item.instrument:
        found = instruments.catalogue().items[item.code]
        return Question(
            number, item.code, item.instrument, found.text, found.type, found.options,
            found.max_length,
        )  # fmt: skip
    options = tuple(
        Option(int(o["value"]), {k: v for k, v in o.items() if k != "value" and v})
        for o in item.options
    )
    return Question(number, item.code, "", item.text, "choice", options)


def questions_of(survey: Survey) -> list[Question]:
    """The survey's questions in order (one query)."""
    return [_question(n, item) for n, item in enumerate(survey.items.all(), start=1)]


def instruments_of(questions: Iterable[Question]) -> list[str]:
    return list(dict.fromkeys(q.instrument for q in questions if q.instrument))


def clean_value(question: Question, raw: Any) -> tuple[int | str | None, str | None]:
    """The stored value for a raw input (text typed or posted), or an error message
    naming the question. Full-width digits are read as digits."""
    text = unicodedata.normalize("NFKC", str(raw if raw is not None else "")).strip()
    if text in MISSING:
        return None, None
    if question.type == "text":
        if len(text) > question.max_length:
            return None, _("問%(n)s: %(max)s文字までにしてください。") % {
                "n": question.number,
                "max": question.max_length,
            }
        return text, None
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or value not in question.values:
        return None, _("問%(n)s（%(code)s）: %(values)s のどれかの数字で入れてください。") % {
            "n": question.number,
            "code": question.code,
            "values": "・".join(str(v) for v in sorted(question.values)),
        }
    return value, None


def clean_answers(
    questions: Iterable[Question], raw: Mapping[str, Any]
) -> tuple[dict[str, int | str], dict[str, str]]:
    """(answers, errors by item code). Skipped questions are simply absent."""
    answers: dict[str, int | str] = {}
    errors: dict[str, str] = {}
    for question in questions:
        value, error = clean_value(question, raw.get(question.code))
        if error:
            errors[question.code] = error
        elif value is not None:
            answers[question.code] = value
    return answers, errors


def scores_for(instrument_codes: Iterable[str], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every score of the given instruments, as stored on a Response."""
    out: dict[str, Any] = {}
    for code in instrument_codes:
        for name, result in instruments.score(code, answers).items():
            out[name] = {"total": result.total, "band": result.band, "flags": dict(result.flags)}
    return out
