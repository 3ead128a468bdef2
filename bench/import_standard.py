"""Import speed of the standard CSV layouts on SQLite (prints figures; not a test).

    PYTHONPATH=src python bench/import_standard.py [ROWS]

Builds a 介護サービス事業所一覧 file of ROWS rows (default 20,000) from the real 下松市
rows with new IDs, imports it into a fresh SQLite database, then imports it again."""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src/tsunagari/directory/data/opendata/352071_kudamatsu_care_service_subset35.csv"


def main() -> None:
    rows_wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    work = Path(tempfile.mkdtemp(prefix="tsunagari-bench-"))
    os.environ.update(TSUNAGARI_DEBUG="1", TSUNAGARI_DATA_DIR=str(work))
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagari.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from tsunagari.directory.importers import import_file

    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=io.StringIO())

    header, *rows = list(csv.reader(SOURCE.read_text(encoding="utf-8-sig").splitlines()))
    path = work / "352071_care_service_bench.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for i in range(rows_wanted):
            row = list(rows[i % len(rows)])
            row[1] = f"KD{i:010d}"
            writer.writerow(row)
    for label in ("first import", "re-import (unchanged)"):
        start = time.perf_counter()
        result = import_file(path)
        seconds = time.perf_counter() - start
        print(
            f"{label}: {result.records} rows in {seconds:.2f} s = "
            f"{result.records / seconds:,.0f} rows/s"
        )


if __name__ == "__main__":
    main()
