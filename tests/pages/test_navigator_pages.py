"""The navigator's screens: one question a screen, skippable, answers only in the URL."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from tests.factories import make_service

pytestmark = pytest.mark.usefixtures("reference_data")

STEPS = ["topics", "for_whom", "help", "how", "where"]


def step_url(slug):
    return reverse("navigator:step", args=[slug])


def hidden_fields(html):
    return sorted(
        (unescape(k), unescape(v))
        for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    )


def test_start_page_promises_anonymity_and_links_to_the_first_question(client):
    html = client.get(reverse("navigator:start")).content.decode()
    assert "名前や連絡先は聞きません" in html
    assert f'href="{step_url("topics")}"' in html
    # The 24-hour lines are one tap away without answering anything.
    assert "24時間の相談先を見る" in html


def test_there_are_five_questions_each_with_a_skip_link(client):
    for number, slug in enumerate(STEPS, start=1):
        html = client.get(step_url(slug)).content.decode()
        assert f"質問 {number} / 5" in html
        assert "この質問をとばす" in html
    assert client.get(step_url("nothing")).status_code == 404


def test_answers_travel_in_hidden_fields_and_skipping_keeps_them(client, fake_advise):
    query = {"topic": ["need.talk", "need.mental"], "text": "眠れない", "for_whom": "family"}
    html = client.get(step_url("help"), query).content.decode()
    # This screen's own answer is a question, the earlier ones ride along hidden.
    assert hidden_fields(html) == [
        ("for_whom", "family"),
        ("text", "眠れない"),
        ("topic", "need.mental"),
        ("topic", "need.talk"),
    ]
    assert f'action="{step_url("how")}"' in html
    skip = unescape(re.search(r'href="([^"]*)">この質問をとばす', html).group(1))
    assert urlsplit(skip).path == step_url("how")
    assert sorted(parse_qsl(urlsplit(skip).query)) == hidden_fields(html)


def test_the_last_question_leads_to_the_result(client):
    html = client.get(step_url("where")).content.decode()
    assert f'action="{reverse("navigator:result")}"' in html
    assert "近所だと話しにくい" in html


def test_result_shows_options_with_kind_why_open_now_and_how_to_reach(client, fake_advise):
    fake_advise.state["services"] = [
        make_service("まちの居場所"),
        make_service("話せる電話"),
        make_service("専門の窓口"),
        make_service("よりそいライン"),
    ]
    response = client.get(
        reverse("navigator:result"),
        {"topic": "need.talk", "help": "listen", "how": ["phone", "sns"], "avoid_local": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    for kind in ["行ける場所", "話を聞いてくれる人", "専門の窓口", "電話やネットで"]:
        assert kind in html
    assert "おすすめの理由: 理由0" in html
    assert "今あいています" in html
    assert 'href="tel:0120-279-338"' in html
    assert "電話、SNS（LINE など）" in html
    assert "ひとりでかかえこまないでください" not in html
    answers, record = fake_advise.calls[-1]
    assert record is True
    assert answers["topics"] == ("need.talk",)
    assert answers["how"] == ("phone", "sns") and answers["avoid_local"] is True
    assert not response.cookies


def test_crisis_text_puts_the_crisis_panel_first(client, fake_advise):
    fake_advise.state["services"] = [make_service("まちの居場所")]
    html = client.get(reverse("navigator:result"), {"text": "もう死にたい"}).content.decode()
    panel = html.index("ひとりでかかえこまないでください")
    assert panel < html.index("まちの居場所")
    assert 'href="tel:0120-783-556"' in html
    # Already on the next screen after the free text, the panel comes first, unrecorded.
    step = client.get(step_url("for_whom"), {"text": "もう死にたい"}).content.decode()
    assert step.index("ひとりでかかえこまないでください") < step.index("質問 2 / 5")
    assert fake_advise.calls[-1][1] is False


def test_invalid_answers_are_dropped_as_if_skipped(client, fake_advise):
    client.get(
        reverse("navigator:result"), {"for_whom": "boss", "how": "pigeon", "text": "x" * 600}
    )
    answers, _ = fake_advise.calls[-1]
    assert answers["for_whom"] == "" and answers["how"] == () and answers["text"] == ""
