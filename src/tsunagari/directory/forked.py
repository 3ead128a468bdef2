"""The second core during a large import: forked child processes that compute while
this one talks to the database (importers/parallel.py: two read the file, derive and
prepare INSERTs; refresh.py: one rebuilds inferred terms and search documents).

A child forked here never uses the database: the connection it inherits belongs to the
parent's open transaction, so a guard makes any query in the child fail loudly instead.
Messages are pickled by this module and go through a pipe; a failure in the child comes
back as its traceback, raised here as a RuntimeError."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import pickle
import time
import traceback
import uuid
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from django.db import connections

try:
    import fcntl
except ImportError:  # not on Windows, which has no fork either
    fcntl = None  # type: ignore[assignment]

PIPE_BYTES = 1 << 20
CHILD_NICENESS = 5
MIN_IDLE_CORES = 0.5


def available() -> bool:
    """Whether a child can be forked and has a core of its own to run on: at least
    half a core stood idle a moment ago (Linux: ``/proc/stat`` over a twentieth of a
    second; elsewhere the last minute's load average). On a busy machine the child only
    takes turns with this process, and the pickling makes the import slower than
    in-process. (The load average alone also counts what ran just before, such as an
    earlier import: it sent the next one in-process for a minute.)"""
    cores = os.cpu_count() or 1
    if "fork" not in multiprocessing.get_all_start_methods() or cores < 2:
        return False
    idle = idle_cores()
    if idle is None:
        return os.getloadavg()[0] < cores
    return idle >= MIN_IDLE_CORES


def _cpu_times() -> list[int] | None:
    """The machine's CPU times (the first line of /proc/stat), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu" or len(fields) < 5:
        return None
    return [int(f) for f in fields[1:8]]


def idle_cores(
    read: Callable[[], list[int] | None] = _cpu_times, seconds: float = 0.05
) -> float | None:
    """How many cores were idle over the next ``seconds`` (None where unknown)."""
    before = read()
    if before is None:
        return None
    time.sleep(seconds)
    after = read()
    if after is None:
        return None
    deltas = [a - b for a, b in zip(after, before, strict=False)]
    total = sum(deltas)
    if total <= 0:
        return None
    idle = deltas[3] + (deltas[4] if len(deltas) > 4 else 0)  # idle, iowait
    return (os.cpu_count() or 1) * idle / total


def start(target: Callable[..., None], *args: Any) -> tuple[BaseProcess, Connection, Connection]:
    """Fork a child running ``target(to_parent, from_parent, *args)``; returns the
    process and this side's ends of the pipes (to the child, from the child)."""
    mp = multiprocessing.get_context("fork")
    from_child, to_parent = mp.Pipe(duplex=False)
    from_parent, to_child = mp.Pipe(duplex=False)
    _widen(to_parent)
    _widen(to_child)
    process = mp.Process(target=_run, args=(target, to_parent, from_parent, *args), daemon=True)
    process.start()
    to_parent.close()  # the child's ends: EOF here when the child exits
    from_parent.close()
    return process, to_child, from_child


def _widen(end: Connection) -> None:
    """A pipe of 1 MiB (Linux; the default 64 KiB holds less than one message), so the
    child can work a few messages ahead while the parent is busy writing a batch: with
    the small pipe it waited for the parent after every message, and the parent for it."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is None:
        return
    # Above the system's limit (/proc/sys/fs/pipe-max-size) it keeps the default.
    with contextlib.suppress(OSError):
        fcntl.fcntl(end.fileno(), set_size, PIPE_BYTES)


def stop(process: BaseProcess, *ends: Connection) -> None:
    """Close this side's pipe ends and end the child (at once if it still runs)."""
    for end in ends:
        end.close()
    if process.is_alive():
        process.terminate()
    process.join()


def send(end: Connection, message: Any) -> None:
    end.send_bytes(dumps(message))


def dumps(obj: Any) -> bytes:
    """``obj`` pickled, UUIDs as numbers (see ``_Pickler``); ``pickle.loads`` reads it."""
    buffer = io.BytesIO()
    _Pickler(buffer, pickle.HIGHEST_PROTOCOL).dump(obj)
    return buffer.getvalue()


class _Pickler(pickle.Pickler):
    """Pickles a UUID as its number: the standard way goes through a state dict and
    ``UUID.__setstate__``, and graphs hold several UUIDs per row (a third less time)."""

    def reducer_override(self, obj: Any) -> Any:
        if obj.__class__ is uuid.UUID:
            return _uuid, (obj.int,)
        return NotImplemented


_new_object = object.__new__
_set_slot = object.__setattr__


def _uuid(value: int) -> uuid.UUID:
    """The UUID with this number (valid by construction: no checks)."""
    made = _new_object(uuid.UUID)
    _set_slot(made, "int", value)
    _set_slot(made, "is_safe", uuid.SafeUUID.unknown)
    return made


def receive(end: Connection, process: BaseProcess) -> tuple[str, Any]:
    """The child's next message, (kind, payload); a RuntimeError when it failed or
    ended silently."""
    try:
        kind, payload = pickle.loads(end.recv_bytes())  # noqa: S301 - our own child
    except EOFError:
        process.join(1)
        raise RuntimeError(
            f"a child process ended without an answer (exit code {process.exitcode})"
        ) from None
    if kind == "error":
        raise RuntimeError(f"a child process failed:\n{payload}")
    return kind, payload


def receive_plain(end: Connection) -> Any:
    """A message from the parent (``send``); None once the parent closed the pipe."""
    try:
        return pickle.loads(end.recv_bytes())  # noqa: S301 - from our own parent
    except EOFError:
        return None


def _run(
    target: Callable[..., None], to_parent: Connection, from_parent: Connection, *args: Any
) -> None:
    for conn in connections.all(initialized_only=True):
        conn.execute_wrappers.append(_no_database)
    # The parent, which alone writes, is the import's critical path: when more processes
    # want a core than there are, it goes first.
    with contextlib.suppress(OSError):
        os.nice(CHILD_NICENESS)
    try:
        target(to_parent, from_parent, *args)
    except BaseException:  # every failure must reach the parent
        send(to_parent, ("error", traceback.format_exc()))
    finally:
        to_parent.close()


def _no_database(*args: Any) -> Any:
    raise RuntimeError("a child process must not use the database (it is the parent's)")
