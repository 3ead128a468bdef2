"""The resident's side: answering through the anonymous link, or with the code printed on
a letter. No account and no cookie: the forms carry a signed token instead of a CSRF
cookie (as freshness's report form does), and a cross-site post is refused."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .. import letter_limit, services
from ..forms import LetterCodeForm, form_token, token_subject
from ..models import Survey
from ..questionnaire import Question, clean_answers, questions_of

LETTER = "letter:"


def _cross_site(request: HttpRequest) -> bool:
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return bool(origin) and origin != "null" and urlsplit(origin).netloc != request.get_host()


def _language() -> str:
    return get_language() or "ja"


def _questionnaire(
    request: HttpRequest,
    survey: Survey,
    questions: list[Question],
    *,
    token: str,
    action: str,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    values, errors = values or {}, errors or {}
    offered = _language() in survey.languages
    # A language the survey does not offer shows the Japanese wording (and says so).
    language = _language() if offered else "ja"
    rows = [
        {
            "q": q,
            "text": q.wording(language),
            "options": q.option_labels(language),
            "value": values.get(q.code, ""),
            "error": errors.get(q.code),
        }
        for q in questions
    ]
    context = {
        "survey": survey,
        "rows": rows,
        "errors": [(q.code, q.type, errors[q.code]) for q in questions if q.code in errors],
        "general_error": errors.get("__token__"),
        "token": token,
        "action": action,
        "offered": offered,
    }
    return render(request, "surveys/public/form.html", context, status=status)


def _open_survey(token: str) -> Survey:
    survey = Survey.objects.filter(public_token=token).first()
    if survey is None or survey.status == "draft":
        raise Http404("no such survey")
    return survey


@csrf_exempt
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, token: str) -> HttpResponse:
    survey = _open_survey(token)
    if not survey.is_open:
        return render(request, "surveys/public/closed.html", {"survey": survey}, status=410)
    questions = questions_of(survey)
    action = request.path
    if request.method == "POST":
        if _cross_site(request):
            return HttpResponseForbidden(_("ほかのサイトからは送れません。"))
        values = {q.code: request.POST.get(q.code, "") for q in questions}
        answers, errors = clean_answers(questions, values)
        if token_subject(request.POST.get("token", "")) != survey.public_token:
            errors["__token__"] = _(
                "このページを開いてから時間がたちました。もう一度送ってください。"
            )
        if not errors:
            services.response_submit_web(survey=survey, answers=answers, language=_language())
            return redirect("surveys:thanks")
        return _questionnaire(
            request, survey, questions, token=form_token(survey.public_token), action=action,
            values=values, errors=errors, status=400,
        )  # fmt: skip
    return _questionnaire(
        request, survey, questions, token=form_token(survey.public_token), action=action
    )


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/public/thanks.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest) -> HttpResponse:
    """Step 1: type the code from the letter. Step 2: the questions, carrying the code
    in a signed token (the code is checked again, and claimed, when they are sent)."""
    if request.method == "POST" and _cross_site(request):
        return HttpResponseForbidden(_("ほかのサイトからは送れません。"))
    signed = request.POST.get("token", "") if request.method == "POST" else ""
    subject = token_subject(signed) if signed else None
    if subject and subject.startswith(LETTER):
        return _letter_answers(request, subject.removeprefix(LETTER))
    form = LetterCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not letter_limit.may_try(request):
        problem = _(
            "コードの入力がうまくいかないことが続いたため、しばらく受け付けを止めています。15分ほどたってから、お手紙のコードを確かめて、もう一度入れてください。"
        )
        return render(
            request,
            "surveys/public/letter.html",
            {"form": LetterCodeForm(), "problem": problem},
            status=429,
        )
    if request.method == "POST" and form.is_valid():
        code = services.normalise_code(form.cleaned_data["code"])
        try:
            survey = services.invitation_survey(code)
        except (services.CodeError, services.SurveyStateError):
            letter_limit.count_wrong_try(request)
            form.add_error(
                "code",
                _(
                    "このコードでは回答できません。コードをもう一度確かめてください。すでに回答した場合は、もう回答できません。"
                ),
            )
        else:
            return _questionnaire(
                request, survey, questions_of(survey), token=form_token(LETTER + code),
                action=request.path,
            )  # fmt: skip
    status = 400 if form.errors else 200
    return render(request, "surveys/public/letter.html", {"form": form}, status=status)


def _letter_answers(request: HttpRequest, code: str) -> HttpResponse:
    try:
        survey = services.invitation_survey(code)
    except (services.CodeError, services.SurveyStateError):
        problem = _("このコードでの回答は、すでに受け付けています。ご協力ありがとうございました。")
        return render(
            request,
            "surveys/public/letter.html",
            {"form": LetterCodeForm(), "problem": problem},
            status=400,
        )
    questions = questions_of(survey)
    values = {q.code: request.POST.get(q.code, "") for q in questions}
    answers, errors = clean_answers(questions, values)
    if errors:
        return _questionnaire(
            request, survey, questions, token=form_token(LETTER + code), action=request.path,
            values=values, errors=errors, status=400,
        )  # fmt: skip
    try:
        services.response_submit_letter(code=code, answers=answers, language=_language())
    except (services.CodeError, services.SurveyStateError):
        return redirect("surveys:letter")
    return redirect("surveys:thanks")
