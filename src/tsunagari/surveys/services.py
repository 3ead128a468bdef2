"""Writes of surveys: creating and opening/closing a survey, invitation codes, and the
responses of every mode. Staff actions are audited in the same transaction; residents'
answers (web and letter) are not, so the record cannot tie a letter to its answers."""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record
from tsunagari.directory.models import Municipality

from . import instruments
from .models import (
    InvitationCode,
    Mode,
    Response,
    ResponseImport,
    Survey,
    SurveyItem,
    SurveyStatus,
)
from .questionnaire import Question, instruments_of, questions_of, scores_for

LANGUAGES = instruments.LANGUAGES
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read off paper is typed right the first time.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8
MAX_CODES = 20000


class SurveyStateError(ValueError):
    """The survey is not in a state that allows this (e.g. answers to a closed survey)."""


class CodeError(ValueError):
    """An invitation code that does not exist or was used already."""


class AlreadyImported(ValueError):
    """The same file was taken in already (and not taken back): ``previous`` says when
    (None when it is being taken in at this very moment)."""

    def __init__(self, previous: ResponseImport | None) -> None:
        super().__init__("this file was imported already")
        self.previous = previous


@dataclass(frozen=True)
class OwnQuestion:
    code: str
    text: dict[str, str]
    options: list[dict[str, Any]] = field(default_factory=list)


def _survey_values(survey: Survey) -> dict[str, Any]:
    return {
        "municipality": survey.municipality_id,
        "title": survey.title,
        "period": survey.period,
        "status": survey.status,
        "languages": survey.languages,
    }


@transaction.atomic
def survey_create(
    *,
    actor: Actor,
    municipality: Municipality,
    title: str,
    period: str = "",
    languages: Sequence[str] = ("ja",),
    instrument_codes: Sequence[str],
    own_questions: Sequence[OwnQuestion] = (),
) -> Survey:
    """A draft survey with the items of each instrument (in the file's order), then the
    survey's own questions. Raises ValueError for an unknown instrument or a clash of
    codes (nothing is written)."""
    survey = Survey(
        municipality=municipality,
        title=title,
        period=period,
        languages=_languages(languages),
    )
    items = _items(survey, instrument_codes, own_questions)
    survey.save()
    SurveyItem.objects.bulk_create(items)
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_CREATE,
        object_type="survey",
        object_id=survey.pk,
        new={**_survey_values(survey), "items": [i.code for i in items]},
    )
    return survey


@transaction.atomic
def survey_update(
    *,
    actor: Actor,
    survey: Survey,
    title: str,
    period: str = "",
    languages: Sequence[str] = ("ja",),
    instrument_codes: Sequence[str],
    own_questions: Sequence[OwnQuestion] = (),
) -> Survey:
    """Change a draft survey: its name, languages and questions (the items are made
    again, as survey_create makes them). Only a draft: once answers may come, the
    questions they answered must stay. Raises SurveyStateError otherwise, ValueError as
    survey_create does; nothing is written then."""
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if locked.status != SurveyStatus.DRAFT:
        raise SurveyStateError("only a draft survey's questions can change")
    old = {**_survey_values(locked), "items": [i.code for i in locked.items.order_by("order")]}
    items = _items(locked, instrument_codes, own_questions)
    locked.title, locked.period, locked.languages = title, period, _languages(languages)
    locked.save(update_fields=["title", "period", "languages"])
    SurveyItem.objects.filter(survey=locked).delete()
    SurveyItem.objects.bulk_create(items)
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_UPDATE,
        object_type="survey",
        object_id=locked.pk,
        old=old,
        new={**_survey_values(locked), "items": [i.code for i in items]},
    )
    return locked


def _languages(languages: Sequence[str]) -> list[str]:
    return [lang for lang in LANGUAGES if lang in {"ja", *languages}]


