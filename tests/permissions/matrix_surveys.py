"""Expected status per role for every survey URL (tests/permissions/README.md).

Staff pages: coordinators of the survey's municipality (X) and administrators; partners
get 403 on every survey page; Y's coordinator gets 404 for X's survey. The resident's
forms are public."""

from __future__ import annotations

from typing import Any

from .roles import everyone, roles

RUNNERS = roles(403, anonymous=302, coord_x=200, coord_y=200, admin=200)
OF_X = roles(403, anonymous=302, coord_x=200, coord_y=404, admin=200)
OF_X_POST = roles(403, anonymous=302, coord_x=302, coord_y=404, admin=302)


def _survey_x(world: Any) -> dict[str, Any]:
    from tests.surveys.conftest import make_survey

    return {"survey_id": make_survey().pk}


def _draft_of_x(world: Any) -> dict[str, Any]:
    from tests.surveys.conftest import make_survey

    return {"survey_id": make_survey(open_=False).pk}


def _open_token(world: Any) -> dict[str, Any]:
    from tests.surveys.conftest import make_survey

    return {"token": make_survey().public_token}


def _import_of_x(world: Any) -> dict[str, Any]:
    from tests.surveys.conftest import STAFF, make_survey
    from tsunagari.surveys import services

    survey = make_survey()
    rows = [services.ImportRow(answers={"direct_loneliness": 1})]
    batch = services.responses_import(
        actor=STAFF, survey=survey, rows=rows, file_name="a.csv", sha256="a"
    )
    return {"survey_id": survey.pk, "import_id": batch.pk}


EXPECTED: dict[str, dict[str, Any]] = {
    "surveys:list": {"expect": RUNNERS},
    "surveys:create": {"expect": RUNNERS},
    "surveys:detail": {"expect": OF_X, "kwargs": _survey_x},
    "surveys:edit": {"expect": OF_X, "kwargs": _draft_of_x},
    "surveys:paper": {"expect": OF_X, "kwargs": _survey_x},
    "surveys:import": {"expect": OF_X, "kwargs": _survey_x},
    "surveys:template": {"expect": OF_X, "kwargs": _survey_x},
    "surveys:codes_csv": {"expect": OF_X, "kwargs": _survey_x},
    "surveys:import_undo": {"expect": OF_X, "kwargs": _import_of_x},
    "surveys:status": {
        "expect": OF_X_POST,
        "method": "POST",
        "kwargs": _survey_x,
        "data": {"action": "close"},
    },
    "surveys:codes": {
        "expect": OF_X_POST,
        "method": "POST",
        "kwargs": _survey_x,
        "data": {"count": "3"},
    },
    "surveys:respond": {"expect": everyone(200), "kwargs": _open_token},
    "surveys:letter": {"expect": everyone(200)},
    "surveys:thanks": {"expect": everyone(200)},
}
