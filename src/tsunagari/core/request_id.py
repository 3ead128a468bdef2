"""The id of the request being served, for log lines and audit events.

``RequestIdMiddleware`` sets it for the length of a request; code that runs outside
one (management commands, tests, background work) sees ``""``."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar
from typing import Any

# An id from the reverse proxy is kept only if it is plainly a token (nginx's
# $request_id, a UUID, ...): anything else in the header is not ours to log.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")

_current: ContextVar[str] = ContextVar("tsunagari_request_id", default="")


def current_request_id() -> str:
    """The id of the request this code runs in, or ``""`` outside a request."""
    return _current.get()


def remember_request_id(request_id: str) -> None:
    _current.set(request_id)


def forget_request_id(**kwargs: Any) -> None:
    """Receiver of ``request_finished``: the request is over."""
    _current.set("")


def request_id_from_header(value: str | None) -> str:
    """``value`` if it is a safe token (8–64 letters, digits, ``.``, ``_``, ``-``),
    else a new random id (32 hex digits)."""
    if value and SAFE_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex
