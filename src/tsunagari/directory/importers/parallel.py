"""Reading a file in batches, and on the second core for a large one: a child process
(``directory.forked``) parses the CSV, builds the graphs and derives what it can from
them (``directory.derive``: inferred terms and search documents) while this process
writes the batches before.

The child is forked after the format's ``prepare`` and the ``Deriver`` have done every
query they need, and never uses the database itself. Batches come back pickled through
a pipe, whose small buffer keeps the child at most a few batches ahead, so memory stays
bounded. A prepared batch comes without its graphs; should the writer need them (a row
turned out to be stored), this process reads them again from the file (``_ReadAgain``).

A problem in the file reaches this process as the same ``ImportProblem`` (file, row,
column), raised where the serial reader would raise it, so the import rolls back and
writes nothing. Small files, formats without ``prepare``, machines without ``fork`` or
a free second core (``forked.available``), and callers that did not ask
(``import_file(parallel=True)``: the command line does; a threaded web server must not
fork) read in-process, with the same batches. The command's progress bar runs a
monitor thread; the child never touches it, so a lock it held at the fork cannot
matter."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Generator, Iterator
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

from .. import forked
from ..derive import Deriver
from ..prepared import Prepared, Preparer
from ..services import Graph
from .base import Format, ImportContext, ImportProblem

# Below this size (about 850 rows of a standard layout) a file is read as fast
# in-process as with children (their start, the pickling and this side's unpickling
# cost what they save); at 1,500 rows the children make the import 1.4 times as fast,
# at 5,000 rows 1.6 to 2 times.
MIN_BYTES = 256 << 10
BATCH = 250  # graphs per message
READERS = 2  # child processes reading one file

# A format's reader (``prepare``); ``keep(i)`` says whether to build the i-th record.
Reader = Callable[..., Iterator[Graph]]
# Graphs (or, from a child that prepares, directory.prepared.Prepared), and what was
# derived from them (service raw id -> directory.derive.Derived).
Batch = tuple[list[Graph] | Prepared, dict[Any, Any]]


def read_batches(
    fmt: Format, ctx: ImportContext, *, parallel: bool, preparer: Preparer | None = None
) -> Generator[Batch, None, None]:
    """The graphs of ``ctx.path`` in batches; read in a child process when ``parallel``
    allows it and that pays. Formats whose parts are their service's own
    (``own_parts``) come with their derivations, and a child prepares their INSERTs
    with ``preparer`` (until it is stopped)."""
    own_parts = getattr(fmt, "own_parts", False)
    derive = Deriver() if own_parts else None
    stop = preparer.stopped_event() if preparer is not None and own_parts else None
    prepare: Callable[[ImportContext], Reader] | None = getattr(fmt, "prepare", None)
    if (
        not parallel
        or prepare is None
        or ctx.path.stat().st_size < MIN_BYTES
        or not forked.available()  # (it looks at the cores for a moment: last)
    ):
        yield from _batches(fmt.read(ctx), derive, stop)
        return
    yield from _from_children(prepare(ctx), ctx, derive, preparer if own_parts else None)


def _batches(
    graphs: Iterator[Graph], derive: Deriver | None, stop: Any = None
) -> Iterator[tuple[list[Graph], dict[Any, Any]]]:
    """Graphs in batches, with what ``derive`` makes of them until ``stop`` (an event:
    the writer met stored records, for which nothing derived is used) is set."""
    batch: list[Graph] = []
    for graph in graphs:
        batch.append(graph)
        if len(batch) == BATCH:
            yield batch, derive(batch) if derive and not (stop and stop.is_set()) else {}
            batch = []
    if batch:
        yield batch, derive(batch) if derive and not (stop and stop.is_set()) else {}


def _from_children(
    reader: Reader, ctx: ImportContext, derive: Deriver | None, preparer: Preparer | None
) -> Iterator[Batch]:
    """Batches from ``READERS`` children, each of which builds every READERS-th batch
    (all of them parse every row, which is cheap, and skip the others' records), taken
    in turn: the file's order. Three processes share the two cores, so the writing one
    never waits for a single reader that has more to do than it."""
    children = [
        forked.start(_child, partial(reader, keep=partial(_mine, k)), ctx, derive, preparer)
        for k in range(READERS)
    ]
    again = _ReadAgain(reader, ctx)
    try:
        for turn in itertools.count():
            process, _to_child, from_child = children[turn % READERS]
            kind, (payload, rows_read) = forked.receive(from_child, process)
            ctx.rows_read = max(ctx.rows_read, rows_read)
            if kind == "problem":
                reason, file, row, column = payload
                raise ImportProblem(reason, file=file, row=row, column=column)
            if kind == "done":  # in turn: no later batch either
                return
            graphs, _derived = payload
            if isinstance(graphs, Prepared):
                graphs.read_again = partial(again.batch, turn, graphs.count)
            yield payload
    finally:
        for child in children:  # at once, if the import stopped early
            forked.stop(*child)
        again.close()


class _ReadAgain:
    """The graphs of batches a child prepared but the writer cannot take as they are (a
    row is stored already: a re-import), read again in this process from the file. The
    writer asks for them in file order, so one pass of the format's reader serves them
    all; it parses every row and builds only those batches' records."""

    def __init__(self, reader: Reader, ctx: ImportContext) -> None:
        self._reader = reader
        self._ctx = ctx
        self._wanted: set[int] = set()
        self._graphs: Iterator[Graph] | None = None

    def batch(self, turn: int, count: int) -> list[Graph]:
        """The ``count`` graphs of the ``turn``-th batch (no earlier batch after it)."""
        self._wanted.add(turn)
        if self._graphs is None:
            self._graphs = self._reader(keep=self._keep)
        rows_read = self._ctx.rows_read  # (counted by the children: not twice)
        try:
            return list(itertools.islice(self._graphs, count))
        finally:
            self._ctx.rows_read = rows_read

    def _keep(self, index: int) -> bool:
        return index // BATCH in self._wanted

    def close(self) -> None:
        if isinstance(self._graphs, Generator):
            self._graphs.close()  # (its file)


def _mine(reader: int, index: int) -> bool:
    """Whether the ``index``-th record of the file is in one of ``reader``'s batches."""
    return (index // BATCH) % READERS == reader


def _child(
    to_parent: Connection,
    _from_parent: Connection,
    reader: Callable[[], Iterator[Graph]],
    ctx: ImportContext,
    derive: Deriver | None,
    preparer: Preparer | None,
) -> None:
    stop = preparer.stopped_event() if preparer is not None else None
    try:
        for graphs, derived in _batches(reader(), derive, stop):
            batch: Batch = (graphs, derived)
            if preparer is not None and not preparer.stopped:
                batch = (preparer(graphs), derived)
            forked.send(to_parent, ("batch", (batch, ctx.rows_read)))
        forked.send(to_parent, ("done", (None, ctx.rows_read)))
    except ImportProblem as exc:
        # Sent as fields: the exception's keyword-only arguments do not survive pickling.
        problem = (exc.reason, exc.file, exc.row, exc.column)
        forked.send(to_parent, ("problem", (problem, ctx.rows_read)))
