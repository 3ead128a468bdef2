"""The navigator's screens: one question a screen, every one skippable, five at most.

Answers travel in the query string (hidden fields carry the earlier ones), so nothing
is kept between requests: no session, no cookie, no account. The result page asks
``navigator.advice.advise()`` for the crisis lines and a diverse set of options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .forms import AnswersForm


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    fields: tuple[str, ...]


STEPS = (
    Step("topics", _("今、気になっていることは何ですか"), ("topic", "text")),
    Step("for_whom", _("だれのことですか"), ("for_whom",)),
    Step("help", _("どんなことがあるとよいですか"), ("help",)),
    Step("how", _("どうやって、いつ、つながりたいですか"), ("how", "when")),
    Step("where", _("どのあたりでさがしますか"), ("where", "avoid_local")),
)
ANSWER_KEYS = tuple(key for step in STEPS for key in step.fields)
# Crisis words are looked for in the free text as soon as it is written.
CRISIS_CHECK_KEYS = ("text", "topic")


def _query(params: QueryDict, *, without: tuple[str, ...] = ()) -> str:
    pairs = [
        (key, value)
        for key in ANSWER_KEYS
        if key not in without
        for value in params.getlist(key)
        if value
    ]
    return urlencode(pairs)


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def _step_url(index: int) -> str:
    if index >= len(STEPS):
        return reverse("navigator:result")
    return reverse("navigator:step", args=[STEPS[index].slug])


def advise_answers(answers: dict[str, Any], *, record: bool) -> Any:
    """``advise(Answers(...))`` with the answers given (skipped ones keep their defaults)."""
    from .advice import Answers, advise

    given = {key: value for key, value in answers.items() if value}
    return advise(Answers(**given), record=record)


def start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "navigator/start.html",
        {"first_url": _step_url(0), "steps": len(STEPS)},
    )


def step(request: HttpRequest, step: str) -> HttpResponse:
    index = next((i for i, s in enumerate(STEPS) if s.slug == step), None)
    if index is None:
        raise Http404("no such navigator step")
    current = STEPS[index]
    form = AnswersForm(request.GET or None)
    answers = form.answers()
    crisis = None
    if answers["text"] and current.slug != "topics":
        advice = advise_answers(answers, record=False)
        crisis = advice if advice.crisis else None
    carried = [
        (key, value)
        for key in ANSWER_KEYS
        if key not in current.fields
        for value in request.GET.getlist(key)
        if value
    ]
    next_url = _step_url(index + 1)
    return render(
        request,
        "navigator/step.html",
        {
            "form": form,
            "step": current,
            "number": index + 1,
            "steps": len(STEPS),
            "fields": [form[name] for name in current.fields],
            "carried": carried,
            "next_url": next_url,
            "skip_url": _with_query(next_url, _query(request.GET, without=current.fields)),
            "back_url": _with_query(
                _step_url(index - 1) if index else reverse("navigator:start"),
                _query(request.GET),
            ),
            "result_url": _with_query(reverse("navigator:result"), _query(request.GET)),
            "crisis": crisis,
        },
    )


def result(request: HttpRequest) -> HttpResponse:
    form = AnswersForm(request.GET or None)
    advice = advise_answers(form.answers(), record=True)
    query = _query(request.GET)
    return render(
        request,
        "navigator/result.html",
        {
            "advice": advice,
            "back_url": _with_query(_step_url(len(STEPS) - 1), query),
            "restart_url": reverse("navigator:start"),
        },
    )
