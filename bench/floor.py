"""What the database alone costs an import (issue #2): prints figures, asserts nothing.

    cd bench && ../.venv/bin/python floor.py                 # kaigo and iryo, 50,000 rows
    cd bench && ../.venv/bin/python floor.py --layout kodomo --rows 20000

An import of a generated file runs once as ``run.py`` runs it, with every INSERT,
UPDATE and DELETE it sends to SQLite recorded (statement and parameters). The record is
then replayed into a fresh copy of the same database by a plain ``sqlite3`` connection,
with the import's settings (WAL, ``synchronous=NORMAL``, foreign keys, a 256 MiB page
cache) and nothing else: no reading of the file, no Python work per row beyond the
driver's binding. That replay is the floor of a first import on this machine: however
fast the rest became, the import could not take less. The replay's reads (lookups
before writing) are left out, so the floor is, if anything, too low.

The replay runs again with less stored, to show what storing less would buy:

* ``without rule-inferred rows``: no attribute row for a term that rules infer from
  schedules and phones (``channel.phone``, ``channel.in_person``, ``attr.holiday``);
* ``and FTS without its own copy``: the full-text table keeps no copy of the text
  (``content=''``);
* ``and a rollback journal``: the transaction is not written twice (WAL, then the
  checkpoint), as it can be when no other connection has the database open.

And once more with everything stored, but the secondary indexes (all but the unique
ones) dropped before the load and built at its end, as bulk loads often do: ids are
random UUIDs, so each index entry written row by row lands at a random place."""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from generate import generate
from run import OUT, PYTHON, ROOT, env_for, fresh_database

# The import's own settings (tsunagari/settings.py and core.bulk.large_write_cache).
PRAGMAS = ("synchronous=NORMAL", "foreign_keys=ON", "cache_size=-262144")
LEAN_STEPS = (
    "without rule-inferred rows",
    "and FTS without its own copy",
    "and a rollback journal",
)
WRITES = ("INSERT", "UPDATE", "DELETE")


def capture(csv_path: str, log_path: str) -> None:
    """In the import's process: run it, recording every write it sends to SQLite."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagari.settings")
    import django
    from django.core.management import call_command
    from django.db.backends.sqlite3 import base

    django.setup()
    log: list[tuple[str, str, object]] = []
    for method in ("execute", "executemany"):
        original = getattr(base.SQLiteCursorWrapper, method)

        def recording(self, sql, params=None, _original=original, _method=method):  # type: ignore[no-untyped-def]
            if sql.lstrip().upper().startswith(WRITES):
                log.append((_method, sql, list(params) if _method == "executemany" else params))
            return _original(self, sql) if params is None else _original(self, sql, params)

        setattr(base.SQLiteCursorWrapper, method, recording)
    started = time.perf_counter()
    call_command("import", csv_path, verbosity=0)
    print(f"{time.perf_counter() - started:.3f}")
    with open(log_path, "wb") as f:
        pickle.dump(log, f, protocol=pickle.HIGHEST_PROTOCOL)


def replay(
    database: Path, log: list[tuple[str, str, object]], lean: int, *, indexes_after: bool = False
) -> tuple[float, int]:
    """Seconds (wall) to run ``log`` in one transaction, and the rows written; ``lean``
    is how many of ``LEAN_STEPS`` apply."""
    connection = sqlite3.connect(database, isolation_level=None)
    journal = "DELETE" if lean >= 3 else "WAL"
    for pragma in (f"journal_mode={journal}", *PRAGMAS):
        connection.execute(f"PRAGMA {pragma}")
    if lean >= 2:
        connection.execute("DROP TABLE search_fts")
        connection.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(name, body, filters, "
            "tokenize = \"ascii tokenchars '._-'\", detail = 'full', content = '')"
        )
    rows = 0
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    later = _drop_secondary_indexes(connection) if indexes_after else []
    for method, sql, params in log:
        statement = sql.replace("%s", "?")
        if method == "executemany":
            batch = list(params)  # type: ignore[call-overload]
            if lean >= 1 and "directory_attribute" in sql:
                batch = [row for row in batch if not _rule_inferred(row)]
            rows += len(batch)
            connection.executemany(statement, batch)
        elif params is None:
            connection.execute(statement)
        else:
            connection.execute(statement, params)  # type: ignore[arg-type]
    for sql in later:
        connection.execute(sql)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return seconds, rows


def _drop_secondary_indexes(connection: sqlite3.Connection) -> list[str]:
    """Drops every index that is not a constraint; returns the SQL that makes them."""
    found = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    later = []
    for name, sql in found:
        if not sql.upper().startswith("CREATE UNIQUE"):
            connection.execute(f'DROP INDEX "{name}"')
            later.append(sql)
    return later


def _rule_inferred(row: list[object]) -> bool:
    """An attribute row that a rule inferred from schedules or phones (label
    ``inferred: <rule>_fact``, directory/inference)."""
    return any(
        isinstance(v, str) and v.startswith("inferred: ") and v.endswith("_fact") for v in row
    )


def floor(layout: str, rows: int, repeat: int) -> None:
    csv_path = generate(layout, rows, OUT / f"{layout}-{rows}.csv")
    data_dir = fresh_database(f"floor-{layout}")
    empty = OUT / f"floor-{layout}-empty.sqlite3"
    shutil.copyfile(data_dir / "tsunagari.sqlite3", empty)
    log_path = OUT / f"floor-{layout}.pickle"
    result = subprocess.run(
        [PYTHON, __file__, "--capture", str(csv_path), str(log_path)],
        env=env_for(data_dir),
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT / "bench",
    )
    if result.returncode != 0:
        sys.exit(f"the import failed:\n{result.stdout}\n{result.stderr}")
    imported = float(result.stdout.strip().splitlines()[-1])
    with log_path.open("rb") as f:
        log = pickle.load(f)
    print(
        f"{layout} {rows:,} rows: import {imported:.1f} s ({rows / imported:,.0f} rows/s; "
        "its writes recorded, which slows it a little)"
    )
    # Rounds of every variant in turn, so that a slow minute of a shared machine
    # weighs on all of them alike; the median of each is printed, with the range.
    variants = [(lean, False) for lean in range(len(LEAN_STEPS) + 1)] + [(0, True)]
    times: dict[tuple[int, bool], list[float]] = {variant: [] for variant in variants}
    written: dict[tuple[int, bool], int] = {}
    for _round in range(repeat):
        for lean, after in variants:
            database = OUT / f"floor-{layout}-replay.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(empty, database)
            seconds, written[(lean, after)] = replay(database, log, lean, indexes_after=after)
            times[(lean, after)].append(seconds)
    for (lean, after), seconds in times.items():
        if after:
            label = "all of it, indexes built after"
        else:
            label = "the import's writes alone" if lean == 0 else "  " + LEAN_STEPS[lean - 1]
        median = statistics.median(seconds)
        print(
            f"  {label:34s} {median:5.1f} s ({min(seconds):.1f}-{max(seconds):.1f}) for "
            f"{written[(lean, after)]:,} rows: at most {rows / median:,.0f} rows/s"
        )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--capture":
        capture(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--layout", action="append", help="kaigo, kosodate, iryo, kokyo, kodomo")
    parser.add_argument("--repeat", type=int, default=3, help="replays of each variant")
    args = parser.parse_args()
    for layout in args.layout or ["kaigo", "iryo"]:
        floor(layout, args.rows, args.repeat)


if __name__ == "__main__":
    main()
