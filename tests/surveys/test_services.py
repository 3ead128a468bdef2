"""Writing surveys and responses: audited staff actions, answers in every mode scored
as the instruments say, CSV rows all or none, letter codes used once and kept apart
from the answers, and the columns the estimator takes."""

from __future__ import annotations

import numpy as np
import pytest

from tsunagari.audit.models import AuditEvent
from tsunagari.surveys import services
from tsunagari.surveys.estimation import Design, mean, proportion
from tsunagari.surveys.models import InvitationCode, Mode, Response, SurveyStatus
from tsunagari.surveys.selectors import responses_frame

from .conftest import STAFF, make_survey

pytestmark = pytest.mark.django_db

UCLA_HIGH = {"direct_loneliness": 5, "ucla3_jp_1": 4, "ucla3_jp_2": 3, "ucla3_jp_3": 3}


def test_a_survey_is_built_from_whole_instruments_then_own_questions(survey_x):
    codes = list(survey_x.items.values_list("code", flat=True))
    assert codes[:4] == ["direct_loneliness", "ucla3_jp_1", "ucla3_jp_2", "ucla3_jp_3"]
    assert codes[-2:] == ["district", "salon_known"]
    actions = list(
        AuditEvent.objects.filter(object_type="survey", object_id=str(survey_x.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["survey.create", "survey.open"]


def test_own_question_may_not_take_an_instrument_code(world):
    clash = services.OwnQuestion(code="ucla3_jp_1", text={"ja": "x"}, options=[])
    with pytest.raises(ValueError, match="already used"):
        make_survey(own_questions=(clash,))


def test_open_close_reopen_and_no_answers_while_closed(survey_x):
    closed = services.survey_close(actor=STAFF, survey=survey_x)
    assert closed.status == SurveyStatus.CLOSED and closed.closed_at is not None
    with pytest.raises(services.SurveyStateError):
        services.survey_close(actor=STAFF, survey=closed)
    with pytest.raises(services.SurveyStateError):
        services.response_enter_paper(actor=STAFF, survey=closed, answers={"sex": 1})
    reopened = services.survey_open(actor=STAFF, survey=closed)
    assert reopened.status == SurveyStatus.OPEN


def test_paper_answers_are_scored_and_audited_without_the_answers(survey_x):
    response = services.response_enter_paper(
        actor=STAFF, survey=survey_x, answers={**UCLA_HIGH, "district": "鶴川"}
    )
    assert response.mode == Mode.PAPER and response.district == "鶴川"
    assert response.scores["ucla3_jp"] == {"total": 10, "band": "10to12", "flags": {"10to12": True}}
    assert response.scores["direct_loneliness"]["flags"] == {"often_always": True, "any": True}
    event = AuditEvent.objects.get(action="response.paper")
    assert event.new_values == {"response": str(response.pk), "mode": "paper"}


def test_letter_code_is_used_once_and_never_linked_to_the_answers(survey_x):
    codes = services.invitation_codes_create(actor=STAFF, survey=survey_x, count=5)
    assert len(set(codes)) == 5
    assert all(len(c) == 8 and set(c) <= set(services.CODE_ALPHABET) for c in codes)
    typed = f" {codes[0][:4].lower()}-{codes[0][4:]} "  # as a resident might type it
    response = services.response_submit_letter(code=typed, answers={"sex": 2}, language="ja")
    assert response.mode == Mode.LETTER
    with pytest.raises(services.CodeError):
        services.response_submit_letter(code=codes[0], answers={"sex": 1}, language="ja")
    assert InvitationCode.objects.filter(used=True).count() == 1
    # Nothing on the response holds or points at the code, and nothing records when
    # the code was used: no key, no value, no time.
    stored = Response.objects.filter(pk=response.pk).values().get()
    assert not any(codes[0] in str(v) for v in stored.values())
    assert {f.name for f in InvitationCode._meta.get_fields()} == {
        "id",
        "survey",
        "code",
        "used",
        "created_at",
    }
    assert not AuditEvent.objects.filter(action__startswith="response.").exists()


def test_an_unknown_code_and_a_closed_survey_refuse_answers(survey_x):
    with pytest.raises(services.CodeError):
        services.response_submit_letter(code="AAAA-AAAA", answers={}, language="ja")
    [code] = services.invitation_codes_create(actor=STAFF, survey=survey_x, count=1)
    services.survey_close(actor=STAFF, survey=survey_x)
    with pytest.raises(services.SurveyStateError):
        services.response_submit_letter(code=code, answers={"sex": 1}, language="ja")
    assert not InvitationCode.objects.get(code=code).used


def test_import_writes_every_row_in_one_go_with_design_columns(survey_x):
    rows = [
        services.ImportRow(answers={"direct_loneliness": 1}, weight=2.5, stratum="A"),
        services.ImportRow(answers={"direct_loneliness": 5}, weight=1.5, stratum="B"),
    ]
    batch = services.responses_import(
        actor=STAFF, survey=survey_x, rows=rows, file_name="a.csv", sha256="x"
    )
    assert batch.responses == 2
    assert set(Response.objects.values_list("batch", flat=True)) == {batch.pk}
    assert sorted(Response.objects.values_list("weight", flat=True)) == [1.5, 2.5]
    assert AuditEvent.objects.get(action="response.import").new_values["responses"] == 2


def test_responses_frame_feeds_the_estimator(survey_x):
    for answers in (
        UCLA_HIGH,
        {"direct_loneliness": 1, "ucla3_jp_1": 1, "ucla3_jp_2": 1, "ucla3_jp_3": 1},
        {"direct_loneliness": 3, "ucla3_jp_1": 2},  # UCLA skipped in part: unscored
        {"salon_known": 2, "district": "鶴川"},
    ):
        services.response_enter_paper(actor=STAFF, survey=survey_x, answers=answers)
    frame = responses_frame(survey_x)
    assert sorted(frame["ucla3_jp"][~np.isnan(frame["ucla3_jp"])]) == [3.0, 10.0]
    assert np.isnan(frame["salon_known"]).sum() == 3
    assert sorted(frame["ucla3_jp.band"]) == ["", "", "10to12", "3"]
    assert list(frame["district"]).count("鶴川") == 1
    design = Design.build(n=len(frame["weight"]), weights=frame["weight"])
    assert mean(design, frame["ucla3_jp"]).estimate == pytest.approx(6.5)
    share = proportion(design, frame["direct_loneliness.often_always"])
    assert share.estimate == pytest.approx(1 / 3)
