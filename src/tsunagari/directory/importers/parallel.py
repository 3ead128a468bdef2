"""Reading a large file on the second core: a child process parses the CSV and builds
the graphs while this process writes the ones before.

Parsing and building records is about a fifth of a first import; the rest (writing,
audit, inference, the search index) needs the one database connection and stays here.
The child is forked after the format's ``prepare`` has done every query the reader
needs, and it never uses the database: the connection it inherits belongs to this
process's open transaction (a guard makes any query there fail loudly). Graphs come
back pickled in batches through a pipe, whose small buffer keeps the child at most a
batch or two ahead, so memory stays bounded.

A problem in the file reaches this process as the same ``ImportProblem`` (file, row,
column), raised where the serial reader would raise it, so the import rolls back and
writes nothing. Small files, formats without ``prepare``, platforms without ``fork``
and callers that did not ask (``import_file(parallel=True)``: the command line does; a
threaded web server must not fork) read in-process as before. The command's progress
bar runs a monitor thread; the child never touches it, so a lock it held at the fork
cannot matter."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from django.db import connections

from ..services import Graph
from .base import Format, ImportContext, ImportProblem

# Below this size a file is read faster in-process than a child starts (the child's
# pickling and this side's unpickling cost about a fifth of what they save).
MIN_BYTES = 2 << 20
BATCH = 250  # graphs per message


def read_graphs(fmt: Format, ctx: ImportContext, *, parallel: bool) -> Iterator[Graph]:
    """The graphs of ``ctx.path``; read in a child process when ``parallel`` allows it
    and that pays."""
    prepare: Callable[[ImportContext], Callable[[], Iterator[Graph]]] | None = getattr(
        fmt, "prepare", None
    )
    if not parallel or prepare is None or not _worth_a_child(ctx):
        yield from fmt.read(ctx)
        return
    yield from _from_child(prepare(ctx), ctx)


def _worth_a_child(ctx: ImportContext) -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and (os.cpu_count() or 1) > 1
        and ctx.path.stat().st_size >= MIN_BYTES
    )


def _from_child(reader: Callable[[], Iterator[Graph]], ctx: ImportContext) -> Iterator[Graph]:
    mp = multiprocessing.get_context("fork")
    receiver, sender = mp.Pipe(duplex=False)
    child = mp.Process(target=_child, args=(reader, ctx, sender), daemon=True)
    child.start()
    sender.close()  # the child holds the writing end; EOF here when it exits
    try:
        while True:
            try:
                kind, payload, rows_read = pickle.loads(receiver.recv_bytes())  # noqa: S301 - our child
            except EOFError:
                raise RuntimeError(
                    f"the reader process for {ctx.path.name} ended without an answer "
                    f"(exit code {child.exitcode})"
                ) from None
            ctx.rows_read = rows_read
            if kind == "problem":
                reason, file, row, column = payload
                raise ImportProblem(reason, file=file, row=row, column=column)
            if kind == "error":
                raise RuntimeError(f"the reader process failed:\n{payload}")
            yield from payload
            if kind == "done":
                return
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()  # the import stopped early: the rest is not wanted
        child.join()


def _child(reader: Callable[[], Iterator[Graph]], ctx: ImportContext, sender: Connection) -> None:
    for conn in connections.all(initialized_only=True):
        conn.execute_wrappers.append(_no_database)

    def send(kind: str, payload: Any) -> None:
        sender.send_bytes(pickle.dumps((kind, payload, ctx.rows_read), pickle.HIGHEST_PROTOCOL))

    try:
        batch: list[Graph] = []
        for graph in reader():
            batch.append(graph)
            if len(batch) == BATCH:
                send("graphs", batch)
                batch = []
        send("done", batch)
    except ImportProblem as exc:
        # Sent as fields: the exception's keyword-only arguments do not survive pickling.
        send("problem", (exc.reason, exc.file, exc.row, exc.column))
    except BaseException:  # every failure must reach the parent
        send("error", traceback.format_exc())
    finally:
        sender.close()


def _no_database(*args: Any) -> Any:
    raise RuntimeError("the reader process must not use the database (it is the parent's)")
