"""POST /api/v1/navigator: what it accepts and the clear errors it gives."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tsunagari.navigator.advice import Advice

URL = "/api/v1/navigator"


def post(client: Client, body: str) -> tuple[int, dict]:
    response = client.post(URL, body, content_type="application/json")
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


@pytest.mark.parametrize(
    ("body", "start"),
    [
        ('{"text": "' + "あ" * 1001 + '"}', "text は 1000 文字までの文字列"),
        ('{"text": 5}', "text は 1000 文字までの文字列"),
        ('{"for_whom": "me"}', "for_whom の値を確かめてください。選べるもの: self, family, friend"),
        ('{"how": ["fax"]}', "how の値を確かめてください。選べるもの: in_person, phone, chat"),
        ('{"help": "listen"}', "help の値を確かめてください"),
        ('{"when": ["someday"]}', "when の値を確かめてください。選べるもの: now, night, holiday"),
        ('{"colour": "blue"}', "知らない項目があります: colour"),
        ("[]", "本文は JSON のオブジェクトにしてください"),
        ('"夜眠れない"', "本文は JSON のオブジェクトにしてください"),
        ("", "本文は JSON のオブジェクトにしてください"),
    ],
)
def test_bad_answers_get_a_clear_422(api: Client, body: str, start: str) -> None:
    status, data = post(api, body)
    assert status == 422
    assert data["detail"].startswith(start), data
    assert " / " in data["detail"]  # then English
    assert data["errors"]


def test_unknown_topics_are_named(api: Client) -> None:
    status, data = post(api, '{"topics": ["need.talk", "need.nothing"]}')
    assert status == 422
    assert data["detail"].startswith("topics に知らない分類コードがあります: need.nothing")


def test_a_body_that_is_not_json_is_a_clear_400(api: Client) -> None:
    status, data = post(api, "text=hello")
    assert status == 400
    assert data["detail"] == "本文を JSON として読めませんでした。 / The body is not valid JSON."


def test_only_post_is_allowed(api: Client) -> None:
    assert api.get(URL).status_code == 405


def test_every_answer_reaches_the_navigator(api: Client, monkeypatch) -> None:
    seen = []

    def fake_advise(answers, **kwargs):
        seen.append(answers)
        return Advice(crisis=False, crisis_lines=[], recommendations=[], needs=[])

    monkeypatch.setattr("tsunagari.api.navigator.advise", fake_advise)
    body = {
        "text": "夜眠れない",
        "topics": ["need.mental"],
        "for_whom": "family",
        "help": ["listen", "expert"],
        "how": ["phone", "chat"],
        "when": ["night"],
        "where": "132098",
        "avoid_local": True,
    }
    status, data = post(api, json.dumps(body))
    assert status == 200
    assert data == {"crisis": False, "crisis_lines": [], "recommendations": [], "needs": []}
    answers = seen[0]
    assert (answers.text, answers.topics, answers.for_whom) == (
        "夜眠れない",
        ("need.mental",),
        "family",
    )
    assert (answers.help, answers.how, answers.when) == (
        ("listen", "expert"),
        ("phone", "chat"),
        ("night",),
    )
    assert (answers.where, answers.avoid_local) == ("132098", True)


@pytest.mark.usefixtures("demo")
def test_crisis_words_bring_the_crisis_lines(api: Client) -> None:
    status, data = post(api, json.dumps({"text": "もう死にたい"}))
    assert status == 200
    assert data["crisis"] is True
    assert data["crisis_lines"]
    for line in data["crisis_lines"]:
        assert line["name"] and line["hours"] and (line["phone"] or line["url"])


@pytest.mark.usefixtures("demo")
def test_free_text_alone_gives_three_diverse_options(api: Client) -> None:
    status, data = post(api, json.dumps({"text": "夜眠れなくて誰とも話せない"}))
    assert status == 200
    assert data["crisis"] is False
    options = data["recommendations"]
    assert len(options) >= 3
    assert len({option["kind"] for option in options}) >= 3
    for option in options:
        assert option["why"] and option["name"]
        # The id is the HSDS service id: the service can be read through the API.
        assert api.get(f"/api/v1/services/{option['id']}").status_code == 200


def test_empty_answers_are_fine(api: Client) -> None:
    status, data = post(api, "{}")
    assert status == 200
    assert data["crisis"] is False
