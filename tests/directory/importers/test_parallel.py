"""A large import with child processes (importers/parallel.py reads the file,
directory/refresh.py builds inferred terms and documents) stores exactly what the same
import does in-process, and bad input still names file, row and column and writes
nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.db import transaction

from tsunagari.audit.models import AuditEvent
from tsunagari.directory import forked, refresh
from tsunagari.directory import models as m
from tsunagari.directory.importers import ImportProblem, import_file, parallel
from tsunagari.search.models import SearchDocument

from .conftest import KUDAMATSU_CARE, MACHIDA, counts

pytestmark = pytest.mark.usefixtures("directory")


@pytest.fixture
def child_reads_every_file(monkeypatch: pytest.MonkeyPatch):
    """Children for the smallest file: two read it (every other batch each), one
    rebuilds the terms and documents of changed services, each in several messages."""
    monkeypatch.setattr(forked, "available", lambda: True)  # however busy the machine
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "BATCH", 4)
    monkeypatch.setattr(refresh, "PARALLEL_MIN_SERVICES", 0)
    monkeypatch.setattr(refresh, "BATCH", 7)
    started = []
    original = forked.start
    monkeypatch.setattr(forked, "start", lambda *args: started.append(args[0]) or original(*args))
    yield started


def snapshot() -> dict[str, object]:
    services = m.Service.objects.order_by("id")
    return {
        **counts(),
        "services": list(services.values_list("id", "name", "description", "municipality_id")),
        "phones": sorted(m.Phone.objects.values_list("id", "number")),
        "terms": sorted(m.Attribute.objects.values_list("link_id", "taxonomy_term__code", "label")),
        "documents": sorted(SearchDocument.objects.values_list("service_id", "name", "tags")),
        # Events with their values, but for the time and the data source's new id.
        "audit": sorted(
            (action, object_type, object_id, _stable(new))
            for action, object_type, object_id, new in AuditEvent.objects.exclude(
                action="directory.import"
            ).values_list("action", "object_type", "object_id", "new_values")
        ),
    }


VOLATILE = {"imported_at", "last_modified", "source_id"}


def _stable(values: object) -> str:
    """Values as comparable text, without what differs between two runs."""
    if isinstance(values, dict):
        return repr(sorted((k, _stable(v)) for k, v in values.items() if k not in VOLATILE))
    if isinstance(values, list):
        return repr([_stable(v) for v in values])
    return repr(values)


@pytest.mark.parametrize("path", [KUDAMATSU_CARE, MACHIDA], ids=["standard", "kodomo"])
def test_a_child_process_reads_the_same_directory(path, child_reads_every_file):
    with transaction.atomic():
        import_file(path)  # in-process
        in_process = snapshot()
        transaction.set_rollback(True)
    result = import_file(path, parallel=True)
    # Terms and documents of new services come with the graphs (directory/derive.py).
    assert child_reads_every_file == [parallel._child] * parallel.READERS
    assert result.records > 7
    assert snapshot() == in_process


def test_a_child_process_refreshes_changed_services_the_same(
    tmp_path: Path, child_reads_every_file
):
    import_file(KUDAMATSU_CARE)
    with KUDAMATSU_CARE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    remarks = rows[0].index("備考")
    for row in rows[1:]:
        row[remarks] = "土日も電話で相談できます"
    changed = tmp_path / KUDAMATSU_CARE.name
    with changed.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    with transaction.atomic():
        import_file(changed)  # in-process
        in_process = snapshot()
        transaction.set_rollback(True)
    child_reads_every_file.clear()
    import_file(changed, parallel=True)
    assert child_reads_every_file == [parallel._child] * parallel.READERS + [refresh._worker]
    assert snapshot() == in_process


def test_bad_input_read_in_a_child_names_the_cell_and_writes_nothing(
    tmp_path: Path, child_reads_every_file
):
    with KUDAMATSU_CARE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    latitude = rows[0].index("緯度")
    rows[30][latitude] = "北緯34度"  # row 31 as a spreadsheet counts, after 7 messages
    bad = tmp_path / "352071_care_bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    before = counts()
    with pytest.raises(ImportProblem) as caught:
        import_file(bad, parallel=True)
    assert child_reads_every_file == [parallel._child] * parallel.READERS
    assert (caught.value.file, caught.value.row, caught.value.column) == (bad.name, 31, "緯度")
    assert counts() == before


def test_idle_cores_come_from_the_time_the_cores_spent_idle(monkeypatch):
    """An import right after heavy work still gets its children once the cores are
    free: what counts is the idle time of the moment, not the last minute's load."""
    monkeypatch.setattr(forked.os, "cpu_count", lambda: 2)
    # user nice system idle iowait irq softirq: 150 of 200 ticks idle → 1.5 cores.
    readings = iter([[100, 0, 50, 1000, 10, 0, 0], [140, 0, 60, 1140, 20, 0, 0]])
    assert forked.idle_cores(lambda: next(readings), seconds=0) == pytest.approx(1.5)
    monkeypatch.setattr(forked.os, "getloadavg", lambda: (9.0, 9.0, 9.0))  # just busy
    monkeypatch.setattr(forked, "idle_cores", lambda: 1.5)
    assert forked.available()
    monkeypatch.setattr(forked, "idle_cores", lambda: 0.2)  # both cores busy now
    assert not forked.available()


def test_batches_after_new_ones_that_meet_stored_rows_are_read_again(
    tmp_path: Path, child_reads_every_file
):
    """A file whose later rows were imported before (it grew at the front): its first
    batches go in as the children prepared them, the others are read again here."""
    with KUDAMATSU_CARE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    later = tmp_path / KUDAMATSU_CARE.name
    with later.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0], *rows[len(rows) // 2 :]])
    import_file(later)
    with transaction.atomic():
        import_file(KUDAMATSU_CARE)  # in-process
        in_process = snapshot()
        transaction.set_rollback(True)
    result = import_file(KUDAMATSU_CARE, parallel=True)
    assert result.stats[("service", "created")] == len(rows) // 2 - 1
    assert snapshot() == in_process


def test_places_left_by_deleted_services_are_found_before_inserting(child_reads_every_file):
    """Services deleted by hand with their terms leave their places (places may be
    shared); importing the file again updates those places instead of failing on
    their ids."""
    import_file(KUDAMATSU_CARE)
    places = counts()["locations"]
    m.Attribute.objects.filter(link_entity="service").delete()
    m.Service.objects.all().delete()
    with transaction.atomic():
        import_file(KUDAMATSU_CARE)  # in-process
        in_process = snapshot()
        transaction.set_rollback(True)
    result = import_file(KUDAMATSU_CARE, parallel=True)
    assert result.stats[("service", "created")] == len(in_process["services"])
    assert result.stats[("location", "created")] == 0
    assert counts()["locations"] == places
    assert snapshot() == in_process
