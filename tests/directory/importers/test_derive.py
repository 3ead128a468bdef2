"""Inferred terms and search documents derived from the graphs as a file is read
(directory/derive.py) are exactly what rebuilding them from the stored directory gives:
residents find the same services with the same tags, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.db import connection

from tsunagari.directory import forked, refresh, services
from tsunagari.directory import models as m
from tsunagari.directory.importers import import_file, parallel
from tsunagari.search.models import SearchDocument

from .conftest import FIXTURES, KUDAMATSU_CARE, KUDAMATSU_PRESCHOOL, MACHIDA, YUZAWA

pytestmark = pytest.mark.usefixtures("directory")

OWN_PARTS_FILES = [
    KUDAMATSU_CARE,
    KUDAMATSU_PRESCHOOL,
    MACHIDA,
    YUZAWA,
    *sorted(FIXTURES.glob("*.csv")),
]


@pytest.fixture
def refreshed(monkeypatch: pytest.MonkeyPatch) -> list[set]:
    """The services each write hands to the refresh from the database."""
    calls: list[set] = []
    original = services.refresh_derived

    def spy(ids, **kwargs):
        calls.append(set(ids or ()))
        return original(ids, **kwargs)

    monkeypatch.setattr(services, "refresh_derived", spy)
    return calls


def derived_state() -> dict[str, object]:
    """Inferred rows and documents as residents' searches use them (document ids left
    out: a rebuild numbers them anew)."""
    inferred = sorted(
        m.Attribute.objects.filter(inferred=True).values_list(
            "id", "link_id", "taxonomy_term_id", "label", "link_entity"
        )
    )
    columns = [f.attname for f in SearchDocument._meta.concrete_fields if f.attname != "id"]
    documents = sorted(
        SearchDocument.objects.values_list(*[c for c in columns if c != "tokens"]), key=str
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT d.service_id, f.name, f.body, f.filters FROM search_document d "
                "JOIN search_fts f ON f.rowid = d.id"
            )
        else:
            cursor.execute("SELECT service_id, tokens::text FROM search_document")
        text = sorted(cursor.fetchall(), key=str)
    return {"inferred": inferred, "documents": documents, "text": text}


def assert_same_as_a_rebuild() -> None:
    """What is stored now equals what rebuilding every service from the directory
    gives; a failure lists the rows that differ."""
    derived = derived_state()
    refresh.refresh_derived(None)  # every service, from what is stored
    rebuilt = derived_state()
    differ = {
        key: (set(derived[key]) - set(rebuilt[key]), set(rebuilt[key]) - set(derived[key]))
        for key in derived
        if derived[key] != rebuilt[key]
    }
    assert not differ, f"derived, rebuilt: {differ}"


@pytest.mark.parametrize("path", OWN_PARTS_FILES, ids=lambda p: p.name)
def test_a_first_import_derives_what_a_rebuild_gives(path: Path, refreshed):
    result = import_file(path)
    assert result.records > 0
    assert refreshed == [set()], "a first import reads nothing back"
    derived = derived_state()
    assert derived["documents"], "the services can be found"
    assert_same_as_a_rebuild()


def test_a_child_process_derives_the_same(monkeypatch: pytest.MonkeyPatch, refreshed):
    monkeypatch.setattr(forked, "available", lambda: True)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "BATCH", 4)
    import_file(MACHIDA, parallel=True)
    assert refreshed == [set()]
    assert_same_as_a_rebuild()


@pytest.mark.parametrize("batch_size", [1000, 2], ids=["one batch", "batches of two"])
def test_rows_that_disagree_are_refreshed_from_what_is_stored(
    tmp_path: Path, refreshed, monkeypatch: pytest.MonkeyPatch, batch_size: int
):
    """The same place twice with other remarks, and one body (法人番号) under two
    names: the later row wins, and the search shows what was stored last for every
    service, whether the rows meet in one batch of the writer or in two."""
    monkeypatch.setitem(services.DirectoryWriter.__init__.__kwdefaults__, "batch_size", batch_size)
    with KUDAMATSU_CARE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    column = {name: i for i, name in enumerate(rows[0])}
    for i, body in (
        (1, "社会福祉法人さくら会"),
        (2, "社会福祉法人さくら会"),
        (5, "社会福祉法人さくら福祉会"),
    ):
        rows[i][column["法人番号"]] = "7250005001234"
        rows[i][column["法人の名称"]] = body
    again = list(rows[3])
    again[column["備考"]] = "夜間も相談できます"
    rows.append(again)  # the same ID: the same service, other values
    path = tmp_path / "352071_care_twice.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    import_file(path)
    assert refreshed[0], "the services that disagree are read back"
    body = m.Organization.objects.get(corporate_number="7250005001234")
    assert body.name == "社会福祉法人さくら福祉会"
    assert m.Service.objects.filter(description__contains="夜間も相談できます").count() == 1
    assert_same_as_a_rebuild()


def test_a_reimport_with_changes_matches_a_rebuild(tmp_path: Path, refreshed):
    import_file(KUDAMATSU_CARE)
    with KUDAMATSU_CARE.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    remarks = rows[0].index("備考")
    for row in rows[1:6]:
        row[remarks] = "24時間 電話で相談できます"
    changed = tmp_path / KUDAMATSU_CARE.name
    with changed.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    import_file(changed)
    assert len(refreshed[1]) == 5, "only the changed services are read back"
    assert_same_as_a_rebuild()
