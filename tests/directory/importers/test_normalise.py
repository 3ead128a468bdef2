import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tsunagari.directory.importers import normalise as n
from tsunagari.directory.importers.places import split_address
from tsunagari.directory.reference import check_digit


def test_width_is_folded_and_readings_become_katakana():
    assert n.nfkc("ＡＢＣ１２３　") == "ABC123"
    assert n.katakana("ｼﾃｲｷｮﾀｸ") == "シテイキョタク"
    assert n.katakana("さくらえん") == "サクラエン"


@pytest.mark.parametrize(
    ("text", "byday"),
    [
        ("月火水木金", "MO,TU,WE,TH,FR"),
        ("月・水・金", "MO,WE,FR"),
        ("月～金", "MO,TU,WE,TH,FR"),
        ("月〜金", "MO,TU,WE,TH,FR"),
        ("土日祝", "SA,SU"),
        ("平日", "MO,TU,WE,TH,FR"),
        ("毎日", "MO,TU,WE,TH,FR,SA,SU"),
        ("月曜日、水曜日", "MO,WE"),
        ("木", "TH"),
        ("", ""),
    ],
)
def test_days_become_hsds_byday(text, byday):
    assert n.parse_days(text) == byday


def test_day_text_that_is_not_a_list_is_kept_for_the_description():
    assert n.parse_days("第2・4金曜日") is None
    assert n.parse_days("年中無休") is None


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("7:00", dt.time(7, 0)),
        ("07:30", dt.time(7, 30)),
        ("１７時３０分", dt.time(17, 30)),
        ("17：30", dt.time(17, 30)),
        ("9時半", dt.time(9, 30)),
        ("17:30:00", dt.time(17, 30)),
        ("24:00", dt.time(23, 59, 59)),
        ("非公開", None),
        ("", None),
    ],
)
def test_times(text, time):
    assert n.parse_time(text) == time


@pytest.mark.parametrize("text", ["25:00", "7:75", "夕方"])
def test_impossible_times_are_errors(text):
    with pytest.raises(ValueError, match="時刻"):
        n.parse_time(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2025/1/1", dt.date(2025, 1, 1)),
        ("2025-01-01", dt.date(2025, 1, 1)),
        ("20250101", dt.date(2025, 1, 1)),
        ("2025年1月1日", dt.date(2025, 1, 1)),
        ("令和7年1月1日", dt.date(2025, 1, 1)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("R7.1.1", dt.date(2025, 1, 1)),
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        ("昭32. 7. 1", dt.date(1957, 7, 1)),
        ("", None),
    ],
)
def test_dates(text, date):
    assert n.parse_date(text) == date


@pytest.mark.parametrize("text", ["2025/2/30", "令和7年13月1日", "2025/13/01", "いつか"])
def test_impossible_dates_are_errors(text):
    with pytest.raises(ValueError, match="日付"):
        n.parse_date(text)


@given(st.dates(min_value=dt.date(1989, 1, 8), max_value=dt.date(2099, 12, 31)))
def test_every_era_date_reads_back(day):
    era, base = ("令和", 2019) if day >= dt.date(2019, 5, 1) else ("平成", 1989)
    text = f"{era}{day.year - base + 1}年{day.month}月{day.day}日"
    assert n.parse_date(text) == day
    assert n.parse_date(day.strftime("%Y/%m/%d")) == day


def test_multi_value_separators():
    assert n.split_multi("内科;小児科；皮膚科、眼科,歯科") == [
        "内科",
        "小児科",
        "皮膚科",
        "眼科",
        "歯科",
    ]
    assert n.split_multi("") == []


def test_municipality_codes():
    assert n.municipality_code("132098") == "132098"
    assert n.municipality_code("13209") == "132098"  # lost check digit
    assert n.municipality_code("１３２０９８  ") == "132098"
    assert n.municipality_code("") == ""
    with pytest.raises(ValueError, match="チェックディジット"):
        n.municipality_code("132099")


@given(st.integers(min_value=1000, max_value=99999))
def test_a_five_digit_code_gets_the_check_digit_it_would_have(number):
    code5 = f"{number:05d}"
    assert n.municipality_code(code5) == code5 + check_digit(code5)


def test_phone_numbers():
    assert n.normalise_phone("(042)735-3000") == "042-735-3000"
    assert n.normalise_phone("042(735)3000") == "042-735-3000"
    assert n.normalise_phone("０４２－７３５－３０００") == "042-735-3000"
    assert n.find_phones("相談専用ダイヤル\n0800-800-0413") == ["0800-800-0413"]
    with pytest.raises(ValueError, match="電話番号"):
        n.normalise_phone("なし")


def test_postal_codes():
    assert n.postal_code("1738501") == "173-8501"
    assert n.postal_code("〒744-0074") == "744-0074"


def test_coordinates():
    assert n.coordinates("35.57641", "139.46245") == (35.57641, 139.46245)
    assert n.coordinates("", "") is None


@pytest.mark.parametrize(
    ("lat", "lon", "column", "reason"),
    [
        ("北緯35度", "139.4", "緯度", "数値ではありません"),
        ("35.5", "", "経度", "片方"),
        ("139.46245", "35.57641", "緯度", "入れ替わって"),
        ("95", "139.4", "緯度", "範囲"),
        ("35.5", "200", "経度", "範囲"),
        ("51.5", "-0.12", "緯度", "日本の範囲外"),
    ],
)
def test_invalid_coordinates_name_the_column(lat, lon, column, reason):
    with pytest.raises(n.CoordinateError, match=reason) as info:
        n.coordinates(lat, lon)
    assert info.value.column == column


NAMES = {"東京都": ["町田市", "板橋区"], "長野県": ["富士見町"], "北海道": ["札幌市", "旭川市"]}


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("東京都町田市金井6-15-1", "", ("東京都", "町田市", "金井6-15-1")),
        ("長野県諏訪郡富士見町立沢1-1322", "", ("長野県", "諏訪郡富士見町", "立沢1-1322")),
        (
            "札幌市中央区北１１条西１３丁目１番１号",
            "北海道",
            ("北海道", "札幌市中央区", "北11条西13丁目1番1号"),
        ),
        ("金井6-15-1", "東京都", ("東京都", "", "金井6-15-1")),
    ],
)
def test_addresses_split_into_prefecture_city_and_the_rest(text, default, expected):
    address = split_address(text, NAMES, default_prefecture=default)
    assert (address.state_province, address.city, address.address_1) == expected
