"""Inferred meaning at import scale: services per second (prints, asserts nothing).

    python bench/inference.py [--rows 20000] [--layout kodomo]

Generates a file of the layout (bench/generate.py), imports it into a fresh SQLite
database (inference runs inside the import, as always), then times in-process:
``infer_services()`` over every service with nothing to change, and again after the
inferred rows were removed (every row written anew). Target: ≥ 5,000 services/s."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from generate import generate

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--layout", default="kodomo")
    args = parser.parse_args()
    data_dir = OUT / "inference"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    os.environ["TSUNAGARI_DATA_DIR"] = str(data_dir)
    os.environ["TSUNAGARI_SECRET_KEY"] = "benchmark-only"
    os.environ.pop("TSUNAGARI_DEBUG", None)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tsunagari.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from tsunagari.directory.importers import import_file
    from tsunagari.directory.inference import LABEL_PREFIX, infer_services
    from tsunagari.directory.models import Attribute
    from tsunagari.directory.reference import municipalities_load, taxonomy_seed

    call_command("migrate", verbosity=0)
    municipalities_load()
    taxonomy_seed()
    path = generate(args.layout, args.rows, OUT / f"{args.layout}-{args.rows}.csv")
    started = time.perf_counter()
    import_file(path)
    imported = time.perf_counter() - started
    rows = Attribute.objects.filter(label__startswith=LABEL_PREFIX).count()
    with transaction.atomic():
        started, cpu = time.perf_counter(), time.process_time()
        stats = infer_services()
        unchanged, unchanged_cpu = time.perf_counter() - started, time.process_time() - cpu
    Attribute.objects.filter(label__startswith=LABEL_PREFIX).delete()
    with transaction.atomic():
        started, cpu = time.perf_counter(), time.process_time()
        fresh = infer_services()
        anew, anew_cpu = time.perf_counter() - started, time.process_time() - cpu
    n = stats.services
    # CPU seconds as well: on a shared machine wall time says more about the neighbours.
    print(
        f"inference, {n:,} {args.layout} services ({rows:,} inferred rows; import with "
        f"inference {n / imported:,.0f} services/s): nothing to change "
        f"{n / unchanged:,.0f} services/s ({unchanged:.2f} s wall, "
        f"{n / unchanged_cpu:,.0f} per CPU-second); every row new "
        f"{n / anew:,.0f} services/s ({anew:.2f} s wall, {n / anew_cpu:,.0f} per CPU-second, "
        f"{fresh.created:,} rows); load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
