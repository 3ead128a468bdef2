"""``POST /navigator``: the navigator's answers in, crisis lines and a diverse set of
options out — the same advice the navigator pages give (``navigator.advice.advise``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from tsunagari.directory.models import TaxonomyTerm
from tsunagari.navigator.advice import Advice, Answers, AnswersError, advise

from . import messages
from .errors import ApiError
from .schemas import ErrorOut, NavigatorAdvice, NavigatorAnswers

router = Router(tags=["Navigator"])


@router.post(
    "/navigator",
    response={200: NavigatorAdvice, 400: ErrorOut, 422: ErrorOut},
    summary="Advice for the navigator's answers (every answer optional)",
)
def navigator(request: HttpRequest, answers: NavigatorAnswers) -> dict[str, Any]:
    _check_topics(answers.topics)
    try:
        checked = Answers(
            text=answers.text,
            topics=tuple(answers.topics),
            for_whom=answers.for_whom or "",
            help=tuple(answers.help),
            how=tuple(answers.how),
            when=tuple(answers.when),
            where=answers.where,
            avoid_local=answers.avoid_local,
        )
    except AnswersError as exc:  # the schema above should have caught it already
        raise ApiError(422, f"{exc} / {messages.INVALID.en}", ["body", "answers"]) from exc
    return _advice_json(advise(checked))


def _advice_json(advice: Advice) -> dict[str, Any]:
    return {
        "crisis": advice.crisis,
        "crisis_lines": [
            {"name": line.name, "phone": line.phone, "hours": line.hours, "url": line.url}
            for line in advice.crisis_lines
        ],
        "recommendations": [
            {
                "id": r.service_id,
                "name": r.name,
                "kind": r.kind,
                "channels": list(r.channels),
                "why": r.why,
                "open_now": r.open_now,
                "phone": r.phone or "",
                "url": r.url or "",
            }
            for r in advice.recommendations
        ],
        "needs": list(advice.needs),
    }


def _check_topics(topics: list[str]) -> None:
    """Topics are need codes (see /taxonomy_terms?search=need.); name any unknown one."""
    if not topics:
        return
    known = set(TaxonomyTerm.objects.filter(taxonomy_label="need").values_list("code", flat=True))
    unknown = [topic for topic in topics if topic not in known]
    if unknown:
        detail = messages.UNKNOWN_TERM.format(param="topics", values=", ".join(unknown))
        raise ApiError(422, detail, ["body", "answers", "topics"])
