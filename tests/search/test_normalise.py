"""The one normaliser: what a resident types and what a listing says meet in one form."""

from __future__ import annotations

import jaconv
from hypothesis import given
from hypothesis import strategies as st

from tsunagari.search.normalise import _synonyms, document_tokens, fold, query_words

# Japanese-looking text: kana, common kanji, ASCII, full-width forms, punctuation.
JAPANESE = st.text(
    alphabet=st.sampled_from(
        list("あいうかきこそだんどもアイウカキコソダンドモｱｲｳｶｷｺｿﾀﾞﾝ子供相談食堂夜間居場所")
        + list("abcXYZ019０１９ＡＢ　 ・、。（）!?ー")
    ),
    max_size=30,
)


@given(JAPANESE)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=30))
def test_fold_is_idempotent_on_any_text(text):
    assert fold(fold(text)) == fold(text)


@given(JAPANESE)
def test_width_does_not_matter(text):
    assert fold(jaconv.z2h(text, kana=True, ascii=True, digit=True)) == fold(
        jaconv.h2z(text, kana=True, ascii=True, digit=True)
    )


@given(JAPANESE)
def test_katakana_and_hiragana_are_the_same(text):
    assert fold(jaconv.hira2kata(text)) == fold(jaconv.kata2hira(text))


def test_case_width_and_punctuation():
    assert fold("ＬＩＮＥ　相談！") == "line 相談"
    assert fold("ｿｳﾀﾞﾝ") == fold("そうだん") == fold("相談")
    assert fold("子ども・若者") == "子ども 若者"


def test_synonyms_meet_in_one_form():
    assert fold("子供") == fold("こども") == fold("子ども")
    assert fold("シニア") == fold("お年寄り") == fold("高齢者")
    assert fold("障がい") == fold("障碍") == fold("障害")
    assert fold("引き籠もり") == fold("ひきこもり") == fold("引きこもり")
    assert fold("いばしょ") == fold("居場所")


def test_every_canonical_form_is_its_own_normal_form():
    _, mapping = _synonyms()
    for canonical in set(mapping.values()):
        assert fold(canonical) == canonical


def test_document_tokens_are_bigrams_with_the_last_character():
    assert document_tokens("相談窓口") == ["相談", "談窓", "窓口", "口"]
    # A space in a listing does not hide the joined word.
    assert "も食" in document_tokens("子ども 食堂")


def test_two_character_words_are_one_token():
    (word,) = query_words("食堂")
    assert word.tokens == ("食堂",)
    assert not word.prefix


def test_one_character_query_is_a_prefix():
    (word,) = query_words("夜")
    assert word.prefix
    assert word.tokens == ("夜",)


def test_query_words_split_at_spaces():
    words = query_words("相談　夜間")
    assert [w.text for w in words] == ["相談", "夜間"]


def test_empty_query_has_no_words():
    assert query_words("  ・ ") == []
