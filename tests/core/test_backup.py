"""``tsunagari backup FILE`` and ``tsunagari restore FILE``: a backup brings back every
row of every table; a file that is not a whole backup of this migration state is
refused with exit status 2 and the database is left as it was.

Round trips run with committed data (``transaction=True``): a backup reads the database
as any other process would."""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client

from tests.directory.hsds_sample import sample_directory
from tests.factories import make_service
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.core.snapshot import backed_up_models
from tsunagari.directory.models import Organization, Service
from tsunagari.search.models import SearchDocument


def every_row() -> dict[str, list[tuple[Any, ...]]]:
    """Every backed-up table's rows in primary-key order, as the ORM reads them."""
    return {
        model._meta.db_table: list(model._base_manager.order_by("pk").values_list())
        for model in backed_up_models()
    }


def index_entries() -> set[tuple[Any, ...]]:
    return set(SearchDocument.objects.values_list("service_id", "name", "tags", "points"))


def backup(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("backup", str(path), *args, stdout=out)
    return out.getvalue()


def restore(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


def refused(command: str, *args: str) -> str:
    with pytest.raises(CommandError) as caught:
        call_command(command, *args, stdout=io.StringIO())
    assert caught.value.returncode == 2
    return str(caught.value)


@pytest.fixture
def directory(reference_data: None) -> None:
    """The sample directory, a staff account with a session, and a little more."""
    sample_directory()
    make_service("つながりカフェ")
    admin = User.objects.create_superuser("kanri", "kanri@example.jp", "hikari-no-michi-2026")
    Client().force_login(admin)


@pytest.mark.django_db(transaction=True)
def test_a_restore_brings_back_every_row_of_every_table(directory, tmp_path):
    before, index_before = every_row(), index_entries()
    assert Session.objects.count() == 1
    assert len(index_before) == Service.objects.filter(status="active").count() > 0
    path = tmp_path / "tsunagari.zip"
    assert "Backed up" in backup(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds personal data

    # Afterwards the data changes: a service goes, a name changes, someone joins.
    Service.objects.filter(name="つながりカフェ").delete()
    Organization.objects.update(name="別の名前")
    User.objects.create_user("atarashii", "new@example.jp", "hikari-no-michi-2026")

    assert "Restored" in restore(path, "--yes")

    after = every_row()
    restored_event = AuditEvent.objects.get(action=AuditAction.RESTORE)
    audit = AuditEvent._meta.db_table
    assert after[audit] == [*before[audit], after[audit][-1]]
    assert after[audit][-1][0] == restored_event.pk
    assert {t: rows for t, rows in after.items() if t != audit} == {
        t: rows for t, rows in before.items() if t != audit
    }
    assert index_entries() == index_before  # the search index is rebuilt
    assert Session.objects.count() == 0  # everyone signs in again
    # New rows get fresh ids after the restore (sequences follow the restored rows).
    User.objects.create_user("mata", "mata@example.jp", "hikari-no-michi-2026")


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_fails_halfway_changes_nothing(directory, tmp_path):
    path = tmp_path / "tsunagari.zip"
    backup(path)
    # A service whose organisation is not in the file: the rows contradict each other.
    service_table = Service._meta.db_table
    columns = [f.column for f in Service._meta.local_concrete_fields]
    at = columns.index("organization_id")

    def break_link(text: bytes) -> bytes:
        lines = text.splitlines(keepends=True)
        row = orjson.loads(lines[0])
        row[at] = "00000000-0000-4000-8000-000000000000"
        lines[0] = orjson.dumps(row) + b"\n"
        return b"".join(lines)

    rewrite(path, f"tables/{service_table}.jsonl", break_link)
    before = every_row()
    message = refused("restore", str(path), "--yes")
    assert "damaged" in message and "Nothing was changed" in message
    assert every_row() == before


def rewrite(path: Path, member: str, change: Any, *, checksum: bool = True) -> None:
    """Rewrite one member of a backup; with ``checksum`` the manifest is made to agree,
    so only the content itself is wrong."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[member] = change(members[member])
    if checksum and member.startswith("tables/"):
        manifest = orjson.loads(members["manifest.json"])
        for table in manifest["tables"]:
            if member == f"tables/{table['table']}.jsonl":
                table["sha256"] = hashlib.sha256(members[member]).hexdigest()
        members["manifest.json"] = orjson.dumps(manifest)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.fixture
def made(reference_data: None, tmp_path: Path) -> Path:
    make_service("つながりカフェ")
    path = tmp_path / "tsunagari.zip"
    backup(path)
    return path


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused(made, tmp_path):
    services = Service.objects.count()
    text = tmp_path / "notes.txt"
    text.write_text("こんにちは")
    assert "is not a tsunagari backup" in refused("restore", str(text), "--yes")
    other_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("manifest.json", b'{"format": "something-else"}')
    message = refused("restore", str(other_zip), "--yes")
    assert "tsunagari のバックアップではありません" in message
    assert "is not a tsunagari backup" in message
    assert "No such file" in refused("restore", str(tmp_path / "nowhere.zip"), "--yes")
    assert Service.objects.count() == services


@pytest.mark.django_db
def test_a_damaged_backup_is_refused(made):
    services = Service.objects.count()
    table = Service._meta.db_table
    rewrite(made, f"tables/{table}.jsonl", lambda data: data.replace(b"\n", b" \n"), checksum=False)
    message = refused("restore", str(made), "--yes")
    assert "壊れています" in message and "is damaged" in message
    assert Service.objects.count() == services


@pytest.mark.django_db
def test_a_truncated_backup_is_refused_as_damaged(made):
    data = made.read_bytes()
    made.write_bytes(data[: len(data) // 2])
    assert "is damaged" in refused("restore", str(made), "--yes")


@pytest.mark.django_db
def test_a_backup_from_another_migration_state_is_refused(made):
    services = Service.objects.count()

    def from_the_future(data: bytes) -> bytes:
        manifest = orjson.loads(data)
        manifest["migrations"].append(["directory", "9999_from_the_future"])
        return orjson.dumps(manifest)

    rewrite(made, "manifest.json", from_the_future)
    message = refused("restore", str(made), "--yes")
    assert "different migration state" in message
    assert "directory.9999_from_the_future" in message
    assert Service.objects.count() == services


@pytest.mark.django_db
def test_a_restore_asks_first_and_no_keeps_the_database(made, monkeypatch):
    make_service("あとから来たカフェ")
    services = Service.objects.count()
    monkeypatch.setattr("builtins.input", lambda prompt="": "no")
    with pytest.raises(CommandError) as caught:
        call_command("restore", str(made), stdout=io.StringIO())
    assert caught.value.returncode == 1
    assert Service.objects.count() == services


@pytest.mark.django_db
def test_a_backup_never_overwrites_a_file_unless_told(made):
    first = made.read_bytes()
    assert "--force" in refused("backup", str(made))
    assert made.read_bytes() == first
    backup(made, "--force")
    assert zipfile.is_zipfile(made)


@pytest.mark.django_db
def test_taking_a_backup_is_recorded(made):
    event = AuditEvent.objects.get(action=AuditAction.BACKUP)
    assert event.actor_label == "command:backup"
    assert event.new_values["file"] == made.name
