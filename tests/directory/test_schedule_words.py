import datetime as dt

import pytest

from tsunagari.directory.models import Schedule
from tsunagari.directory.schedule_words import format_hours, parse_byday, schedule_text

T = dt.time


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"freq": "WEEKLY", "byday": "TH", "opens_at": T(17, 30), "closes_at": T(18, 30)},
            "毎週 木曜 17:30〜18:30",
        ),
        (
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": T(8, 30),
                "closes_at": T(17, 15),
            },
            "月〜金 8:30〜17:15",
        ),
        (
            {
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR,SA,SU",
                "opens_at": T(0, 0),
                "closes_at": T(23, 59),
            },
            "毎日 24時間",
        ),
        ({"freq": "DAILY", "opens_at": T(0, 0), "closes_at": T(0, 0)}, "毎日 24時間"),
        ({"freq": "DAILY", "opens_at": T(10, 0), "closes_at": T(22, 0)}, "毎日 10:00〜22:00"),
        (
            {"freq": "WEEKLY", "byday": "FR,MO,WE", "opens_at": T(13, 0), "closes_at": T(16, 0)},
            "月・水・金 13:00〜16:00",
        ),
        (
            {"freq": "WEEKLY", "byday": "SA,SU", "opens_at": T(9, 0), "closes_at": T(12, 0)},
            "土・日 9:00〜12:00",
        ),
        ({"freq": "WEEKLY", "byday": "MO,TU,WE,FR", "opens_at": T(9, 0)}, "月〜水・金 9:00〜"),
        (
            {"freq": "MONTHLY", "byday": "2SA", "opens_at": T(11, 0), "closes_at": T(14, 0)},
            "毎月 第2 土曜 11:00〜14:00",
        ),
        ({"freq": "MONTHLY", "byday": "3SA,1SA"}, "毎月 第1・第3 土曜"),
        (
            {"freq": "MONTHLY", "byday": "-1FR", "opens_at": T(18, 0), "closes_at": T(20, 0)},
            "毎月 最終 金曜 18:00〜20:00",
        ),
        (
            {"freq": "MONTHLY", "bymonthday": "10", "opens_at": T(8, 0), "closes_at": T(8, 0)},
            "毎月 10日 8:00〜翌8:00",
        ),
        ({"freq": "MONTHLY", "bymonthday": "-1"}, "毎月 末日"),
        (
            {
                "freq": "WEEKLY",
                "interval": 2,
                "byday": "WE",
                "opens_at": T(10, 0),
                "closes_at": T(11, 30),
            },
            "隔週 水曜 10:00〜11:30",
        ),
        (
            {"freq": "WEEKLY", "byday": "FR", "opens_at": T(22, 0), "closes_at": T(6, 0)},
            "毎週 金曜 22:00〜翌6:00",
        ),
        ({"freq": "weekly", "byday": " th ", "closes_at": T(18, 0)}, "毎週 木曜 〜18:00"),
        (
            {"dtstart": dt.date(2026, 12, 5), "opens_at": T(10, 0), "closes_at": T(12, 0)},
            "2026年12月5日 10:00〜12:00",
        ),
        (
            {
                "freq": "WEEKLY",
                "byday": "TU",
                "opens_at": T(10, 0),
                "closes_at": T(12, 0),
                "valid_from": dt.date(2026, 4, 1),
                "valid_to": dt.date(2027, 3, 31),
            },
            "毎週 火曜 10:00〜12:00（2026年4月1日〜2027年3月31日）",
        ),
        ({"opens_at": T(9, 0), "closes_at": T(17, 0)}, "9:00〜17:00"),
        ({"description": "不定期です"}, ""),
        ({"freq": "WEEKLY", "byday": "XX"}, ""),
    ],
)
def test_schedule_text(fields, expected):
    assert schedule_text(Schedule(**fields)) == expected


def test_parse_byday_keeps_ordinals_and_drops_unknown_tokens():
    assert parse_byday("1SA, -1FR,MO,??") == [(1, "SA"), (-1, "FR"), (None, "MO")]


def test_format_hours_without_times_is_empty():
    assert format_hours(None, None) == ""
