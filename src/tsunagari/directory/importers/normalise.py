"""Pure functions that turn the cells of municipal files into clean values.

Every function takes text as published (full or half width, era dates, ``非公開``...) and
either returns a normal value, ``None``/``""`` for "no value", or raises ``ValueError``
with a reason a person can act on. Callers add the file, row and column.

Files repeat the same cells row after row (days, times, fees, a town's code), so the
parsers of short cells remember their recent answers (``lru_cache``: pure functions of
the text, bounded memory; errors are raised again each time)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

import jaconv

from ..reference import normalise_code

# Entries each cached parser keeps: far more than the distinct values of a column.
CACHED = 4096

# Cells that mean "no value" in time and date columns.
NO_VALUE = frozenset(
    {
        "",
        "-",
        "ー",
        "―",
        "−",
        "非公開",
        "未定",
        "不定",
        "なし",
        "無し",
        "無",
        "不明",
        "随時",
        "要問合せ",
        "要問い合わせ",
        "問合せ",
        "応相談",
    }
)

DAY_CODES = {"月": "MO", "火": "TU", "水": "WE", "木": "TH", "金": "FR", "土": "SA", "日": "SU"}
DAY_ORDER = "月火水木金土日"
# Range marks as they appear after NFKC (～ becomes ~; 〜 and ー stay).
RANGE_MARKS = "~〜ー-−―"
MULTI_SEPARATORS = re.compile(r"[;；、,，]")

ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
ERA_LETTERS = {
    "M": "明治",
    "T": "大正",
    "S": "昭和",
    "H": "平成",
    "R": "令和",
    "明": "明治",
    "大": "大正",
    "昭": "昭和",
    "平": "平成",
    "令": "令和",
}

# Japan, generously: Okinotorishima to Etorofu, Yonaguni to Minamitorishima.
JAPAN_LAT = (20.0, 46.0)
JAPAN_LON = (122.0, 154.0)


def nfkc(text: str | None) -> str:
    """NFKC (full-width letters and digits to half width, half-width kana to full
    width), stripped. ``None`` becomes ``""``."""
    if not text:
        return ""
    return _normalize("NFKC", text).strip()


_normalize = unicodedata.normalize


def katakana(text: str | None) -> str:
    """A reading in full-width katakana (hiragana and half-width kana converted)."""
    return jaconv.hira2kata(nfkc(text))


def split_multi(text: str | None) -> list[str]:
    """Values of a multi-value cell, split by ``;`` ``；`` ``、`` or ``,``."""
    return [part.strip() for part in MULTI_SEPARATORS.split(text or "") if part.strip()]


# -- days -------------------------------------------------------------------------------


@lru_cache(maxsize=CACHED)
def parse_days(text: str | None) -> str | None:
    """HSDS ``byday`` (``MO,TU,WE``) for day lists such as ``月火水木金``, ``月・水・金``,
    ``月～金``, ``土日祝``, ``平日``, ``毎日``, ``月曜日、水曜日``. ``""`` for a blank cell;
    ``None`` when the text is not a plain day list (keep it as a description)."""
    t = nfkc(text)
    if not t:
        return ""
    t = t.replace("曜日", "").replace("曜", "").replace("毎週", "")
    t = t.replace("平日", "月~金").replace("毎日", "月~日").replace("祝日", "").replace("祝", "")
    t = re.sub(r"[\s・、,;/]", "", t)
    if not t:
        return ""
    days: set[str] = set()
    i = 0
    while i < len(t):
        ch = t[i]
        if ch not in DAY_CODES:
            return None
        if i + 2 < len(t) and t[i + 1] in RANGE_MARKS and t[i + 2] in DAY_CODES:
            start, end = DAY_ORDER.index(ch), DAY_ORDER.index(t[i + 2])
            if end < start:
                return None
            days.update(DAY_ORDER[start : end + 1])
            i += 3
            continue
        days.add(ch)
        i += 1
    return ",".join(DAY_CODES[d] for d in DAY_ORDER if d in days)


def mentions_holidays(text: str | None) -> bool:
    return "祝" in (text or "")


# -- times ------------------------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})(?:[:時](\d{1,2})?(?::\d{2})?分?|時半)?$")


@lru_cache(maxsize=CACHED)
def parse_time(text: str | None) -> dt.time | None:
    """A clock time from ``7:00``, ``07:30``, ``１７時３０分``, ``9時半``; ``None`` for a
    blank cell or ``非公開``. ``24:00`` is the end of the day (23:59:59). Raises
    ValueError for impossible times such as ``25:00`` or ``7:75``."""
    t = nfkc(text).rstrip("~〜-")
    if t in NO_VALUE:
        return None
    m = _TIME.match(t.replace(" ", ""))
    if not m:
        raise ValueError(f"時刻として読めません: {text!r}")
    hour = int(m.group(1))
    minute = 30 if t.endswith("時半") else int(m.group(2) or 0)
    if hour == 24 and minute == 0:
        return dt.time(23, 59, 59)
    if hour > 23 or minute > 59:
        raise ValueError(f"ありえない時刻です: {text!r}")
    return dt.time(hour, minute)


# -- dates ------------------------------------------------------------------------------

_WESTERN = re.compile(r"^(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ERA = re.compile(
    r"^(明治|大正|昭和|平成|令和|[MTSHR明大昭平令])\s*(元|\d{1,2})\s*[年./]\s*(\d{1,2})\s*[月./]"
    r"\s*(\d{1,2})\s*日?$"
)


@lru_cache(maxsize=CACHED)
def parse_date(text: str | None) -> dt.date | None:
    """A date from ``2025/1/1``, ``2025-01-01``, ``20250101``, ``2025年1月1日``,
    ``令和7年1月1日``, ``令和元年5月1日``, ``R7.1.1``, ``平成31年4月30日``, ``昭32. 7. 1``;
    ``None`` for a blank cell. Raises ValueError for impossible dates (2025/2/30)."""
    t = nfkc(text)
    if t in NO_VALUE:
        return None
    if m := _WESTERN.match(t) or _COMPACT.match(t):
        year, month, day = (int(g) for g in m.groups())
    elif m := _ERA.match(t.upper() if t[:1].isascii() else t):
        era = ERA_LETTERS.get(m.group(1), m.group(1))
        era_year = 1 if m.group(2) == "元" else int(m.group(2))
        if era_year < 1:
            raise ValueError(f"ありえない日付です: {text!r}")
        year = ERAS[era] + era_year - 1
        month, day = int(m.group(3)), int(m.group(4))
    else:
        raise ValueError(f"日付として読めません: {text!r}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"ありえない日付です: {text!r}") from None


# -- codes, phones, postal codes ------------------------------------------------------------


@lru_cache(maxsize=CACHED)
def municipality_code(text: str | None) -> str:
    """A 6-digit 全国地方公共団体コード with a valid check digit (5 digits get one).
    ``""`` for a blank cell; ValueError when it is not a valid code."""
    t = nfkc(text).replace(" ", "")
    if not t:
        return ""
    code = normalise_code(t)
    if code is None:
        raise ValueError(
            f"全国地方公共団体コードではありません（桁数かチェックディジットの誤り）: {text!r}"
        )
    return code


_PHONE = re.compile(r"\(?0\d{1,4}\)?[\s\-]?\d{1,4}[\s\-]?\d{3,4}|\b\d{2,4}-\d{4}\b")


@lru_cache(maxsize=CACHED)
def normalise_phone(text: str | None) -> str:
    """A phone number with hyphens: ``(042)735-3000`` → ``042-735-3000``,
    ``042(735)3000`` → ``042-735-3000``. ``""`` for a blank cell; ValueError when the
    cell has no phone number in it."""
    t = nfkc(text)
    if not t:
        return ""
    t = re.sub(r"^\((\d+)\)\s*", r"\1-", t)
    t = re.sub(r"\((\d+)\)", r"-\1-", t)
    t = re.sub(r"[\s\-‐ー−―]+", "-", t).strip("-")
    if not re.fullmatch(r"[\d\-]+", t) or sum(c.isdigit() for c in t) < 5:
        raise ValueError(f"電話番号として読めません: {text!r}")
    return t


def find_phones(text: str | None) -> list[str]:
    """Every phone number in a free-text cell (``相談専用ダイヤル 0800-800-0413``)."""
    return [normalise_phone(m.group(0)) for m in _PHONE.finditer(nfkc(text))]


@lru_cache(maxsize=CACHED)
def postal_code(text: str | None) -> str:
    """``1738501`` or ``〒173-8501`` → ``173-8501``; other text is kept as given."""
    t = nfkc(text).lstrip("〒").strip()
    digits = re.sub(r"\D", "", t)
    if len(digits) == 7:
        return f"{digits[:3]}-{digits[3:]}"
    return t[:10]


# -- coordinates ------------------------------------------------------------------------


class CoordinateError(ValueError):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def coordinates(
    lat_text: str | None,
    lon_text: str | None,
    *,
    lat_column: str = "緯度",
    lon_column: str = "経度",
) -> tuple[float, float] | None:
    """(latitude, longitude) in Japan, or None when both cells are blank. Raises
    CoordinateError naming the column for non-numeric, out-of-range, one-sided or
    swapped values."""
    lat_t, lon_t = nfkc(lat_text), nfkc(lon_text)
    if not lat_t and not lon_t:
        return None
    values = []
    for text, column in ((lat_t, lat_column), (lon_t, lon_column)):
        if not text:
            raise CoordinateError(column, "緯度と経度の片方だけが入っています")
        try:
            number = float(text)
        except ValueError:
            raise CoordinateError(column, f"数値ではありません: {text!r}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise CoordinateError(column, f"数値ではありません: {text!r}")
        values.append(number)
    lat, lon = values
    if JAPAN_LAT[0] <= lon <= JAPAN_LAT[1] and JAPAN_LON[0] <= lat <= JAPAN_LON[1]:
        raise CoordinateError(lat_column, f"緯度と経度が入れ替わっているようです: {lat}, {lon}")
    if not -90 <= lat <= 90:
        raise CoordinateError(lat_column, f"緯度の範囲（-90〜90）を超えています: {lat}")
    if not -180 <= lon <= 180:
        raise CoordinateError(lon_column, f"経度の範囲（-180〜180）を超えています: {lon}")
    if not JAPAN_LAT[0] <= lat <= JAPAN_LAT[1]:
        raise CoordinateError(lat_column, f"日本の範囲外の緯度です: {lat}")
    if not JAPAN_LON[0] <= lon <= JAPAN_LON[1]:
        raise CoordinateError(lon_column, f"日本の範囲外の経度です: {lon}")
    return lat, lon
