"""The instruments file: every item keeps its scale, scores and bands follow the national
survey's rules at their edges, and a broken file is refused with a message naming it."""

from __future__ import annotations

import copy
import csv
import tomllib
from pathlib import Path

import pytest

from tsunagari.surveys import instruments
from tsunagari.surveys.instruments import InstrumentError, catalogue, parse, score

DATA = Path(instruments.__file__).parent / "data"


def raw() -> dict:
    with (DATA / "instruments.toml").open("rb") as handle:
        return tomllib.load(handle)


def ucla(a: int, b: int, c: int) -> dict[str, int]:
    return {"ucla3_jp_1": a, "ucla3_jp_2": b, "ucla3_jp_3": c}


@pytest.mark.parametrize(
    ("answers", "total", "band", "high"),
    [
        ((1, 1, 1), 3, "3", False),
        ((1, 1, 2), 4, "4to6", False),
        ((2, 2, 2), 6, "4to6", False),
        ((3, 2, 2), 7, "7to9", False),
        ((3, 3, 3), 9, "7to9", False),
        ((4, 3, 3), 10, "10to12", True),
        ((4, 4, 4), 12, "10to12", True),
    ],
)
def test_ucla3_japanese_total_and_bands_at_every_edge(answers, total, band, high):
    result = score("ucla3_jp", ucla(*answers))["ucla3_jp"]
    assert (result.total, result.band, result.flags["10to12"]) == (total, band, high)


def test_a_skipped_or_out_of_scale_ucla_item_leaves_the_response_unscored():
    skipped = score("ucla3_jp", {"ucla3_jp_1": 4, "ucla3_jp_2": 4})["ucla3_jp"]
    assert (skipped.total, skipped.band, skipped.flags["10to12"]) == (None, None, None)
    # 5 is not on the 4-point scale (it is on the direct question's)
    assert score("ucla3_jp", ucla(5, 4, 4))["ucla3_jp"].total is None
    assert score("ucla3_jp", {**ucla(1, 1, 1), "ucla3_jp_3": True})["ucla3_jp"].total is None


def test_uk_three_point_variant_is_its_own_scale_without_bands():
    result = score("ons3", {"ons3_1": 3, "ons3_2": 3, "ons3_3": 3})["ons3"]
    assert (result.total, result.band) == (9, None)
    assert score("ons3", {"ons3_1": 4, "ons3_2": 3, "ons3_3": 3})["ons3"].total is None
    cat = catalogue()
    assert cat.items["ons3_1"].values == {1, 2, 3}
    assert cat.items["ucla3_jp_1"].values == {1, 2, 3, 4}


@pytest.mark.parametrize(
    ("value", "often_always", "any_"),
    [(1, False, False), (2, False, False), (3, False, True), (4, False, True), (5, True, True)],
)
def test_direct_question_headline_and_any_loneliness(value, often_always, any_):
    result = score("direct", {"direct_loneliness": value})["direct_loneliness"]
    assert result.flags == {"often_always": often_always, "any": any_}


def test_direct_question_has_the_national_five_options_in_order():
    options = catalogue().items["direct_loneliness"].options
    assert [o.label["ja"] for o in options] == [
        "決してない",
        "ほとんどない",
        "たまにある",
        "時々ある",
        "しばしばある・常にある",
    ]
    assert all(set(o.label) == {"ja", "ja-easy", "en"} for o in options)


def test_flags_name_national_figures_that_exist():
    from tsunagari.indicators.national import DATA as NATIONAL

    with NATIONAL.open(encoding="utf-8") as handle:
        national = {f"{r['indicator']}/{r['category']}" for r in csv.DictReader(handle)}
    named = [
        flag.national
        for instrument in catalogue().instruments.values()
        for s in instrument.scores
        for flag in s.flags
        if flag.national
    ]
    assert "direct_loneliness/often_always" in named
    assert set(named) <= national


def test_every_item_has_wording_in_three_languages():
    for item in catalogue().items.values():
        assert all(item.text[lang].strip() for lang in ("ja", "ja-easy", "en")), item.code


def _broken(change) -> str:
    data = copy.deepcopy(raw())
    change(data)
    with pytest.raises(InstrumentError) as error:
        parse(data)
    return str(error.value)


def test_bands_with_a_gap_are_refused():
    def gap(data):
        data["instruments"][1]["scores"][0]["bands"][1]["max"] = 5

    assert "ucla3_jp" in _broken(gap) and "without gaps" in _broken(gap)


def test_a_wrong_score_range_is_refused():
    def wrong(data):
        data["instruments"][1]["scores"][0]["max"] = 13

    assert "3/12" in _broken(wrong)


def test_an_undefined_scale_a_missing_language_and_a_duplicate_code_are_refused():
    def scale(data):
        data["instruments"][0]["items"][0]["scale"] = "nope"

    def language(data):
        del data["instruments"][0]["items"][0]["text"]["ja-easy"]

    def duplicate(data):
        data["instruments"][2]["items"][0]["code"] = "ucla3_jp_1"

    assert "'nope' is not defined" in _broken(scale)
    assert "direct_loneliness" in _broken(language) and "ja-easy" in _broken(language)
    assert "used twice" in _broken(duplicate)


def test_invalid_toml_names_the_file(tmp_path):
    bad = tmp_path / "instruments.toml"
    bad.write_text("version = = 1", encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"instruments\.toml: not valid TOML"):
        instruments.load(bad)
