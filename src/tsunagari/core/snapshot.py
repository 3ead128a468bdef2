"""Backups of the whole database as one portable file, and restoring from one.

Why a file of our own rather than ``pg_dump`` or a copy of the SQLite file: a
municipality runs tsunagari on SQLite when small and on PostgreSQL when large, and
moves between them. One format for both means one procedure in the operations manual,
a backup taken on SQLite restores into PostgreSQL (and back), no ``pg_dump`` whose
version must match the server's, and a restore that checks, before it changes
anything, that the file is whole (a SHA-256 per table) and was made by the same version
of the schema (the migration state). The file is a ZIP archive (it opens anywhere):

    manifest.json          format marker, version, migration state, per-table columns,
                           row counts and SHA-256 of each table's member
    tables/<table>.jsonl   one JSON array per row, in primary-key order

A backup is one consistent snapshot while the site keeps running: a single read
transaction (PostgreSQL: REPEATABLE READ, READ ONLY; SQLite: a deferred read
transaction, which in WAL mode sees one state of the database and blocks no writer,
the same guarantee as SQLite's online backup API).

Left out, on purpose: the migration table (its content is the migration state, which
must match instead), sign-in sessions (a restore signs everyone out: a session from
the backup could belong to a user whose rights have changed since) and the search index
(derived from the directory; the restore rebuilds it, so the file holds nothing that
differs between SQLite and PostgreSQL).

The file holds personal data (staff accounts, audit records): it is written readable by
its owner only."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import os
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import django
import orjson
from django.apps import apps
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_microseconds

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record

from .bulk import insert_rows

FORMAT = "tsunagari-backup"
VERSION = 1
MANIFEST = "manifest.json"
# Emptied by a restore, never written into a backup (see the module docstring).
NOT_BACKED_UP = {"sessions.session", "search.searchdocument"}
BATCH = 2000


class BackupProblem(Exception):
    """A file that cannot be restored (the message says why, in Japanese and English);
    nothing has been changed."""


# -- what is backed up ---------------------------------------------------------------


def stored_models() -> list[type[models.Model]]:
    """Every model with a table of its own (many-to-many tables included), by table."""
    found: dict[str, type[models.Model]] = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.managed and not opts.proxy and not opts.swapped:
            found.setdefault(opts.db_table, model)
    return [found[table] for table in sorted(found)]


def backed_up_models() -> list[type[models.Model]]:
    return [m for m in stored_models() if m._meta.label_lower not in NOT_BACKED_UP]


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.local_concrete_fields if not getattr(f, "generated", False)]


def _value_field(field: models.Field[Any, Any]) -> models.Field[Any, Any]:
    """The field whose values ``field`` holds (a foreign key holds its target's)."""
    while field.is_relation and field.target_field is not field:  # type: ignore[attr-defined]
        field = field.target_field  # type: ignore[attr-defined]
    return field


def _encoder(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How to write a value JSON cannot hold as it is (orjson writes datetimes, dates,
    times and UUIDs as ISO text itself)."""
    target = _value_field(field)
    if isinstance(target, models.DecimalField):
        return str
    if isinstance(target, models.BinaryField):
        return lambda value: base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(target, models.DurationField):
        return duration_microseconds
    return None


def _decoder(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    target = _value_field(field)
    decoders: list[tuple[type[models.Field[Any, Any]], Callable[[Any], Any]]] = [
        (models.DateTimeField, dt.datetime.fromisoformat),
        (models.DateField, dt.date.fromisoformat),
        (models.TimeField, dt.time.fromisoformat),
        (models.UUIDField, uuid.UUID),
        (models.DecimalField, decimal.Decimal),
        (models.BinaryField, base64.b64decode),
        (models.DurationField, lambda value: dt.timedelta(microseconds=value)),
    ]
    # DateTimeField is a DateField: the first match wins.
    for field_class, decode in decoders:
        if isinstance(target, field_class):
            return decode
    return None


def _database() -> BaseDatabaseWrapper:
    """The database backed up and restored (tsunagari has one)."""
    return connections[DEFAULT_DB_ALIAS]


def migration_state(connection: BaseDatabaseWrapper) -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.applied_migrations())


# -- writing a backup --------------------------------------------------------------------


@dataclass
class BackupSummary:
    tables: int
    rows: int


@contextmanager
def _snapshot(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """One read transaction: every table is read as of the same moment."""
    if connection.in_atomic_block:  # the caller's transaction is the snapshot
        yield
        return
    if connection.vendor == "sqlite":
        # Not transaction.atomic(): it begins IMMEDIATE (see settings), which would
        # hold the write lock for the whole backup.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def backup_write(path: Path, *, actor: Actor) -> BackupSummary:
    """Write a backup of the whole database to ``path`` (created readable by its owner
    only; a failed backup leaves no file behind), and record that it was taken."""
    database = _database()
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with (
            os.fdopen(descriptor, "wb") as raw,
            zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
        ):
            tables = []
            with _snapshot(database):
                state = migration_state(database)
                for model in backed_up_models():
                    tables.append(_write_table(archive, model))
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "database": database.vendor,
                "django": django.get_version(),
                "migrations": state,
                "tables": tables,
            }
            archive.writestr(MANIFEST, orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    summary = BackupSummary(tables=len(tables), rows=sum(t["rows"] for t in tables))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.BACKUP,
            object_type="platform.database",
            object_id=database.vendor,
            new={"file": path.name, "tables": summary.tables, "rows": summary.rows},
        )
    return summary


def _write_table(archive: zipfile.ZipFile, model: type[models.Model]) -> dict[str, Any]:
    fields = _fields(model)
    encoders = [(i, e) for i, f in enumerate(fields) if (e := _encoder(f)) is not None]
    rows = (
        model._base_manager.order_by("pk")
        .values_list(*[f.attname for f in fields])
        .iterator(chunk_size=BATCH)
    )
    digest = hashlib.sha256()
    count = 0
    table = model._meta.db_table
    with archive.open(f"tables/{table}.jsonl", "w", force_zip64=True) as member:
        for row in rows:
            values = list(row)
            for i, encode in encoders:
                if values[i] is not None:
                    values[i] = encode(values[i])
            line = orjson.dumps(values, option=orjson.OPT_APPEND_NEWLINE)
            digest.update(line)
            member.write(line)
            count += 1
    return {
        "table": table,
        "model": model._meta.label_lower,
        "columns": [f.column for f in fields],
        "rows": count,
        "sha256": digest.hexdigest(),
    }


# -- reading and checking a backup ---------------------------------------------------------


@dataclass
class Backup:
    """An opened backup that has passed every check against this database."""

    path: Path
    manifest: dict[str, Any]

    @property
    def created_at(self) -> str:
        return str(self.manifest.get("created_at", ""))

    @property
    def rows(self) -> int:
        return sum(int(t["rows"]) for t in self.manifest["tables"])


def backup_open(path: Path) -> Backup:
    """Check that ``path`` is a whole tsunagari backup made at this database's migration
    state; raise BackupProblem otherwise. Reads the whole file once (checksums)."""
    name = path.name
    not_ours = BackupProblem(
        f"「{name}」は tsunagari のバックアップではありません / {name} is not a tsunagari backup."
    )
    if not path.is_file():
        raise BackupProblem(f"ファイルがありません: {path} / No such file: {path}")
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                manifest = orjson.loads(archive.read(MANIFEST))
            except (KeyError, orjson.JSONDecodeError):
                raise not_ours from None
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise not_ours
            _check_version(manifest, name)
            try:
                _check_migrations(manifest, name)
                _check_tables(manifest, name)
            except (KeyError, TypeError, ValueError):
                raise _corrupt(name, MANIFEST) from None
            for table in manifest["tables"]:
                _check_member(archive, table, name)
    except zipfile.BadZipFile as exc:
        # A ZIP that cannot be read (cut short, a member whose CRC does not match) is
        # damaged; anything else is simply not ours.
        with path.open("rb") as start:
            if start.read(4) == b"PK\x03\x04":
                raise _corrupt(name, str(exc)) from None
        raise not_ours from None
    except (zlib.error, EOFError, OSError) as exc:
        raise _corrupt(name, str(exc)) from None
    return Backup(path=path, manifest=manifest)


def _corrupt(name: str, detail: str) -> BackupProblem:
    return BackupProblem(f"「{name}」は壊れています（{detail}） / {name} is damaged ({detail}).")


def _check_version(manifest: dict[str, Any], name: str) -> None:
    if manifest.get("version") != VERSION:
        raise BackupProblem(
            f"「{name}」はこの tsunagari が読めない形式（版 {manifest.get('version')}）です / "
            f"{name} is in a format version ({manifest.get('version')}) this tsunagari "
            "cannot read."
        )


def _check_migrations(manifest: dict[str, Any], name: str) -> None:
    theirs = {(str(app), str(migration)) for app, migration in manifest["migrations"]}
    ours = {(app, migration) for app, migration in migration_state(_database())}
    if theirs == ours:
        return
    only_theirs = sorted(f"{a}.{n}" for a, n in theirs - ours)
    only_ours = sorted(f"{a}.{n}" for a, n in ours - theirs)
    lines = [
        f"「{name}」はこのデータベースとちがうマイグレーションの状態で作られました。"
        "バックアップを作ったときと同じ版の tsunagari で `tsunagari migrate` をしてから"
        "復元し、そのあとで新しい版に上げてください。 / "
        f"{name} was made at a different migration state. Restore it with the version of "
        "tsunagari that made it (after `tsunagari migrate`), then upgrade."
    ]
    if only_theirs:
        lines.append("  バックアップだけにあるもの / only in the backup: " + _some(only_theirs))
    if only_ours:
        lines.append("  データベースだけにあるもの / only in this database: " + _some(only_ours))
    raise BackupProblem("\n".join(lines))


def _some(names: list[str], shown: int = 5) -> str:
    more = f" (+{len(names) - shown})" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _check_tables(manifest: dict[str, Any], name: str) -> None:
    expected = {m._meta.db_table: [f.column for f in _fields(m)] for m in backed_up_models()}
    found = {t["table"]: t["columns"] for t in manifest["tables"]}
    if found != expected:
        differing = sorted(set(found) ^ set(expected)) or sorted(
            t for t in found if found[t] != expected.get(t)
        )
        raise BackupProblem(
            f"「{name}」の表がこのデータベースの表と合いません / The tables in {name} do not "
            f"match this database's: {_some(differing)}"
        )


def _check_member(archive: zipfile.ZipFile, table: dict[str, Any], name: str) -> None:
    digest = hashlib.sha256()
    member_name = f"tables/{table['table']}.jsonl"
    try:
        with archive.open(member_name) as member:
            while chunk := member.read(1 << 20):
                digest.update(chunk)
    except KeyError:
        raise _corrupt(name, member_name) from None
    if digest.hexdigest() != table["sha256"]:
        raise _corrupt(name, f"tables/{table['table']}.jsonl")


# -- restoring ---------------------------------------------------------------------------


def backup_restore(backup: Backup, *, actor: Actor) -> None:
    """Replace everything in the database with the contents of ``backup`` (opened with
    ``backup_open``), in one transaction: on any failure nothing has changed. The search
    index is rebuilt, sessions are empty, and the restore is recorded in the audit log
    (of the restored database)."""
    from tsunagari.search.index import index_rebuild

    database = _database()
    by_table = {m._meta.db_table: m for m in backed_up_models()}
    try:
        with transaction.atomic(), zipfile.ZipFile(backup.path) as archive:
            tables = [m._meta.db_table for m in stored_models()]
            with database.cursor() as cursor:
                for sql in database.ops.sql_flush(no_style(), tables, reset_sequences=True):
                    cursor.execute(sql)
            for table in backup.manifest["tables"]:
                model = by_table[table["table"]]
                with archive.open(f"tables/{table['table']}.jsonl") as member:
                    written = _restore_table(model, member)
                if written != table["rows"]:
                    raise _corrupt(backup.path.name, f"{table['table']}: {written} rows")
            with database.cursor() as cursor:
                for sql in database.ops.sequence_reset_sql(no_style(), list(by_table.values())):
                    cursor.execute(sql)
            index_rebuild()
            audit_record(
                actor=actor,
                action=AuditAction.RESTORE,
                object_type="platform.database",
                object_id=database.vendor,
                new={"file": backup.path.name, "created_at": backup.created_at},
            )
            transaction.on_commit(_forget_caches)
    except (DatabaseError, ValueError, TypeError, IndexError) as exc:
        # Rows that passed the checksum yet cannot be stored (values of the wrong type,
        # links to rows that are not there): the transaction has rolled back.
        detail = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise _corrupt(backup.path.name, detail) from None


def _restore_table(model: type[models.Model], member: IO[bytes]) -> int:
    fields = _fields(model)
    attnames = [f.attname for f in fields]
    decoders = [(i, d) for i, f in enumerate(fields) if (d := _decoder(f)) is not None]
    written = 0
    batch: list[list[Any]] = []
    for line in member:
        values = orjson.loads(line)
        for i, decode in decoders:
            if values[i] is not None:
                values[i] = decode(values[i])
        batch.append(values)
        if len(batch) == BATCH:
            written += insert_rows(model, attnames, batch)
            batch = []
    written += insert_rows(model, attnames, batch)
    return written


def _forget_caches() -> None:
    from django.core.cache import caches

    for cache in caches.all():
        with suppress(Exception):  # a cache that cannot be cleared only serves old data
            cache.clear()
