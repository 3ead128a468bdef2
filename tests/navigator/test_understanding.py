"""Reading free text: needs, times and crisis words, from the tables kept as data."""

from __future__ import annotations

import pytest

from tsunagari.directory.reference import taxonomy_rows
from tsunagari.navigator.understanding import crisis_table, need_table, understand


def test_sleepless_and_nobody_to_talk_to():
    understood = understand("夜眠れなくて誰とも話せない")
    assert set(understood.needs) == {"need.mental", "need.talk"}
    assert understood.when == ("night",)
    assert not understood.crisis


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("もう死にたい", "suicide"),
        ("しにたい", "suicide"),
        ("消えてしまいたい…", "suicide"),
        ("ﾘｽｶしちゃった", "self_harm"),  # half-width katakana
        ("薬をODしそう", "self_harm"),
        ("夫に殴られる", "violence"),
        ("たすけて", "violence"),
        ("親からの虐待", "abuse"),
    ],
)
def test_crisis_words_in_any_writing(text, kind):
    assert kind in understand(text).crisis_kinds


@pytest.mark.parametrize("text", ["good morning", "今日はいい天気", "子どもの服を買いたい", ""])
def test_ordinary_words_are_no_crisis(text):
    assert not understand(text).crisis


def test_negated_crisis_words_still_show_the_lines():
    # No attempt at negation: showing the lines to someone who did not need them costs
    # little; missing someone who did costs a life.
    assert understand("死にたいわけじゃないけど").crisis


def test_the_tables_use_known_taxonomy_codes():
    known = {row["code"] for row in taxonomy_rows()}
    for entry in need_table():
        assert set(entry.terms) <= known
        assert entry.words
    assert set(crisis_table()) == {"suicide", "self_harm", "violence", "abuse"}


def test_words_can_ask_for_a_way_to_connect():
    understood = understand("電話は苦手なので、だれかの役に立ちたい")
    assert {"channel.chat", "type.volunteer"} <= set(understood.prefer)
    assert not understood.needs