def _items(
    survey: Survey, instrument_codes: Sequence[str], own_questions: Sequence[OwnQuestion]
) -> list[SurveyItem]:
    """The survey's items, unsaved: each instrument's in the file's order, then the own
    questions. ValueError for an unknown instrument, a clash of codes or no question."""
    catalogue = instruments.catalogue()
    codes: list[tuple[str, str]] = []
    for code in dict.fromkeys(instrument_codes):
        codes += [(item.code, code) for item in catalogue.instrument(code).items]
    taken = {c for c, _ in codes}
    for own in own_questions:
        if own.code in taken or own.code in catalogue.items:
            raise ValueError(f"question code '{own.code}' is already used")
        taken.add(own.code)
    if not taken:
        raise ValueError("a survey needs at least one question")
    items = [
        SurveyItem(survey=survey, order=n, code=code, instrument=instrument)
        for n, (code, instrument) in enumerate(codes, start=1)
    ]
    items += [
        SurveyItem(
            survey=survey, order=len(codes) + n, code=own.code, text=own.text, options=own.options
        )
        for n, own in enumerate(own_questions, start=1)
    ]
    return items


def _set_status(actor: Actor, survey: Survey, status: str, action: AuditAction) -> Survey:
    allowed = {
        SurveyStatus.OPEN: {SurveyStatus.DRAFT, SurveyStatus.CLOSED},
        SurveyStatus.CLOSED: {SurveyStatus.OPEN},
    }
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status not in allowed[SurveyStatus(status)]:
            raise SurveyStateError(f"a {locked.status} survey cannot become {status}")
        old = locked.status
        locked.status = status
        now = timezone.now()
        if status == SurveyStatus.OPEN:
            locked.opened_at = locked.opened_at or now
            locked.closed_at = None
        else:
            locked.closed_at = now
        locked.save(update_fields=["status", "opened_at", "closed_at"])
        audit_record(
            actor=actor,
            action=action,
            object_type="survey",
            object_id=survey.pk,
            old={"status": old},
            new={"status": status},
        )
    return locked


def survey_open(*, actor: Actor, survey: Survey) -> Survey:
    """Start (or restart) collecting answers."""
    return _set_status(actor, survey, SurveyStatus.OPEN, AuditAction.SURVEY_OPEN)


def survey_close(*, actor: Actor, survey: Survey) -> Survey:
    """Stop collecting answers in every mode."""
    return _set_status(actor, survey, SurveyStatus.CLOSED, AuditAction.SURVEY_CLOSE)


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def invitation_codes_create(*, actor: Actor, survey: Survey, count: int) -> list[str]:
    """``count`` new one-time codes for letters (unique across every survey, so the
    letter page needs nothing but the code)."""
    if not 1 <= count <= MAX_CODES:
        raise ValueError(f"count must be 1..{MAX_CODES}")
    codes: set[str] = set()
    while len(codes) < count:
        batch = {_new_code() for _ in range(count - len(codes))} - codes
        taken = set(InvitationCode.objects.filter(code__in=batch).values_list("code", flat=True))
        codes |= batch - taken
    InvitationCode.objects.bulk_create(InvitationCode(survey=survey, code=c) for c in codes)
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_CODES,
        object_type="survey",
        object_id=survey.pk,
        new={"codes_created": count},
    )
    return sorted(codes)


def normalise_code(text: str) -> str:
    """What the resident typed, as stored: full-width, lower case, spaces and hyphens
    forgiven."""
    text = unicodedata.normalize("NFKC", text).upper()
    return "".join(ch for ch in text if ch.isalnum())


def _require_open(survey: Survey) -> None:
    if not survey.is_open:
        raise SurveyStateError("the survey is not collecting answers")


def _response(
    survey: Survey,
    questions: Iterable[Question],
    answers: dict[str, Any],
    mode: str,
    *,
    language: str = "",
    weight: float | None = None,
    stratum: str = "",
) -> Response:
    district = answers.get("district")
    return Response(
        survey=survey,
        mode=mode,
        submitted_on=timezone.localdate(),
        language=language,
        district=district if isinstance(district, str) else "",
        answers=answers,
        scores=scores_for(instruments_of(questions), answers),
        weight=weight,
        stratum=stratum,
    )


@transaction.atomic
def response_enter_paper(*, actor: Actor, survey: Survey, answers: dict[str, Any]) -> Response:
    """One paper questionnaire typed in by staff (answers already cleaned)."""
    _require_open(survey)
    response = _response(survey, questions_of(survey), answers, Mode.PAPER)
    response.save()
    audit_record(
        actor=actor,
        action=AuditAction.RESPONSE_PAPER,
        object_type="survey",
        object_id=survey.pk,
        new={"response": response.pk, "mode": Mode.PAPER},
    )
    return response


