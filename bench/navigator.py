"""The navigator's advise(): p50/p95 per answer, and how much of it is search() (prints,
asserts nothing). Target at 500,000 services: p95 ≤ 100 ms (issue #3).

    python bench/navigator.py [--services 20000] [--runs 30]

Builds a fresh SQLite database with the national lines and ``--services`` synthetic
services (half 介護 in 下松市, half 子ども食堂 in 町田市, bench/generate.py), then calls
advise() with typical answers, record=False. The time outside search() is the
navigator's own overhead; search() is the engine behind tsunagari.search.query."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

from generate import generate

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    data_dir = OUT / "navigator"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    os.environ.update(TSUNAGARI_DATA_DIR=str(data_dir), TSUNAGARI_SECRET_KEY="benchmark-only")
    os.environ.pop("TSUNAGARI_DEBUG", None)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tsunagari.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from tsunagari.directory.importers import import_file
    from tsunagari.directory.national_lines import national_lines_load
    from tsunagari.directory.reference import municipalities_load, taxonomy_seed
    from tsunagari.navigator import candidates
    from tsunagari.navigator.advice import Answers, advise
    from tsunagari.search.opening import JST

    call_command("migrate", verbosity=0)
    municipalities_load()
    taxonomy_seed()
    national_lines_load()
    half = args.services // 2
    for layout in ("kaigo", "kodomo"):
        import_file(generate(layout, half, OUT / f"{layout}-{half}.csv"))

    in_search: list[float] = []
    real_search = candidates.search

    def timed_search(query):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return real_search(query)
        finally:
            in_search.append(time.perf_counter() - started)

    candidates.search = timed_search
    answers = [
        Answers(text="夜眠れなくて誰とも話せない", where="352071"),
        Answers(topics=("need.elderly",), where="下松市", when=("now",)),
        Answers(text="子育てがしんどい", where="132098", help=("place",)),
        Answers(text="さみしい", avoid_local=True, where="352071"),
        Answers(text="もう死にたい"),
    ]
    at = dt.datetime(2026, 11, 25, 20, 0, tzinfo=JST)
    for a in answers:  # warm caches
        advise(a, at=at, record=False)
    totals: list[float] = []
    own: list[float] = []
    for _ in range(args.runs):
        for a in answers:
            in_search.clear()
            started = time.perf_counter()
            advise(a, at=at, record=False)
            total = time.perf_counter() - started
            totals.append(total * 1000)
            own.append((total - sum(in_search)) * 1000)
    print(
        f"navigator advise(), {args.services:,} services, {len(totals)} calls: "
        f"p50 {statistics.median(totals):.1f} ms, p95 {p95(totals):.1f} ms; "
        f"outside search(): p50 {statistics.median(own):.1f} ms, p95 {p95(own):.1f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
