"""The fictional demo town: its code, name and centre, its districts, and the registry the
catalogue modules fill with organizations, places and services.

Everything here is invented. Phone numbers use the area code 000, which does not exist in
Japan; postal codes start with 000, which Japan Post does not use; web and mail addresses
use the reserved ``.example`` domain."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from ..hours import ALL_DAYS, KANJI_BY_DAY, WEEKDAYS, describe_days
from ..reference import check_digit

# Prefecture part 99 does not exist (prefectures are 01–47), so the code can never clash
# with a real municipality.
DEMO_CODE5 = "99001"
DEMO_CODE = DEMO_CODE5 + check_digit(DEMO_CODE5)
DEMO_NAME = "つながり市（架空のまち）"
DEMO_NAME_KANA = "ツナガリシ"
DEMO_CITY = "つながり市"
DEMO_PREFECTURE = "架空県"
DEMO_PREFECTURE_KANA = "カクウケン"
DEMO_LATITUDE = 36.1000
DEMO_LONGITUDE = 139.6000
DEMO_SEED = 20240401
DOMAIN = "tsunagari-city.example"
SAMPLE_NOTE = "※ tsunagari のデモ用に作った架空のデータです。実在の窓口ではありません。"
KM_PER_DEGREE = 111.0


@dataclass(frozen=True)
class District:
    name: str
    kana: str
    east_km: float
    north_km: float
    postal: str


DISTRICTS: tuple[District, ...] = (
    District("本町", "ホンチョウ", 0.0, 0.0, "000-0001"),
    District("駅前", "エキマエ", 0.7, -0.5, "000-0002"),
    District("中央", "チュウオウ", -0.6, 0.4, "000-0003"),
    District("緑が丘", "ミドリガオカ", 1.9, 1.3, "000-0004"),
    District("桜台", "サクラダイ", -1.6, 1.7, "000-0005"),
    District("川辺", "カワベ", 2.3, -1.6, "000-0006"),
    District("若葉", "ワカバ", -2.5, -0.9, "000-0007"),
    District("東町", "ヒガシマチ", 3.0, 0.2, "000-0008"),
    District("西町", "ニシマチ", -3.1, 0.1, "000-0009"),
    District("南台", "ミナミダイ", 0.4, -2.8, "000-0010"),
    District("北野", "キタノ", 0.2, 2.9, "000-0011"),
    District("旭", "アサヒ", -1.3, -2.3, "000-0012"),
)
DISTRICT = {d.name: d for d in DISTRICTS}


@dataclass(frozen=True)
class Hours:
    """When a service runs. ``nth`` > 0 means monthly on the nth weekday of ``days[0]``."""

    days: tuple[str, ...]
    opens: dt.time
    closes: dt.time
    nth: int = 0
    note: str = ""

    @property
    def always(self) -> bool:
        return (self.opens, self.closes) == (dt.time(0, 0), dt.time(23, 59)) and set(
            self.days
        ) == set(ALL_DAYS)

    @property
    def description(self) -> str:
        if self.always:
            return "24時間・年中無休"
        times = f"{_clock(self.opens)}〜{_clock(self.closes)}"
        if self.nth:
            text = f"毎月第{self.nth}{KANJI_BY_DAY[self.days[0]]}曜日 {times}"
        else:
            text = f"{describe_days(self.days)} {times}"
        return f"{text}（{self.note}）" if self.note else text


def hours(
    days: str | tuple[str, ...], opens: str, closes: str, *, nth: int = 0, note: str = ""
) -> Hours:
    """``hours("平日", "8:30", "17:15")``; days as 毎日/平日/土日 or weekday kanji (月水金)."""
    if isinstance(days, str):
        named = {"毎日": ALL_DAYS, "平日": WEEKDAYS, "土日": ("SA", "SU")}
        codes = named.get(days) or tuple(
            code for kanji, code in zip("月火水木金土日", ALL_DAYS, strict=True) if kanji in days
        )
    else:
        codes = days
    return Hours(codes, _time(opens), _time(closes), nth, note)


def always() -> Hours:
    return Hours(ALL_DAYS, dt.time(0, 0), dt.time(23, 59))


@dataclass(frozen=True)
class Cost:
    option: str
    amount: float | None  # None: depends (e.g. 介護保険の自己負担)
    description: str = ""


FREE = Cost("無料", 0.0, "無料です")


@dataclass
class Org:
    key: str
    name: str
    kana: str
    description: str
    legal_status: str = ""
    parent: str | None = None
    website: str = ""


@dataclass
class Place:
    key: str
    name: str
    kana: str
    district: District
    street: str
    building: str
    east_km: float
    north_km: float
    org: str | None
    barrier_free: bool
    transportation: str

    @property
    def latitude(self) -> float:
        return round(DEMO_LATITUDE + self.north_km / KM_PER_DEGREE, 6)

    @property
    def longitude(self) -> float:
        per_degree = KM_PER_DEGREE * math.cos(math.radians(DEMO_LATITUDE))
        return round(DEMO_LONGITUDE + self.east_km / per_degree, 6)


@dataclass
class Spec:
    """One demo service before it becomes HSDS rows."""

    key: str
    name: str
    kana: str
    org: str
    description: str
    terms: tuple[str, ...]
    hours: tuple[Hours, ...] = ()
    place: str | None = None
    eligibility: str = "どなたでも"
    phone: str = ""
    url: str = ""
    email: str = ""
    cost: Cost = FREE
    languages: tuple[tuple[str, str], ...] = ()
    application: str = ""
    min_age: float | None = None
    max_age: float | None = None
    anywhere: bool = False  # usable from outside the town (remote services)


@dataclass
class Town:
    """The registry the catalogue modules fill. ``rng`` is the one seeded source of
    variety: the same code always produces the same town."""

    rng: random.Random = field(default_factory=lambda: random.Random(DEMO_SEED))
    orgs: dict[str, Org] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    specs: list[Spec] = field(default_factory=list)
    _next_phone: int = 100
    _keys: set[str] = field(default_factory=set)

    def org(
        self,
        key: str,
        name: str,
        kana: str,
        description: str,
        *,
        legal_status: str = "",
        parent: str | None = None,
        website: bool = False,
    ) -> str:
        if key not in self.orgs:
            self.orgs[key] = Org(
                key,
                name,
                kana,
                description,
                legal_status,
                parent,
                f"https://{key.replace('_', '-')}.{DOMAIN}/" if website else "",
            )
        return key

    def place(
        self,
        key: str,
        name: str,
        kana: str,
        district: str,
        *,
        org: str | None = None,
        building: str = "",
        barrier_free: bool | None = None,
    ) -> str:
        """A physical place in a district, a few hundred metres from its centre."""
        if key in self.places:
            return key
        d = DISTRICT[district]
        rng = self.rng
        street = f"{rng.randint(1, 4)}丁目{rng.randint(1, 28)}-{rng.randint(1, 20)}"
        walk = rng.randint(3, 15)
        self.places[key] = Place(
            key,
            name,
            kana,
            d,
            street,
            building,
            round(d.east_km + rng.uniform(-0.35, 0.35), 3),
            round(d.north_km + rng.uniform(-0.35, 0.35), 3),
            org,
            rng.random() < 0.6 if barrier_free is None else barrier_free,
            f"つながり市コミュニティバス「{d.name}」下車 徒歩{walk}分",
        )
        return key

    def phone(self) -> str:
        """The next fictional number (area code 000 does not exist)."""
        self._next_phone += 1
        return f"000-555-{self._next_phone:04d}"

    def url(self, key: str) -> str:
        return f"https://{DOMAIN}/{key.replace('_', '-')}/"

    def add(self, spec: Spec) -> None:
        if spec.key in self._keys:
            raise ValueError(f"duplicate demo service key {spec.key}")
        self._keys.add(spec.key)
        self.specs.append(spec)

    def pick(self, options: tuple[Hours, ...] | list[Hours]) -> Hours:
        return self.rng.choice(list(options))


def _clock(t: dt.time) -> str:
    return "24:00" if t == dt.time(23, 59) else f"{t.hour}:{t.minute:02d}"


def _time(text: str) -> dt.time:
    h, m = (int(p) for p in text.split(":"))
    return dt.time(23, 59) if (h, m) == (24, 0) else dt.time(h, m)
