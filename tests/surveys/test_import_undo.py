"""A CSV import can be taken back as a whole, and the same file is not taken in twice:
the two mistakes that would otherwise double or spoil a survey's figures."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.staff_world import sign_in
from tsunagari.audit.models import AuditEvent
from tsunagari.surveys import services
from tsunagari.surveys.models import Mode, Response, ResponseImport

from .conftest import STAFF
from .test_pages import _upload

pytestmark = pytest.mark.django_db

FIRST = b"direct_loneliness,ucla3_jp_1\r\n5,4\r\n1,1\r\n3,2\r\n"
SECOND = b"direct_loneliness,ucla3_jp_1\r\n2,2\r\n"


def import_file(client: Client, survey, data: bytes, name: str = "answers.csv"):
    check = _upload(client, survey, data)
    assert check.status_code == 200, check.content.decode()
    url = f"/staff/surveys/{survey.pk}/import/"
    return client.post(url, {"step": "confirm", "token": check.context["token"]})


def test_the_same_file_is_refused_with_when_it_came_in_and_nothing_is_written(
    client, world, survey_x
):
    sign_in(client, world.coord_x)
    assert import_file(client, survey_x, FIRST).status_code == 302
    again = _upload(client, survey_x, FIRST)
    assert again.status_code == 400
    html = again.content.decode()
    assert "取り込み済みです（3 件）" in html and "この内容で取り込む" not in html
    assert Response.objects.count() == 3
    # Another file is taken in as usual.
    assert import_file(client, survey_x, SECOND).status_code == 302
    assert Response.objects.count() == 4


def test_an_import_is_taken_back_whole_and_the_file_may_come_in_again(client, world, survey_x):
    sign_in(client, world.coord_x)
    services.response_submit_web(survey=survey_x, answers={"direct_loneliness": 2}, language="ja")
    assert import_file(client, survey_x, FIRST).status_code == 302
    assert import_file(client, survey_x, SECOND).status_code == 302
    first = ResponseImport.objects.get(responses=3)

    detail = client.get(f"/staff/surveys/{survey_x.pk}/").content.decode()
    undo_url = f"/staff/surveys/{survey_x.pk}/imports/{first.pk}/undo/"
    assert f'href="{undo_url}"' in detail
    assert "3 件の回答を削除します" in client.get(undo_url).content.decode()
    done = client.post(undo_url, follow=True)
    assert "（3 件の回答を削除）" in done.content.decode()

    # Only that file's answers went: the web answer and the other file's stay.
    assert Response.objects.filter(mode=Mode.WEB).count() == 1
    assert Response.objects.filter(mode=Mode.CSV).count() == 1
    first.refresh_from_db()
    assert first.undone_at is not None and first.undone_by == world.coord_x
    event = AuditEvent.objects.get(action="response.import_undo")
    assert event.actor == world.coord_x and event.old_values["responses"] == 3
    assert "取り消し済み" in client.get(f"/staff/surveys/{survey_x.pk}/").content.decode()

    # Taken back twice: refused, nothing more removed.
    assert client.post(undo_url).status_code == 400
    assert Response.objects.count() == 2
    # The corrected (or same) file may now come in again.
    assert import_file(client, survey_x, FIRST).status_code == 302
    assert Response.objects.filter(mode=Mode.CSV).count() == 4


def test_a_closed_surveys_imports_stay(client, world, survey_x):
    sign_in(client, world.coord_x)
    assert import_file(client, survey_x, FIRST).status_code == 302
    batch = ResponseImport.objects.get()
    services.survey_close(actor=STAFF, survey=survey_x)
    undo_url = f"/staff/surveys/{survey_x.pk}/imports/{batch.pk}/undo/"
    assert f'href="{undo_url}"' not in client.get(f"/staff/surveys/{survey_x.pk}/").content.decode()
    refused = client.post(undo_url)
    assert refused.status_code == 400
    assert "回答の受付中の調査で" in refused.content.decode()
    assert Response.objects.count() == 3


def test_another_municipalitys_coordinator_cannot_take_an_import_back(client, world, survey_x):
    sign_in(client, world.coord_x)
    assert import_file(client, survey_x, FIRST).status_code == 302
    batch = ResponseImport.objects.get()
    other = sign_in(Client(), world.coord_y)
    assert other.post(f"/staff/surveys/{survey_x.pk}/imports/{batch.pk}/undo/").status_code == 404
    assert Response.objects.count() == 3


def test_the_same_file_confirmed_twice_at_once_goes_in_once(world, survey_x, monkeypatch):
    from tsunagari.surveys.imports import check
    from tsunagari.surveys.questionnaire import questions_of

    report = check(FIRST, "answers.csv", questions_of(survey_x))
    kwargs = {
        "survey": survey_x,
        "rows": report.rows,
        "file_name": "a.csv",
        "sha256": report.sha256,
    }
    services.responses_import(actor=STAFF, **kwargs)
    # The other confirmation looked before this one was stored.
    real = services.previous_import
    calls = iter([None])
    monkeypatch.setattr(services, "previous_import", lambda *args: next(calls, None) or real(*args))
    with pytest.raises(services.AlreadyImported) as caught:
        services.responses_import(actor=STAFF, **kwargs)
    assert caught.value.previous is not None
    assert Response.objects.count() == 3
