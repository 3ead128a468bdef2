"""Need statistics: aggregate counters only, shown to staff for cells of 10 or more."""

from __future__ import annotations

import datetime as dt

import pytest

from tsunagari.audit.models import AuditEvent
from tsunagari.navigator.advice import Answers, advise
from tsunagari.navigator.models import NeedCount
from tsunagari.navigator.selectors import need_counts_visible
from tsunagari.navigator.services import need_counts_record, week_of

from .conftest import PLAIN_TOWN, WEDNESDAY_NIGHT, WEDNESDAY_NOON

pytestmark = pytest.mark.django_db


def cell(need: str, municipality: str = PLAIN_TOWN) -> NeedCount:
    return NeedCount.objects.get(municipality=municipality, need=need)


def test_answers_add_up_in_one_cell_per_need_and_week(plain):
    audit = AuditEvent.objects.count()
    for _ in range(3):
        advise(Answers(text="夜眠れなくて誰とも話せない", where="下松市"), at=WEDNESDAY_NOON)
    advise(Answers(topics=("need.talk",), where="下松市"), at=WEDNESDAY_NOON)
    assert cell("need.mental").asked == 3
    assert cell("need.talk").asked == 4
    assert cell("need.talk").week == dt.date(2026, 11, 23)  # that week's Monday
    # Nothing else is kept: no text, no other rows, no audit of a resident.
    assert NeedCount.objects.count() == 2
    assert AuditEvent.objects.count() == audit
    stored = NeedCount.objects.values_list("municipality", "need", "week", "asked", "unmet").first()
    assert not any("眠れ" in str(value) for value in stored)


def test_without_a_place_the_cell_has_no_municipality(plain):
    advise(Answers(text="さみしい"), at=WEDNESDAY_NOON)
    assert NeedCount.objects.filter(municipality="").count() == 2  # need.talk, need.general


def test_unmet_when_nothing_nearby_is_open(plain):
    # 地域包括支援センター is open on weekday afternoons, closed at night.
    advise(Answers(topics=("need.elderly",), where=PLAIN_TOWN), at=WEDNESDAY_NOON)
    assert (cell("need.elderly").asked, cell("need.elderly").unmet) == (1, 0)
    advise(Answers(topics=("need.elderly",), where=PLAIN_TOWN), at=WEDNESDAY_NIGHT)
    assert (cell("need.elderly").asked, cell("need.elderly").unmet) == (2, 1)


def test_record_false_counts_nothing(plain):
    advise(Answers(text="さみしい"), record=False)
    assert NeedCount.objects.count() == 0


def record(n: int, *, need: str = "need.talk", unmet: int = 0) -> None:
    for i in range(n):
        need_counts_record(
            municipality=PLAIN_TOWN, day=dt.date(2026, 11, 25), needs={need: i < unmet}
        )


def test_cells_under_ten_are_not_shown(db):
    record(9)
    assert need_counts_visible() == []
    record(1)
    (shown,) = need_counts_visible()
    assert (shown.municipality, shown.need, shown.asked) == (PLAIN_TOWN, "need.talk", 10)
    assert shown.week == week_of(dt.date(2026, 11, 25))


@pytest.mark.parametrize(
    ("asked", "unmet", "shown"),
    [(20, 0, 0), (20, 3, None), (20, 10, 10), (20, 15, None), (12, 12, 12)],
)
def test_small_unmet_counts_are_suppressed_both_ways(db, asked, unmet, shown):
    record(asked, unmet=unmet)
    (row,) = need_counts_visible(municipality=PLAIN_TOWN)
    assert row.unmet == shown


def test_staff_can_narrow_by_municipality_and_week(db):
    record(10)
    need_counts_record(municipality="", day=dt.date(2026, 11, 25), needs={"need.talk": False})
    assert need_counts_visible(municipality="131016") == []
    assert len(need_counts_visible(since=dt.date(2026, 11, 23))) == 1
    assert need_counts_visible(since=dt.date(2026, 11, 30)) == []


def test_answers_that_name_no_need_count_nothing(plain):
    advise(Answers(where="下松市", when=("night",)), at=WEDNESDAY_NOON)
    assert NeedCount.objects.count() == 0
