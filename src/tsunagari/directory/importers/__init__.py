"""Importing files into the directory: detect the format, read every record, write all
of it or nothing (one transaction per file)."""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tsunagari.audit.services import Actor
from tsunagari.core.bulk import large_write_cache, paused_gc

from ..hsds import TABLES
from ..models import DataSource, Municipality
from ..prepared import Prepared, Preparer
from ..services import DirectoryWriter, record_import
from .base import Format, ImportContext, ImportProblem
from .parallel import read_batches
from .reading import read_head
from .registry import FORMATS

__all__ = ["ImportProblem", "ImportResult", "detect_format", "import_file"]


@dataclass
class ImportResult:
    file: str
    format: str
    records: int
    stats: Counter[tuple[str, str]]
    dry_run: bool

    def count(self, table: str, action: str) -> int:
        return self.stats[(table, action)]


def resolve_path(path: Path) -> Path:
    """A directory holding a data package stands for its ``datapackage.json``."""
    if path.is_dir() and (path / "datapackage.json").is_file():
        return path / "datapackage.json"
    return path


def detect_format(path: Path) -> Format:
    path = resolve_path(path)
    if not path.is_file():
        raise ImportProblem("ファイルがありません（no such file）", file=str(path))
    head = read_head(path)
    for fmt in FORMATS:
        if fmt.sniff(path, head):
            return fmt
    first_line = head.splitlines()[0][:120] if head.strip() else "(empty file)"
    raise ImportProblem(
        f"形式がわかりません（unknown format）: 見出し行 {first_line!r} は、読める形式"
        "（自治体標準オープンデータセット、子ども食堂・居場所、湯沢市 相談窓口 JSON、"
        "HSDS 3.0）のどれにも当てはまりません",
        file=path.name,
        row=1,
    )


def import_file(
    path: Path,
    *,
    municipality: Municipality | None = None,
    dry_run: bool = False,
    actor: Actor | None = None,
    progress: Callable[[int], None] | None = None,
    parallel: bool = False,
) -> ImportResult:
    """Import one file. Raises ImportProblem (and writes nothing) on bad input; with
    ``dry_run`` everything is checked and counted, then rolled back. ``parallel`` lets a
    large import use child processes (``parallel.py``: two read the file, derive and
    prepare the INSERTs; ``refresh.py``: one rebuilds inferred terms and documents of
    changed services); only a process that forks safely (the command line, not a
    threaded web server) should ask."""
    path = resolve_path(path)
    fmt = detect_format(path)
    info = fmt.source_info(path)
    # One id for the run's events, as a web request has: its CREATE events and the
    # IMPORT event that closes it (with the file's time, source and checksum).
    actor = actor or Actor(label=f"import:{path.name}", request_id=f"import-{uuid.uuid4().hex}")
    now = timezone.now()
    ctx = ImportContext(path=path, municipality=municipality)
    with paused_gc(), large_write_cache(), transaction.atomic():
        source, _ = DataSource.objects.update_or_create(
            key=f"{fmt.name}:{path.name}",
            defaults={
                "file_name": path.name,
                "format": fmt.name,
                "publisher": info.publisher,
                "licence": info.licence,
                "licence_url": info.licence_url,
                "source_url": info.source_url,
                "sha256": _sha256(path),
                "imported_at": now,
            },
        )
        writer = DirectoryWriter(actor=actor, source=source, now=now, parallel=parallel)
        records = 0
        # Formats whose records are whole services (open-data rows, HSDS service JSON)
        # replace parts that disappeared; table-by-table formats only upsert.
        complete = fmt.complete_records
        # Only formats whose records own their parts are derived and prepared.
        preparer = Preparer(writer) if getattr(fmt, "own_parts", False) else None
        # closing(): a child reading the file (parallel.py) stops when the writing fails.
        with closing(read_batches(fmt, ctx, parallel=parallel, preparer=preparer)) as batches:
            for graphs, derived in batches:
                writer.add_derived(derived)
                if isinstance(graphs, Prepared):
                    writer.add_prepared(graphs)
                    records += graphs.count
                else:
                    for graph in graphs:
                        writer.add(graph, complete=complete)
                        records += 1
                        if progress is not None:
                            progress(records)
                if preparer is not None and writer.stored_met and not preparer.stopped:
                    # A re-import: send graphs, derive nothing (it is not used for them).
                    preparer.stop()
                if progress is not None:
                    progress(records)
        stats = writer.finish()
        _check_references(path, stats)
        source.record_count = records
        source.save(update_fields=["record_count"])
        record_import(actor=actor, source=source, records=records, stats=stats)
        if dry_run:
            transaction.set_rollback(True)
    return ImportResult(path.name, fmt.name, records, stats, dry_run)


def _check_references(path: Path, stats: Counter[tuple[str, str]]) -> None:
    """Every id a written row refers to must exist (an HSDS phone's contact_id, say).
    Checked now rather than at commit, so a dry run and an import inside an outer
    transaction find it too; the database's message names the table and the value."""
    written = [
        t.model._meta.db_table
        for t in TABLES
        if stats[(t.name, "created")] or stats[(t.name, "updated")]
    ]
    try:
        connection.check_constraints(table_names=written)
    except IntegrityError as exc:
        raise ImportProblem(
            "参照先のないデータがあります (a reference to a record that does not exist): "
            + str(exc).strip(),
            file=path.name,
        ) from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
