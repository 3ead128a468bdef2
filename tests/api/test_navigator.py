"""POST /api/v1/navigator: what it accepts and the clear errors it gives."""

from __future__ import annotations

import pytest
from django.test import Client

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


def test_a_body_that_is_not_json_is_a_clear_400(api: Client) -> None:
    status, data = post(api, "text=hello")
    assert status == 400
    assert data["detail"] == "本文を JSON として読めませんでした。 / The body is not valid JSON."


def test_only_post_is_allowed(api: Client) -> None:
    assert api.get(URL).status_code == 405
