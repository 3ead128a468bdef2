"""Staff pages of surveys: the list, building a survey, opening and closing it, typing in
paper answers, importing a CSV, and invitation codes for letters. Coordinators of the
survey's municipality and administrators only (surveys/permissions.py)."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tsunagari.accounts.access import staff_required
from tsunagari.audit.services import actor_for
from tsunagari.organizations.permissions import municipalities_coordinated_by

from .. import imports, selectors, services
from ..forms import CodesForm, SurveyCreateForm, survey_initial
from ..models import Mode, ResponseImport, SurveyStatus
from ..permissions import require_survey_staff, survey_for_user, surveys_visible_to
from ..questionnaire import clean_answers, questions_of

IMPORT_SESSION_KEY = "surveys_csv_import"


@staff_required
def survey_list(request: HttpRequest) -> HttpResponse:
    require_survey_staff(request.user)
    surveys = selectors.surveys_with_counts(surveys_visible_to(request.user))
    return render(request, "surveys/staff/list.html", {"surveys": surveys})


@staff_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    require_survey_staff(request.user)
    municipalities = {
        m.code: m for m in municipalities_coordinated_by(request.user).order_by("code")
    }
    choices = [(code, f"{m.prefecture}{m.name}（{code}）") for code, m in municipalities.items()]
    form = SurveyCreateForm(request.POST or None, municipalities=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        survey = services.survey_create(
            actor=actor_for(request),
            municipality=municipalities[data["municipality"]],
            title=data["title"],
            period=data["period"],
            languages=data["languages"],
            instrument_codes=data["instrument_codes"],
            own_questions=data["own_questions"],
        )
        messages.success(request, _("調査「%(title)s」を作りました。") % {"title": survey.title})
        return redirect("surveys:detail", survey_id=survey.pk)
    status = 400 if form.errors else 200
    return render(request, "surveys/staff/create.html", {"form": form}, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Change a draft survey with the form that made it (its municipality stays)."""
    survey = survey_for_user(request.user, survey_id)
    context: dict[str, Any] = {"survey": survey, "editing": True}
    if survey.status != SurveyStatus.DRAFT:
        context["problem"] = _(
            "回答の受付を始めた調査の質問は変えられません。答えた質問が変わってしまうためです。"
        )
        return render(request, "surveys/staff/create.html", context, status=409)
    choices = [
        (survey.municipality_id, f"{survey.municipality.prefecture}{survey.municipality.name}")
    ]
    form = SurveyCreateForm(
        request.POST or None, initial=survey_initial(survey), municipalities=choices
    )
    form.fields["municipality"].disabled = True
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.survey_update(
                actor=actor_for(request),
                survey=survey,
                title=data["title"],
                period=data["period"],
                languages=data["languages"],
                instrument_codes=data["instrument_codes"],
                own_questions=data["own_questions"],
            )
        except services.SurveyStateError:
            context["problem"] = _(
                "回答の受付を始めた調査の質問は変えられません。答えた質問が変わってしまうためです。"
            )
            return render(request, "surveys/staff/create.html", context, status=409)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("調査「%(title)s」を直しました。") % {"title": data["title"]}
            )
            return redirect("surveys:detail", survey_id=survey.pk)
    status = 400 if form.errors else 200
    return render(request, "surveys/staff/create.html", context, status=status)


