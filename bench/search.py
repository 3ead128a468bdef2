"""Search benchmark (issue #3): the indexed engine beside the naive ``icontains`` engine.

    python bench/search.py --services 100000 500000 [--queries 200] [--naive-queries 20]
    DATABASE_URL=postgres://... python bench/search.py --services 100000   # PostgreSQL

For each size: a fresh database (SQLite in bench/out/search-N/, or the PostgreSQL
database DATABASE_URL names, emptied first) gets N synthetic services in realistic
Japanese (子ども食堂 in about a third of them, as in the national layout; 相談窓口,
サロン, 介護, 保育 …, spread over every municipality with a point), bulk-loaded, then
indexed with the real indexer (``index_rebuild``). Then the same seeded queries run
through each engine in ``ENGINES`` in-process, and p50/p95 are printed with the ratio.
Nothing is asserted; the figures are for the note.

To add an engine (e.g. over HTTP once the API lands), add a function taking a
``SearchQuery`` to ``ENGINES``."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"

# (name ending, its reading, description, taxonomy codes, share of rows)
KINDS: list[tuple[str, str, str, tuple[str, ...], float]] = [
    (
        "子ども食堂",
        "コドモショクドウ",
        "地域の子どもたちに温かい食事を届けています。保護者の方もどうぞ。",
        ("type.kodomo_shokudo", "need.childcare", "audience.children", "attr.free"),
        0.32,
    ),
    (
        "相談室",
        "ソウダンシツ",
        "暮らしやお金、仕事の悩みをお聞きします。電話でも相談できます。",
        ("type.consultation", "need.money", "channel.phone", "channel.in_person"),
        0.12,
    ),
    (
        "ふれあいサロン",
        "フレアイサロン",
        "高齢者の方が気軽に集える場所です。お茶を飲みながらおしゃべりしましょう。",
        ("type.salon", "need.talk", "audience.seniors", "attr.no_booking"),
        0.12,
    ),
    (
        "居宅介護支援事業所",
        "キョタクカイゴシエンジギョウショ",
        "ケアマネジャーが介護保険のサービス計画を作ります。",
        ("type.care_service", "need.elderly", "audience.seniors"),
        0.12,
    ),
    (
        "保育園",
        "ホイクエン",
        "0歳から5歳までのお子さんをお預かりします。一時保育もあります。",
        ("type.childcare_facility", "need.childcare", "audience.parents"),
        0.1,
    ),
    (
        "地域包括支援センター",
        "チイキホウカツシエンセンター",
        "高齢者の暮らしを支える総合相談窓口です。介護や見守りのご相談をどうぞ。",
        ("type.chiiki_houkatsu", "need.elderly", "channel.phone", "attr.free"),
        0.08,
    ),
    (
        "の居場所",
        "ノイバショ",
        "学校や家に居づらい若者が、ふらっと立ち寄れる場所です。",
        ("type.ibasho", "need.talk", "audience.youth", "attr.no_signboard"),
        0.08,
    ),
    (
        "こころの電話",
        "ココロノデンワ",
        "夜間も匿名でお話を聞きます。ひとりで悩まずにお電話ください。",
        ("type.hotline", "need.mental", "channel.phone", "attr.anonymous", "attr.evening"),
        0.06,
    ),
]
PREFIXES = [
    "ひまわり",
    "さくら",
    "みんなの",
    "まちかど",
    "あおぞら",
    "にこにこ",
    "ふれあい",
    "わいわい",
    "ほっと",
    "こもれび",
    "つばさ",
    "たんぽぽ",
    "かがやき",
    "あさひ",
    "みどり",
    "すまいる",
]
SYLLABLES = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよわ"
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

TEXTS = ["食堂", "子ども食堂", "相談", "サロン", "介護", "保育園", "居場所", "そうだん", "こども"]
TEXTS += ["夜間", "電話", "ひまわり", "高齢者", "見守り"]
FILTERS: list[dict[str, Any]] = [
    {"needs": ("need.talk", "need.childcare")},
    {"needs": ("need.elderly",)},
    {"attributes": ("attr.free",)},
    {"channels": ("channel.phone",)},
    {"audiences": ("audience.children", "audience.youth")},
]


def setup_django(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["TSUNAGARI_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("TSUNAGARI_DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tsunagari.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log


def fresh_database(n: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)


def generate(n: int, seed: int = 7) -> float:
    """Bulk-insert ``n`` services with their parts (no audit trail: benchmark setup).
    Returns the seconds taken."""
    import jaconv
    from django.db import transaction

    from tsunagari.directory import models as m
    from tsunagari.directory.ids import stable_id, term_id

    rng = random.Random(seed)
    places = list(
        m.Municipality.objects.exclude(latitude=None)
        .exclude(name="")
        .values_list("code", "prefecture", "name", "latitude", "longitude")
    )
    weights = [k[4] for k in KINDS]
    started = time.perf_counter()
    batch = 5000
    with transaction.atomic():
        for start in range(0, n, batch):
            stop = min(n, start + batch)
            m.Organization.objects.bulk_create(
                [
                    m.Organization(id=stable_id("bench-org", i), name=f"NPO法人 {i}の会")
                    for i in range(start // 50, (stop + 49) // 50)
                    if i * 50 >= start
                ]
            )
            rows: dict[type, list[Any]] = {
                k: []
                for k in (
                    m.Service,
                    m.Location,
                    m.Address,
                    m.ServiceAtLocation,
                    m.Schedule,
                    m.Attribute,
                )
            }
            for i in range(start, stop):
                kind, kana, description, codes, _ = rng.choices(KINDS, weights)[0]
                if rng.random() < 0.5:
                    prefix = rng.choice(PREFIXES)
                else:
                    prefix = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
                code, prefecture, city, lat, lon = rng.choice(places)
                sid, lid = stable_id("bench-svc", i), stable_id("bench-loc", i)
                rows[m.Service].append(
                    m.Service(
                        id=sid,
                        organization_id=stable_id("bench-org", i // 50),
                        name=f"{prefix}{kind}",
                        name_kana=jaconv.hira2kata(prefix) + kana,
                        description=description,
                        status="active",
                        municipality_id=code,
                    )
                )
                rows[m.Location].append(
                    m.Location(
                        id=lid,
                        name=f"{city}{prefix}会館",
                        latitude=lat + rng.uniform(-0.04, 0.04),
                        longitude=lon + rng.uniform(-0.04, 0.04),
                        municipality_id=code,
                    )
                )
                rows[m.Address].append(
                    m.Address(
                        id=stable_id("bench-addr", i),
                        location_id=lid,
                        address_1=f"本町{i % 9 + 1}-{i % 30 + 1}",
                        city=city,
                        state_province=prefecture,
                        postal_code="1000001",
                    )
                )
                rows[m.ServiceAtLocation].append(
                    m.ServiceAtLocation(
                        id=stable_id("bench-sal", i), service_id=sid, location_id=lid
                    )
                )
                opens = rng.choice([9, 10, 13, 15, 17]) * 60 + rng.choice([0, 30])
                closes = min(opens + rng.choice([60, 120, 240, 480]), 23 * 60 + 30)
                monthly = rng.random() < 0.05
                rows[m.Schedule].append(
                    m.Schedule(
                        id=stable_id("bench-sched", i),
                        service_id=sid,
                        freq="MONTHLY" if monthly else "WEEKLY",
                        byday="2SA"
                        if monthly
                        else ",".join(sorted(rng.sample(DAYS, rng.randint(1, 5)), key=DAYS.index)),
                        opens_at=dt.time(opens // 60, opens % 60),
                        closes_at=dt.time(closes // 60, closes % 60),
                        notes=rng.choice(["", "", "", "祝日休み", "年末年始を除く"]),
                    )
                )
                for code_ in codes:
                    rows[m.Attribute].append(
                        m.Attribute(
                            id=stable_id("bench-attr", i, code_),
                            link_id=sid,
                            link_entity="service",
                            taxonomy_term_id=term_id(code_),
                        )
                    )
            for model, objs in rows.items():
                model.objects.bulk_create(objs, batch_size=1000)
    return time.perf_counter() - started


def queries(count: int, seed: int = 11) -> list[Any]:
    """Text + one filter + 10 km around a municipality (every third also open at a
    weekday evening): the resident's typical search."""
    from tsunagari.directory.models import Municipality
    from tsunagari.search.opening import JST
    from tsunagari.search.query import SearchQuery

    rng = random.Random(seed)
    points = list(Municipality.objects.exclude(latitude=None).values_list("latitude", "longitude"))
    evening = dt.datetime(2026, 11, 24, 18, 0, tzinfo=JST)
    found = []
    for n in range(count):
        found.append(
            SearchQuery(
                text=rng.choice(TEXTS),
                near=rng.choice(points),
                radius_km=10.0,
                open_at=evening if n % 3 == 0 else None,
                **rng.choice(FILTERS),
            )
        )
    return found


