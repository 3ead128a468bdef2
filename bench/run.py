"""Import and export benchmarks (issue #2): prints the figures, asserts nothing.

    make bench                      # 50,000-row speed runs + the 500,000-service run
    python bench/run.py --quick     # 20,000-row speed runs only

Each run uses a fresh SQLite database in bench/out/, production settings (no DEBUG),
and a separate process so that peak memory is the command's own. Rows per CPU second are
printed beside rows per wall second: on a shared machine the CPU figure varies less. A
large import uses child processes when a core is free (directory/forked.py: two read the
file, every other batch each, and derive and prepare what the main process inserts), so
its wall time depends on the machine's load: CPU seconds count all processes, and the
main process's alone, which bounds the wall time on an idle machine, is printed too."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from generate import generate

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable


def env_for(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"TSUNAGARI_DEBUG", "DATABASE_URL"}}
    env.update(
        TSUNAGARI_DATA_DIR=str(data_dir),
        TSUNAGARI_SECRET_KEY="benchmark-only",
        TSUNAGARI_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT / "src"),
    )
    return env


def tsunagari(data_dir: Path, *args: str) -> dict[str, float]:
    """Run a command under bench/measure.py; returns its seconds and peak MiB."""
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "measure.py"), *args],
        env=env_for(data_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"tsunagari {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def fresh_database(name: str) -> Path:
    data_dir = OUT / name
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    tsunagari(data_dir, "migrate", "--verbosity", "0")
    tsunagari(data_dir, "load_reference")
    return data_dir


def speed(layout: str, rows: int) -> None:
    csv_path = generate(layout, rows, OUT / f"{layout}-{rows}.csv")
    data_dir = fresh_database(f"speed-{layout}")
    first = tsunagari(data_dir, "import", str(csv_path))
    again = tsunagari(data_dir, "import", str(csv_path))
    print(
        f"import {layout:9s} {rows:>7,} rows: first {rows / first['seconds']:>7,.0f} rows/s "
        f"({first['seconds']:.1f} s, peak {first['peak_mib']:.0f} MiB, "
        f"child {first['child_peak_mib']:.0f} MiB); "
        f"re-import unchanged {rows / again['seconds']:>7,.0f} rows/s "
        f"[per CPU second: {rows / first['cpu_seconds']:,.0f} / "
        f"{rows / again['cpu_seconds']:,.0f}; "
        f"main process only: {rows / first['main_cpu_seconds']:,.0f} / "
        f"{rows / again['main_cpu_seconds']:,.0f}]"
    )


def large(rows: int) -> None:
    csv_path = generate("kaigo", rows, OUT / f"kaigo-{rows}.csv")
    data_dir = fresh_database("large")
    imported = tsunagari(data_dir, "import", str(csv_path))
    export_dir = OUT / "large-export"
    shutil.rmtree(export_dir, ignore_errors=True)
    exported = tsunagari(data_dir, "export", "hsds", str(export_dir))
    stats = subprocess.run(
        [PYTHON, "-m", "tsunagari", "stats", "--json"],
        env=env_for(data_dir),
        capture_output=True,
        text=True,
        check=True,
    )
    size_mib = sum(p.stat().st_size for p in export_dir.iterdir()) / 2**20
    print(
        f"{rows:,} services: import {imported['seconds']:.0f} s "
        f"({rows / imported['seconds']:,.0f} rows/s, peak {imported['peak_mib']:.0f} MiB, "
        f"child {imported['child_peak_mib']:.0f} MiB); "
        f"export hsds {exported['seconds']:.0f} s (peak {exported['peak_mib']:.0f} MiB, "
        f"{size_mib:,.0f} MiB written); stats {stats.stdout.strip()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="speed runs only, 20,000 rows")
    parser.add_argument("--rows", type=int, default=50_000, help="rows for the speed runs")
    parser.add_argument(
        "--large", type=int, default=500_000, help="services for the big run (0: skip it)"
    )
    args = parser.parse_args()
    rows = 20_000 if args.quick else args.rows
    for layout in ("kaigo", "kosodate", "iryo", "kokyo", "kodomo"):
        speed(layout, rows)
    if not args.quick and args.large:
        large(args.large)


if __name__ == "__main__":
    main()
