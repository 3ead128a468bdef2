"""The resident's side: the anonymous link and the letter code work without an account
and set no cookie; answers are checked kindly; a code answers once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from tsunagari.surveys import services
from tsunagari.surveys.forms import form_token
from tsunagari.surveys.models import Mode, Response

from .conftest import STAFF, make_survey

pytestmark = pytest.mark.django_db


def test_anonymous_link_in_three_languages_sets_no_cookie(client, survey_x):
    for prefix, words in (
        ("", "孤独であると"),
        ("/ja-easy", "さびしい"),
        ("/en", "How often do you feel lonely?"),
    ):
        page = client.get(f"{prefix}/surveys/{survey_x.public_token}/")
        assert page.status_code == 200
        assert words in page.content.decode()
        assert not page.cookies
        assert "<fieldset" in page.content.decode() and "<legend>" in page.content.decode()


def test_answers_by_the_link_are_stored_without_a_cookie(client, survey_x):
    url = f"/en/surveys/{survey_x.public_token}/"
    sent = client.post(
        url,
        {"token": form_token(survey_x.public_token), "direct_loneliness": "4", "salon_known": "1"},
    )
    assert sent.status_code == 302 and sent.url == "/en/surveys/thanks/"
    assert not sent.cookies
    response = Response.objects.get()
    assert (response.mode, response.language) == (Mode.WEB, "en")
    assert response.answers == {"direct_loneliness": 4, "salon_known": 1}


def test_a_bad_value_or_token_is_explained_and_nothing_kept(client, survey_x):
    url = f"/surveys/{survey_x.public_token}/"
    bad = client.post(url, {"token": "forged", "direct_loneliness": "9"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "問1（direct_loneliness）" in text and "時間がたちました" in text
    cross = client.post(
        url,
        {"token": form_token(survey_x.public_token)},
        headers={"Origin": "https://evil.example"},
    )
    assert cross.status_code == 403
    assert not Response.objects.exists()


def test_draft_survey_is_not_found_and_closed_one_says_so(client, world):
    draft = make_survey(open_=False)
    assert client.get(f"/surveys/{draft.public_token}/").status_code == 404
    services.survey_open(actor=STAFF, survey=draft)
    services.survey_close(actor=STAFF, survey=draft)
    closed = client.get(f"/surveys/{draft.public_token}/")
    assert closed.status_code == 410 and "受付は終わりました" in closed.content.decode()


def test_letter_code_opens_the_questions_once(client, survey_x):
    [code] = services.invitation_codes_create(actor=STAFF, survey=survey_x, count=1)
    start = client.get("/surveys/letter/")
    assert start.status_code == 200 and not start.cookies
    wrong = client.post("/surveys/letter/", {"code": "ZZZZ-ZZZZ"})
    assert wrong.status_code == 400 and "このコードでは回答できません" in wrong.content.decode()
    questions = client.post("/surveys/letter/", {"code": code.lower()})
    assert questions.status_code == 200 and "孤独であると" in questions.content.decode()
    token = questions.context["token"]
    sent = client.post("/surveys/letter/", {"token": token, "sex": "2"})
    assert sent.status_code == 302 and not sent.cookies
    assert Response.objects.get().mode == Mode.LETTER
    twice = client.post("/surveys/letter/", {"token": token, "sex": "1"})
    assert twice.status_code == 400 and "すでに受け付けています" in twice.content.decode()
    used = client.post("/surveys/letter/", {"code": code})
    assert used.status_code == 400
    assert Response.objects.count() == 1


def test_many_wrong_codes_pause_the_code_page_for_that_client_only(survey_x):
    [code] = services.invitation_codes_create(actor=STAFF, survey=survey_x, count=1)
    wrong = [f"ZZZZ-ZZ{a}{b}" for a in "AB" for b in "CDEFGHJKLM"][:10]
    with time_machine.travel(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)) as clock:
        guesser = Client(REMOTE_ADDR="198.51.100.1")
        for guess in wrong:
            assert guesser.post("/surveys/letter/", {"code": guess}).status_code == 400
        # Even the right code is not checked now: trying on cannot find one.
        paused = guesser.post("/surveys/letter/", {"code": code})
        assert paused.status_code == 429
        assert "15分ほどたってから" in paused.content.decode()
        assert "孤独であると" not in paused.content.decode()
        # Someone else answers as usual.
        other = Client(REMOTE_ADDR="198.51.100.2").post("/surveys/letter/", {"code": code})
        assert other.status_code == 200 and "孤独であると" in other.content.decode()
        # After the window, the first client may try again.
        clock.shift(dt.timedelta(minutes=16))
        again = guesser.post("/surveys/letter/", {"code": code})
        assert again.status_code == 200 and "孤独であると" in again.content.decode()