def text_only(count: int, seed: int = 13) -> list[Any]:
    """Single common words nationwide: the tail DESIGN.md §5 warns about."""
    from tsunagari.search.query import SearchQuery

    rng = random.Random(seed)
    return [SearchQuery(text=rng.choice(TEXTS)) for _ in range(count)]


def _indexed(query: Any) -> Any:
    from tsunagari.search.query import search

    return search(query)


def _naive(query: Any) -> Any:
    from tsunagari.search.naive import search_naive

    return search_naive(query)


ENGINES: dict[str, Callable[[Any], Any]] = {"indexed": _indexed, "naive": _naive}


def timings(engine: Callable[[Any], Any], batch: list[Any]) -> list[float]:
    found = []
    for query in batch:
        started = time.perf_counter()
        engine(query)
        found.append((time.perf_counter() - started) * 1000)
    return found


def p(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run(n: int, count: int, naive_count: int, *, reuse: bool, http: bool = False) -> None:
    from django.db import connection, transaction

    from tsunagari.directory.models import Service
    from tsunagari.search.index import index_rebuild
    from tsunagari.search.models import SearchDocument

    if reuse and _has_services(n):
        print(f"\n== {n:,} services ({connection.vendor}) — reusing the generated directory")
    else:
        fresh_database(n)
        seconds = generate(n)
        print(f"\n== {n:,} services ({connection.vendor}) — generated in {seconds:.0f} s")
    assert Service.objects.count() >= n  # and the national lines load_reference adds
    if reuse and SearchDocument.objects.count() >= n:
        print("index: reusing the index built by an earlier run")
    else:
        started = time.perf_counter()
        with transaction.atomic():
            indexed = index_rebuild()
        seconds = time.perf_counter() - started
        assert indexed >= n
        print(
            f"index_rebuild: {indexed:,} documents in {seconds:.1f} s ({indexed / seconds:,.0f}/s)"
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
        else:  # fold the write-ahead log into the database file, as a quiet server would
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    for label, batch in (
        ("text + filter + 10 km", queries(count)),
        ("one common word, nationwide", text_only(count)),
    ):
        timings(ENGINES["indexed"], batch[:10])  # warm the caches
        results = {}
        for name, engine in ENGINES.items():
            size = naive_count if name == "naive" else count
            results[name] = timings(engine, batch[:size])
        base = results["indexed"]
        print(f"-- {label}")
        for name, values in results.items():
            print(
                f"   {name:8} n={len(values):4}  p50 {p(values, 50):8.1f} ms"
                f"  p95 {p(values, 95):8.1f} ms"
            )
        if "naive" in results:
            naive = results["naive"]
            print(
                f"   naive / indexed: p50 ×{p(naive, 50) / p(base, 50):.0f}"
                f"  p95 ×{p(naive, 95) / p(base, 95):.0f}"
            )
    if http and connection.vendor == "sqlite":
        from search_http import report

        report(Path(os.environ["TSUNAGARI_DATA_DIR"]), queries(count), show)


def show(label: str, results: dict[str, list[float]]) -> None:
    print(f"-- {label}")
    for name, values in results.items():
        figures = f"p50 {p(values, 50):8.1f} ms  p95 {p(values, 95):8.1f} ms"
        print(f"   {name:8} n={len(values):4}  {figures}")


def _has_services(n: int) -> bool:
    from django.db import DatabaseError

    from tsunagari.directory.models import Service

    try:
        return Service.objects.count() >= n
    except DatabaseError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--naive-queries", type=int, default=20)
    parser.add_argument(
        "--http", action="store_true", help="also time the API, the page and the navigator"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep a directory generated by an earlier run"
    )
    args = parser.parse_args()
    for n in args.services:
        data_dir = OUT / f"search-{n}"
        if not args.reuse and "DATABASE_URL" not in os.environ and data_dir.exists():
            for f in data_dir.iterdir():
                f.unlink()
        setup_django(data_dir)
        run(n, args.queries, args.naive_queries, reuse=args.reuse, http=args.http)
        from django.db import connections

        connections.close_all()
        if len(args.services) > 1:  # one Django per process: run the next size fresh
            os.execv(
                sys.executable,
                [
                    sys.executable,
                    __file__,
                    "--services",
                    *map(str, args.services[1:]),
                    "--queries",
                    str(args.queries),
                    "--naive-queries",
                    str(args.naive_queries),
                    *(["--reuse"] if args.reuse else []),
                    *(["--http"] if args.http else []),
                ],
            )


if __name__ == "__main__":
    main()
