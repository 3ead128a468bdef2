"""advise(): crisis lines first, then three or more options of different kinds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tsunagari.directory.demo import DEMO_CODE, DEMO_NAME
from tsunagari.directory.demo.town import DEMO_CITY
from tsunagari.directory.models import Attribute, Service
from tsunagari.navigator.advice import Answers, AnswersError, advise, municipality_resolve
from tsunagari.navigator.models import NeedCount

from .conftest import PLAIN_TOWN, SATURDAY_MORNING, WEDNESDAY_NIGHT, WEDNESDAY_NOON

pytestmark = pytest.mark.django_db

AVOID = ("孤独な", "弱い", "不適応", "かわいそう", "問題のある")


def kinds(advice) -> set[str]:
    return {r.kind for r in advice.recommendations}


def terms(service_id) -> set[str]:
    return set(
        Attribute.objects.filter(link_entity="service", link_id=service_id).values_list(
            "taxonomy_term__code", flat=True
        )
    )


def assert_diverse(advice) -> None:
    assert len(advice.recommendations) >= 3
    assert len(kinds(advice)) >= 3
    ids = [r.service_id for r in advice.recommendations]
    assert len(ids) == len(set(ids))
    for r in advice.recommendations:
        assert r.why.endswith("。")
        assert not any(word in r.why for word in AVOID)
        assert r.phone or r.url or "in_person" in r.channels


# -- free text alone ------------------------------------------------------------------------


def test_free_text_alone_gives_three_kinds(demo):
    advice = advise(Answers(text="最近ちょっと疲れていて"), at=WEDNESDAY_NOON, record=False)
    assert not advice.crisis
    assert advice.crisis_lines == []
    assert_diverse(advice)


def test_sleepless_and_nobody_to_talk_to_at_night(demo):
    advice = advise(
        Answers(text="夜眠れなくて誰とも話せない", where=DEMO_CODE),
        at=WEDNESDAY_NIGHT,
        record=False,
    )
    assert {"need.mental", "need.talk"} <= set(advice.needs)
    assert "night" in advice.when
    assert_diverse(advice)
    person = next(r for r in advice.recommendations if r.kind == "person")
    assert {"attr.evening", "attr.24h"} & terms(person.service_id)
    assert {"need.mental", "need.talk"} & terms(person.service_id)
    # Something can be reached right now, late on a Wednesday.
    assert any(r.open_now for r in advice.recommendations)


def test_a_place_to_be_is_in_the_named_town(demo):
    for where in (DEMO_CODE, DEMO_NAME, DEMO_CITY, DEMO_CODE[:5]):
        advice = advise(Answers(topics=("need.childcare",), where=where), record=False)
        assert advice.municipality == DEMO_CODE
        places = [r for r in advice.recommendations if r.kind == "place"]
        assert places
        for place in places:
            assert Service.objects.get(id=place.service_id).municipality_id == DEMO_CODE


def test_an_unknown_place_name_is_ignored_not_an_error(demo):
    advice = advise(Answers(text="さみしい", where="どこでもない村"), record=False)
    assert advice.municipality == ""
    assert_diverse(advice)


# -- crisis ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["もう死にたい", "消えたいです", "リスカがやめられない", "夫に殴られる", "親から虐待されてる"],
)
def test_crisis_words_bring_the_lines_first(demo, text):
    advice = advise(Answers(text=text), at=WEDNESDAY_NOON, record=False)
    assert advice.crisis
    assert len(advice.crisis_lines) >= 3
    first = advice.crisis_lines[0]
    assert first.phone or first.url
    assert first.hours
    assert "年に確認した情報です" in first.notes  # the date the hours were seen
    # The lines are not repeated among the options, which still follow.
    shown = {line.service_id for line in advice.crisis_lines}
    assert not shown & {r.service_id for r in advice.recommendations}
    assert len(advice.recommendations) >= 3


def test_violence_puts_the_dv_line_before_the_others(demo):
    advice = advise(Answers(text="夫に殴られる"), at=WEDNESDAY_NOON, record=False)
    assert "DV" in advice.crisis_lines[0].name
    assert "110番" in advice.crisis_message
    advice = advise(Answers(text="死にたい"), at=WEDNESDAY_NOON, record=False)
    assert "DV" not in advice.crisis_lines[0].name
    assert "ひとりで抱えなくて大丈夫" in advice.crisis_message


@pytest.mark.parametrize("at", [WEDNESDAY_NIGHT, WEDNESDAY_NOON])
def test_the_first_line_is_open_at_that_moment(demo, at):
    advice = advise(Answers(text="死にたい"), at=at, record=False)
    assert advice.crisis_lines[0].open_now is True
    # Among the lines for this kind of crisis, open ones come first.
    names = [line.name for line in advice.crisis_lines]
    closed = [line for line in advice.crisis_lines if line.open_now is False]
    if closed:
        assert names.index(closed[0].name) > 0


def test_crisis_lines_show_even_when_the_directory_has_no_lines(reference_data):
    advice = advise(Answers(text="死にたい"), record=False)
    assert advice.crisis
    assert any("いのち" in line.name for line in advice.crisis_lines)


def test_no_crisis_for_ordinary_words(demo):
    advice = advise(Answers(text="子育てのことを話したい"), record=False)
    assert not advice.crisis
    assert advice.crisis_lines == []
    assert advice.crisis_message == ""


# -- avoid_local, how, when -----------------------------------------------------------------


def test_avoid_local_favours_remote_lines(demo):
    plain = advise(Answers(text="さみしい", where=DEMO_CODE), at=WEDNESDAY_NOON, record=False)
    away = advise(
        Answers(text="さみしい", where=DEMO_CODE, avoid_local=True), at=WEDNESDAY_NOON, record=False
    )

    def remote_share(advice) -> int:
        return sum("attr.out_of_area" in terms(r.service_id) for r in advice.recommendations)

    assert away.recommendations[0].kind == "remote"
    assert "attr.out_of_area" in terms(away.recommendations[0].service_id)
    assert remote_share(away) > remote_share(plain)
    assert len(kinds(away)) >= 3


def test_how_favours_those_channels(demo):
    advice = advise(Answers(text="さみしい", how=("chat", "sns")), record=False)
    person_or_remote = [r for r in advice.recommendations if r.kind in ("person", "remote")]
    assert any({"chat", "sns"} & set(r.channels) for r in person_or_remote)


# -- data imported from a plain HSDS file (only inference gives it meaning) -----------------


def test_plain_hsds_data_gives_three_kinds(plain):
    assert (
        Attribute.objects.filter(
            inferred=False,
            link_id__in=Service.objects.filter(municipality_id=PLAIN_TOWN).values("id"),
        ).count()
        == 0
    )
    advice = advise(
        Answers(text="ひとりでさみしい", where="下松市"), at=WEDNESDAY_NOON, record=False
    )
    assert_diverse(advice)
    place = next(r for r in advice.recommendations if r.kind == "place")
    assert Service.objects.get(id=place.service_id).municipality_id == PLAIN_TOWN


def test_plain_hsds_night_text(plain):
    advice = advise(
        Answers(text="夜眠れなくて誰とも話せない", where=PLAIN_TOWN),
        at=WEDNESDAY_NIGHT,
        record=False,
    )
    assert_diverse(advice)
    names = {r.name for r in advice.recommendations}
    assert "夜間こころの電話（架空）" in names


# -- answers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"text": "あ" * 1001},
        {"for_whom": "neighbour"},
        {"how": ("telepathy",)},
        {"when": "now"},
        {"topics": ("need.unknown",)},
        {"where": "x" * 61},
    ],
)
def test_bad_answers_are_refused_with_a_message(reference_data, bad):
    with pytest.raises(AnswersError) as error:
        Answers(**bad)
    assert str(error.value)


def test_lists_are_accepted_as_answers(reference_data):
    answers = Answers(how=["phone"], when=["night", "night"], topics=["need.talk"])
    assert answers.how == ("phone",)
    assert answers.when == ("night",)


def test_advise_reads_a_bounded_number_of_queries(demo):
    advise(Answers(text="さみしい"), record=False)  # warm caches
    with CaptureQueriesContext(connection) as few:
        advise(Answers(text="さみしい", where=DEMO_CODE), record=False)
    with CaptureQueriesContext(connection) as many:
        advise(
            Answers(text="子育てと仕事とお金のことで眠れない", where=DEMO_CODE, avoid_local=True),
            record=False,
        )
    assert len(many) <= len(few) + 3
    assert NeedCount.objects.count() == 0


@pytest.mark.parametrize(
    ("where", "code"),
    [
        ("352071", "352071"),
        ("35207", "352071"),
        ("下松市", "352071"),
        ("山口県下松市", "352071"),
        ("くだまつし", "352071"),
        ("東京都府中市", "132063"),
        ("広島県府中市", "342084"),
        ("352072", ""),
        ("どこでもない村", ""),
    ],
)
def test_where_is_read_as_a_code_or_a_name(reference_data, where, code):
    assert municipality_resolve(where) == code


@pytest.mark.parametrize("at", [WEDNESDAY_NOON, WEDNESDAY_NIGHT, SATURDAY_MORNING])
def test_wanting_to_help_someone_finds_volunteering(demo, at):
    """At any hour: volunteering has a search of its own for the pool, so the many places
    open at that hour do not crowd it out (on a Saturday morning they did)."""
    advice = advise(Answers(text="だれかの役に立ちたい", where=DEMO_CODE), at=at, record=False)
    place = next(r for r in advice.recommendations if r.kind == "place")
    assert "type.volunteer" in terms(place.service_id)
    assert_diverse(advice)


def test_not_wanting_to_be_known_favours_anonymous_remote_lines(demo):
    advice = advise(
        Answers(text="知り合いに会いたくないし電話は苦手", where=DEMO_CODE), record=False
    )
    first = advice.recommendations[0]
    assert first.kind == "remote"
    assert {"chat", "sns"} & set(first.channels)
