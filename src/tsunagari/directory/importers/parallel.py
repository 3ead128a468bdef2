"""Reading a large file on the second core: a child process (``directory.forked``)
parses the CSV and builds the graphs while this process writes the ones before.

Parsing and building records is about a fifth of a first import; the rest (writing,
audit, inference, the search index) needs the one database connection and stays here.
The child is forked after the format's ``prepare`` has done every query the reader
needs, and never uses the database itself. Graphs come back pickled in batches through
a pipe, whose small buffer keeps the child at most a batch or two ahead, so memory stays
bounded.

A problem in the file reaches this process as the same ``ImportProblem`` (file, row,
column), raised where the serial reader would raise it, so the import rolls back and
writes nothing. Small files, formats without ``prepare``, machines without ``fork`` or
a free second core (``forked.available``), and callers that did not ask
(``import_file(parallel=True)``: the command line does; a threaded web server must not
fork) read in-process as before. The command's progress bar runs a monitor thread; the
child never touches it, so a lock it held at the fork cannot matter."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from multiprocessing.connection import Connection

from .. import forked
from ..services import Graph
from .base import Format, ImportContext, ImportProblem

# Below this size a file is read faster in-process than a child starts (the child's
# pickling and this side's unpickling cost about a fifth of what they save).
MIN_BYTES = 2 << 20
BATCH = 250  # graphs per message


def read_graphs(fmt: Format, ctx: ImportContext, *, parallel: bool) -> Generator[Graph, None, None]:
    """The graphs of ``ctx.path``; read in a child process when ``parallel`` allows it
    and that pays."""
    prepare: Callable[[ImportContext], Callable[[], Iterator[Graph]]] | None = getattr(
        fmt, "prepare", None
    )
    if (
        not parallel
        or prepare is None
        or not forked.available()
        or ctx.path.stat().st_size < MIN_BYTES
    ):
        yield from fmt.read(ctx)
        return
    yield from _from_child(prepare(ctx), ctx)


def _from_child(reader: Callable[[], Iterator[Graph]], ctx: ImportContext) -> Iterator[Graph]:
    process, to_child, from_child = forked.start(_child, reader, ctx)
    try:
        while True:
            kind, (payload, rows_read) = forked.receive(from_child, process)
            ctx.rows_read = rows_read
            if kind == "problem":
                reason, file, row, column = payload
                raise ImportProblem(reason, file=file, row=row, column=column)
            yield from payload
            if kind == "done":
                return
    finally:
        forked.stop(process, to_child, from_child)  # at once, if the import stopped early


def _child(
    to_parent: Connection,
    _from_parent: Connection,
    reader: Callable[[], Iterator[Graph]],
    ctx: ImportContext,
) -> None:
    try:
        batch: list[Graph] = []
        for graph in reader():
            batch.append(graph)
            if len(batch) == BATCH:
                forked.send(to_parent, ("graphs", (batch, ctx.rows_read)))
                batch = []
        forked.send(to_parent, ("done", (batch, ctx.rows_read)))
    except ImportProblem as exc:
        # Sent as fields: the exception's keyword-only arguments do not survive pickling.
        problem = (exc.reason, exc.file, exc.row, exc.column)
        forked.send(to_parent, ("problem", (problem, ctx.rows_read)))
