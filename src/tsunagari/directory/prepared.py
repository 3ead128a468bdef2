"""A batch of new records prepared as INSERT parameters by the process that reads the
file, so that the writing process only runs the statements.

On a first import every row is new, and the writer (``services.DirectoryWriter``)
spends most of its own time turning graphs into parameters and CREATE events. For a
large file read in a child process (``importers/parallel.py``), ``Preparer`` does that
work there, exactly as the writer would for rows it creates: rows queued by id (the
last of an id wins), each table's rows in column order with the defaults and
converters of the writer's own ``_Shape``, and one CREATE event per record
(``services.create_events``). Organisations, which many records share, travel as
rows: the writer compares them with what is stored.

``DirectoryWriter.add_prepared`` first looks whether any row is already stored (a
re-import); if one is, it adds the batch's graphs one by one instead, as always, and the
reader stops preparing (``Preparer.stop``). Those graphs are read again from the file
in this process (``importers/parallel.py``) rather than sent with every batch in case:
pickling them cost the children a tenth of their time."""

from __future__ import annotations

import multiprocessing
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import event_row
from tsunagari.core.bulk import as_params

from .hsds import TABLES

if TYPE_CHECKING:
    from .services import DirectoryWriter, Graph, Record


@dataclass
class Prepared:
    """What ``DirectoryWriter.add_prepared`` writes for a batch of graphs."""

    count: int  # graphs
    tables: list[tuple[str, list[list[Any]]]]  # (table, INSERT parameters), in order
    organizations: list[tuple[dict[str, Any], Record]]
    events: list[list[Any]]  # CREATE events, as AuditBuffer keeps them
    records: dict[Record, list[uuid.UUID]]  # each record's services
    conflicted: set[Record] = field(default_factory=set)
    # Reads the batch's graphs again, for the writer if a row turns out to be stored
    # (set by the process that receives the batch).
    read_again: Callable[[], list[Graph]] | None = None

    def graphs(self) -> list[Graph]:
        if self.read_again is None:
            raise RuntimeError("a prepared batch whose graphs cannot be read again")
        return self.read_again()


class Preparer:
    """Built by the writer's process (the writer's shapes and actor), called in the
    reading child."""

    def __init__(self, writer: DirectoryWriter) -> None:
        self.actor = writer.actor
        self.shapes = {t.name: writer._shape(t) for t in TABLES}
        self.given_of = {name: shape.given for name, shape in self.shapes.items()}
        self._stopped = multiprocessing.get_context("fork").Event()

    def stop(self) -> None:
        """Send graphs from now on: the file's records are already stored."""
        self._stopped.set()

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def stopped_event(self) -> Any:
        """The event ``stop`` sets, shared with the reading children (they stop deriving
        as well: nothing derived is used for stored records)."""
        return self._stopped

    def __call__(self, graphs: list[Graph]) -> Prepared:
        from .services import create_events, queue_rows, record_of

        pending: dict[str, dict[uuid.UUID, tuple[dict[str, Any], Record]]] = defaultdict(dict)
        organizations: list[tuple[dict[str, Any], Record]] = []
        records: dict[Record, list[uuid.UUID]] = {}
        conflicted: set[Record] = set()
        for graph in graphs:
            record = record_of(graph)
            records[record] = [r["id"] for r in graph.get("service", ())]
            for table_name, rows in graph.items():
                if table_name == "organization":
                    organizations.extend((row, record) for row in rows)
                else:
                    queue_rows(pending[table_name], rows, record, conflicted)
        tables = []
        created = []
        for table in TABLES:
            queued = pending.get(table.name)
            if not queued:
                continue
            shape = self.shapes[table.name]
            made = [
                (table.name, pk, shape.new_row(row), record) for pk, (row, record) in queued.items()
            ]
            tables.append((table.name, as_params(table.model, shape.columns, [m[2] for m in made])))
            created.extend(made)
        events = [
            event_row(self.actor, AuditAction.CREATE, object_type, pk, new=new)
            for object_type, pk, new in create_events(created, self.given_of)
        ]
        return Prepared(
            count=len(graphs),
            tables=tables,
            organizations=organizations,
            events=events,
            records=records,
            conflicted=conflicted,
        )
