"""Log records as JSON lines, each with the id of the request it belongs to.

One JSON object per line: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``,
``request_id`` (inside a request), the exception text if any, and the plain values
(text, numbers, booleans) a caller passed with ``extra=``. Objects passed as extras
(Django passes the whole request to ``django.request``) are left out: a request holds
the client's address, user agent and cookies, which no log line may carry."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from .request_id import current_request_id

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_RECORD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None)).keys()
) | {"message", "asctime", "request_id"}
_PLAIN = (str, int, float, bool, type(None))


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on each record (``""`` outside a request) while
    the record is handled, which is still inside the request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "") or current_request_id()
        if request_id:
            event["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and isinstance(value, _PLAIN):
                event[key] = value
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            event["stack"] = self.formatStack(record.stack_info)
        return json.dumps(event, ensure_ascii=False, default=str)