@staff_required
def survey_detail(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = survey_for_user(request.user, survey_id)
    counts = selectors.counts_by_mode(survey)
    context = {
        "survey": survey,
        "questions": questions_of(survey),
        "counts": [(Mode(mode).label, n) for mode, n in counts.items()],
        "total": sum(counts.values()),
        "codes": selectors.code_counts(survey),
        "imports": selectors.imports_of(survey),
        "codes_form": CodesForm(),
        "public_url": request.build_absolute_uri(
            reverse("surveys:respond", kwargs={"token": survey.public_token})
        ),
        "letter_url": request.build_absolute_uri(reverse("surveys:letter")),
    }
    return render(request, "surveys/staff/detail.html", context)


@staff_required
@require_POST
def survey_status(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = survey_for_user(request.user, survey_id)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.survey_open(actor=actor_for(request), survey=survey)
            messages.success(request, _("回答の受付を始めました。"))
        elif action == "close":
            services.survey_close(actor=actor_for(request), survey=survey)
            messages.success(request, _("回答の受付を終えました。"))
        else:
            return HttpResponseBadRequest(_("操作がわかりません。"))
    except services.SurveyStateError:
        messages.error(request, _("いまの状態では、その操作はできません。"))
    return redirect("surveys:detail", survey_id=survey.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def paper_entry(request: HttpRequest, survey_id: int) -> HttpResponse:
    """One blank form per paper questionnaire: type the option numbers, Enter saves and
    shows the next blank form."""
    survey = survey_for_user(request.user, survey_id)
    questions = questions_of(survey)
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {q.code: request.POST.get(q.code, "") for q in questions}
        answers, errors = clean_answers(questions, values)
        if not errors and not answers:
            errors = {
                questions[0].code: _("どの質問にも答えがありません。白紙の回答は保存しません。")
            }
        if not errors:
            try:
                services.response_enter_paper(
                    actor=actor_for(request), survey=survey, answers=answers
                )
            except services.SurveyStateError:
                messages.error(request, _("この調査はいま回答を受け付けていません。"))
                return redirect("surveys:detail", survey_id=survey.pk)
            messages.success(request, _("保存しました。次の用紙をどうぞ。"))
            return redirect("surveys:paper", survey_id=survey.pk)
        status = 400
    context = {
        "survey": survey,
        "rows": [(q, values.get(q.code, ""), errors.get(q.code)) for q in questions],
        "errors": [(q.code, errors[q.code]) for q in questions if q.code in errors],
        "first_error": next((q.code for q in questions if q.code in errors), None),
        "paper_count": selectors.counts_by_mode(survey)[Mode.PAPER],
    }
    return render(request, "surveys/staff/paper.html", context, status=status)


@staff_required
def csv_template(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = survey_for_user(request.user, survey_id)
    response = HttpResponse(
        imports.template_csv(questions_of(survey)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-template.csv"'
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def csv_import(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Upload → check (every problem listed with row and column; nothing written) →
    confirm → all rows written in one transaction, or none."""
    survey = survey_for_user(request.user, survey_id)
    questions = questions_of(survey)
    context: dict[str, Any] = {"survey": survey, "questions": questions}
    if request.method != "POST":
        return render(request, "surveys/staff/import.html", context)
    step = request.POST.get("step")
    kept = request.session.get(IMPORT_SESSION_KEY) or {}
    if step == "check":
        upload = request.FILES.get("file")
        if upload is None:
            context["problem"] = _("ファイルをえらんでください。")
            return render(request, "surveys/staff/import.html", context, status=400)
        data = upload.read(imports.MAX_BYTES + 1)
        report = imports.check(data, upload.name or "upload.csv", questions)
        context["report"] = report
        request.session.pop(IMPORT_SESSION_KEY, None)
        previous = services.previous_import(survey, report.sha256)
        if previous is not None:
            context["already"] = previous
            return render(request, "surveys/staff/import.html", context, status=400)
        if report.ok:
            # The checked file waits in the staff session until confirmed (never a path
            # or content taken back from the form).
            token = secrets.token_urlsafe(16)
            request.session[IMPORT_SESSION_KEY] = {
                "token": token,
                "survey": survey.pk,
                "name": report.file_name,
                "data": data.decode("latin-1"),
            }
            context["token"] = token
        return render(
            request, "surveys/staff/import.html", context, status=200 if report.ok else 400
        )
    if step == "confirm":
        if (
            not kept
            or kept.get("survey") != survey.pk
            or request.POST.get("token") != kept.get("token")
        ):
            context["problem"] = _("取り込むファイルが見つかりません。もう一度えらんでください。")
            return render(request, "surveys/staff/import.html", context, status=400)
        request.session.pop(IMPORT_SESSION_KEY, None)
        report = imports.check(kept["data"].encode("latin-1"), kept["name"], questions)
        if not report.ok:  # the survey changed in between: check again, write nothing
            context["report"] = report
            return render(request, "surveys/staff/import.html", context, status=400)
        try:
            batch = services.responses_import(
                actor=actor_for(request),
                survey=survey,
                rows=report.rows,
                file_name=report.file_name,
                sha256=report.sha256,
            )
        except services.SurveyStateError:
            context["problem"] = _("この調査はいま回答を受け付けていません。")
            return render(request, "surveys/staff/import.html", context, status=400)
        except services.AlreadyImported as error:
            context["already"] = error.previous
            if error.previous is None:
                context["problem"] = _(
                    "このファイルは、ちょうど今ほかの方が取り込みました。同じ回答が二重にならないよう、取り込みません。"
                )
            return render(request, "surveys/staff/import.html", context, status=400)
        messages.success(request, _("%(n)s 件の回答を取り込みました。") % {"n": batch.responses})
        return redirect("surveys:detail", survey_id=survey.pk)
    return HttpResponseBadRequest(_("操作がわかりません。"))


@staff_required
@require_http_methods(["GET", "POST"])
def import_undo(request: HttpRequest, survey_id: int, import_id: int) -> HttpResponse:
    """Take back one CSV import: a page that says what goes, then the button."""
    survey = survey_for_user(request.user, survey_id)
    batch = get_object_or_404(ResponseImport, pk=import_id, survey=survey)
    context: dict[str, Any] = {"survey": survey, "batch": batch}
    if request.method == "POST":
        try:
            removed = services.responses_import_undo(actor=actor_for(request), batch=batch)
        except services.SurveyStateError:
            context["problem"] = _(
                "取り消せません。回答の受付中の調査で、まだ取り消していない取り込みだけを取り消せます。"
            )
            return render(request, "surveys/staff/import_undo.html", context, status=400)
        messages.success(
            request,
            _("「%(name)s」の取り込みを取り消しました（%(n)s 件の回答を削除）。")
            % {"name": batch.file_name, "n": removed},
        )
        return redirect("surveys:detail", survey_id=survey.pk)
    return render(request, "surveys/staff/import_undo.html", context)


@staff_required
@require_POST
def codes_create(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = survey_for_user(request.user, survey_id)
    form = CodesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("発行する数は1から20000までの数で入れてください。"))
        return redirect("surveys:detail", survey_id=survey.pk)
    services.invitation_codes_create(
        actor=actor_for(request), survey=survey, count=form.cleaned_data["count"]
    )
    messages.success(request, _("招待コードを発行しました。"))
    return redirect("surveys:detail", survey_id=survey.pk)


@staff_required
def codes_csv(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The unused codes, one per line, for the mail merge of the letters."""
    survey = survey_for_user(request.user, survey_id)
    body = "code\r\n" + "".join(f"{c}\r\n" for c in selectors.unused_codes(survey))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-codes.csv"'
    return response
