"""What every importer shares: the error that names file, row and column; the format
interface; and stable ids so that re-importing a file updates instead of duplicating."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..ids import stable_id
from ..models import Municipality
from ..services import Graph

__all__ = ["Format", "ImportContext", "ImportProblem", "SourceInfo", "stable_id"]


class ImportProblem(Exception):  # named for what users see: "a problem in the file"
    """Bad input. The message names the file, the row (1-based, header = row 1 for CSV)
    and the column, and why; nothing of the file is written."""

    def __init__(
        self, reason: str, *, file: str = "", row: int | None = None, column: str | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.file = file
        self.row = row
        self.column = column

    def __str__(self) -> str:
        # Japanese first, with the English words so logs and tickets can be searched.
        where = [self.file or "?"]
        if self.row is not None:
            where.append(f"{self.row}行目（row {self.row}）")
        if self.column:
            where.append(f"列「{self.column}」（column {self.column}）")
        return f"{'、'.join(where)}: {self.reason}"


@dataclass
class SourceInfo:
    """Provenance of one file, stored as its DataSource."""

    format: str
    publisher: str = ""
    licence: str = ""
    licence_url: str = ""
    source_url: str = ""


@dataclass
class ImportContext:
    path: Path
    # Municipality given on the command line; files that carry their own code override it
    # only when they agree (a mismatch is an error).
    municipality: Municipality | None = None
    # Rows the reader has consumed, for the progress bar.
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)


class Format(Protocol):
    """An importable file format."""

    name: str  # short id shown in reports, e.g. "standard:kaigo", "hsds:json"
    label: str  # human description
    # True when each yielded graph is a whole service: parts stored before but missing
    # now are deleted. Table-by-table formats (HSDS tabular) set it False.
    complete_records: bool
    # Formats may also set ``own_parts = True`` when every part of a graph belongs to its
    # service alone (ids derived from the service id; only the organisation is shared):
    # inferred terms and search documents are then derived from the graphs as they are
    # read (directory/derive.py).

    def sniff(self, path: Path, head: str) -> bool:
        """True if this format reads the file. ``head`` is the decoded start of the file."""
        ...

    def source_info(self, path: Path) -> SourceInfo: ...

    def read(self, ctx: ImportContext) -> Iterator[Graph]:
        """Yield one graph per record (a service with its parts). Raise ImportProblem on
        the first bad value; the caller rolls the whole file back."""
        ...
