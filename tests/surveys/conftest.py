"""A survey of 町田市 (X, coord_x's municipality) built from instruments and one own
question, open for answers."""

from __future__ import annotations

from typing import Any

import pytest

from tsunagari.audit.services import Actor
from tsunagari.directory.models import Municipality
from tsunagari.surveys import services
from tsunagari.surveys.models import Survey

STAFF = Actor(label="coord_x")
OWN = services.OwnQuestion(
    code="salon_known",
    text={"ja": "地域のサロンを知っていますか。", "en": "Do you know the local salon?"},
    options=[{"value": 1, "ja": "知っている", "en": "Yes"}, {"value": 2, "ja": "知らない"}],
)


def make_survey(code: str = "132098", *, open_: bool = True, **kwargs: Any) -> Survey:
    survey = services.survey_create(
        actor=STAFF,
        municipality=Municipality.objects.get(code=code),
        title=kwargs.pop("title", "くらしとつながり調査"),
        period="2025年度",
        languages=("ja", "ja-easy", "en"),
        instrument_codes=kwargs.pop("instrument_codes", ("direct", "ucla3_jp", "demographics")),
        own_questions=kwargs.pop("own_questions", (OWN,)),
    )
    if open_:
        survey = services.survey_open(actor=STAFF, survey=survey)
    return survey


@pytest.fixture
def survey_x(world: Any) -> Survey:
    return make_survey()