@dataclass(frozen=True)
class ImportRow:
    answers: dict[str, Any]
    weight: float | None = None
    stratum: str = ""


def previous_import(survey: Survey, sha256: str) -> ResponseImport | None:
    """The import of the same file that stands (not taken back), if any."""
    return ResponseImport.objects.filter(survey=survey, sha256=sha256, undone_at=None).first()


@transaction.atomic
def responses_import(
    *, actor: Actor, survey: Survey, rows: Sequence[ImportRow], file_name: str, sha256: str
) -> ResponseImport:
    """All the rows of one checked CSV, or none (one transaction). Raises AlreadyImported
    for a file that was taken in already and not taken back."""
    _require_open(survey)
    previous = previous_import(survey, sha256)
    if previous is not None:
        raise AlreadyImported(previous)
    try:
        with transaction.atomic():
            batch = ResponseImport.objects.create(
                survey=survey,
                file_name=file_name[:255],
                sha256=sha256,
                responses=len(rows),
                imported_at=timezone.now(),
                imported_by_id=actor.user_id,
            )
    except IntegrityError as error:  # the same file, confirmed twice at once
        raise AlreadyImported(previous_import(survey, sha256)) from error
    questions = questions_of(survey)
    responses = []
    for row in rows:
        response = _response(
            survey, questions, row.answers, Mode.CSV, weight=row.weight, stratum=row.stratum
        )
        response.batch = batch
        responses.append(response)
    Response.objects.bulk_create(responses)
    audit_record(
        actor=actor,
        action=AuditAction.RESPONSE_IMPORT,
        object_type="survey",
        object_id=survey.pk,
        new={"file": file_name, "sha256": sha256, "responses": len(rows), "import": batch.pk},
    )
    return batch


@transaction.atomic
def responses_import_undo(*, actor: Actor, batch: ResponseImport) -> int:
    """Take back one import: its responses are deleted, the import stays in the list as
    taken back. Only while the survey collects answers (a closed survey's figures may
    be published already). Returns how many responses went."""
    batch = ResponseImport.objects.select_for_update().select_related("survey").get(pk=batch.pk)
    _require_open(batch.survey)
    if batch.undone_at is not None:
        raise SurveyStateError("this import was taken back already")
    removed, _by_model = Response.objects.filter(batch=batch).delete()
    batch.undone_at = timezone.now()
    batch.undone_by_id = actor.user_id
    batch.save(update_fields=["undone_at", "undone_by"])
    audit_record(
        actor=actor,
        action=AuditAction.RESPONSE_IMPORT_UNDO,
        object_type="survey",
        object_id=batch.survey_id,
        old={"file": batch.file_name, "sha256": batch.sha256, "responses": removed},
        new={"import": batch.pk},
    )
    return removed


def response_submit_web(*, survey: Survey, answers: dict[str, Any], language: str) -> Response:
    """A resident's answers through the anonymous link (not audited: no actor, nothing
    personal)."""
    _require_open(survey)
    response = _response(survey, questions_of(survey), answers, Mode.WEB, language=language)
    response.save()
    return response


def invitation_survey(code: str) -> Survey:
    """The open survey an unused code belongs to; CodeError otherwise."""
    found = (
        InvitationCode.objects.select_related("survey")
        .filter(code=normalise_code(code), used=False)
        .first()
    )
    if found is None:
        raise CodeError("unknown or used code")
    _require_open(found.survey)
    return found.survey


@transaction.atomic
def response_submit_letter(*, code: str, answers: dict[str, Any], language: str) -> Response:
    """A resident's answers with the code from their letter: the code is marked used and
    the response written in one transaction, with nothing that links the two."""
    updated = InvitationCode.objects.filter(code=normalise_code(code), used=False)
    survey = invitation_survey(code)
    # The conditional UPDATE claims the code: of two tabs sending at once, one wins.
    if updated.update(used=True) != 1:
        raise CodeError("unknown or used code")
    response = _response(survey, questions_of(survey), answers, Mode.LETTER, language=language)
    response.save()
    return response
