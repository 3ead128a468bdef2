"""HSDS export and import at national scale: peak memory and time.

    python bench/hsds_scale.py --services 500000 [--work /tmp/hsds-bench]

Builds a synthetic directory of N services in a fresh SQLite database (each with a
location, address, service-at-location, phone, schedule and two taxonomy terms; one
organization per 50 services), exports it as HSDS, imports ``services.json`` and the
tabular package each into an empty database, exports again, and prints wall time and
peak memory (max RSS) of every step, each measured in its own process. It also checks
that the re-exports are byte-identical to the first export."""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["TSUNAGARI_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("TSUNAGARI_DEBUG", "1")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tsunagari.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def child(step: str, data_dir: Path, target: Path, services: int) -> None:
    """Run one step in this process and print its figures as JSON."""
    setup_django(data_dir)
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # no query log
    started = time.perf_counter()
    if step == "prepare":
        call_command("migrate", verbosity=0)
        call_command("load_reference", verbosity=0)
        if services:
            generate(services)
    elif step == "export":
        from tsunagari.directory.exporters.hsds import export_hsds

        export_hsds(target)
    elif step == "import":
        from tsunagari.directory.importers import import_file

        import_file(target)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"step": step, "seconds": round(seconds, 1), "peak_mib": peak_kib // 1024}))


def generate(n: int) -> None:
    """Bulk-insert a synthetic directory (benchmark setup, so no audit trail)."""
    from django.db import transaction

    from tsunagari.directory import models as m
    from tsunagari.directory.ids import stable_id, term_id

    codes = ["need.talk", "need.childcare", "need.elderly", "type.ibasho", "attr.free"]
    now = dt.datetime(2025, 4, 1, tzinfo=dt.UTC)
    batch = 5000
    with transaction.atomic():
        for start in range(0, n, batch):
            stop = min(n, start + batch)
            orgs = [
                m.Organization(id=stable_id("bench-org", i), name=f"団体{i}", description="")
                for i in range(start // 50, (stop + 49) // 50)
                if i * 50 >= start
            ]
            m.Organization.objects.bulk_create(orgs)
            rows: dict[type, list] = {
                k: []
                for k in (
                    m.Service,
                    m.Location,
                    m.Address,
                    m.ServiceAtLocation,
                    m.Phone,
                    m.Schedule,
                    m.Attribute,
                )
            }
            for i in range(start, stop):
                sid, lid = stable_id("bench-svc", i), stable_id("bench-loc", i)
                rows[m.Service].append(
                    m.Service(
                        id=sid,
                        organization_id=stable_id("bench-org", i // 50),
                        name=f"サロン{i}",
                        name_kana=f"サロン{i}",
                        description="だれでも来られる場所です。",
                        status="active",
                        municipality_id="132098",
                        last_modified=now,
                    )
                )
                rows[m.Location].append(
                    m.Location(id=lid, name=f"公民館{i}", latitude=35.5 + i * 1e-6, longitude=139.4)
                )
                rows[m.Address].append(
                    m.Address(
                        id=stable_id("bench-addr", i),
                        location_id=lid,
                        address_1=f"原町田{i}",
                        city="町田市",
                        state_province="東京都",
                        postal_code="194-0013",
                    )
                )
                rows[m.ServiceAtLocation].append(
                    m.ServiceAtLocation(
                        id=stable_id("bench-sal", i), service_id=sid, location_id=lid
                    )
                )
                rows[m.Phone].append(
                    m.Phone(id=stable_id("bench-phone", i), service_id=sid, number="042-000-0000")
                )
                rows[m.Schedule].append(
                    m.Schedule(
                        id=stable_id("bench-sched", i),
                        service_id=sid,
                        freq="WEEKLY",
                        byday="MO,WE",
                        opens_at=dt.time(17),
                        closes_at=dt.time(19),
                    )
                )
                for code in (codes[i % 3], codes[3 + i % 2]):
                    rows[m.Attribute].append(
                        m.Attribute(
                            id=stable_id("bench-attr", i, code),
                            link_id=sid,
                            link_entity="service",
                            taxonomy_term_id=term_id(code),
                        )
                    )
            for model, objs in rows.items():
                model.objects.bulk_create(objs, batch_size=1000)


def run(step: str, data_dir: Path, target: Path, services: int = 0) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            step,
            "--data",
            str(data_dir),
            "--target",
            str(target),
            "--services",
            str(services),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    what = data_dir.name if step == "prepare" else target.name
    print(
        f"{step:8} {what:18} {figures['seconds']:8.1f} s  peak {figures['peak_mib']} MiB",
        flush=True,
    )
    return figures


def same_files(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    _match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    if mismatch or errors:
        print("differ:", mismatch, errors)
    return not mismatch and not errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/tsunagari-hsds-bench"))
    parser.add_argument("--export-only", action="store_true", help="skip the imports")
    parser.add_argument("--child")
    parser.add_argument("--data", type=Path)
    parser.add_argument("--target", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.target, args.services)
        return
    work: Path = args.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print(f"HSDS scale benchmark: {args.services} services (SQLite)")
    source, first = work / "source", work / "export-1"
    run("prepare", source, work, args.services)
    run("export", source, first)
    print(f"services.json {((first / 'services.json').stat().st_size) >> 20} MiB")
    if args.export_only:
        return
    for name, entry in (("json", first / "services.json"), ("tabular", first)):
        db, again = work / f"db-{name}", work / f"export-{name}"
        run("prepare", db, work)
        run("import", db, entry)
        run("export", db, again)
        # The JSON path carries only the taxonomy terms in use; the seeded taxonomy of a
        # fresh deployment supplies the rest, so every file must match.
        print(f"round trip via {name}: byte-identical = {same_files(first, again)}")


if __name__ == "__main__":
    main()
