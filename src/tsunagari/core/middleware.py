"""Middleware every request passes through first."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponseBase

from .request_id import forget_request_id, remember_request_id, request_id_from_header

access_log = logging.getLogger("tsunagari.request")

HEADER = "X-Request-ID"


class RequestIdMiddleware:
    """Gives each request an id (the proxy's ``X-Request-ID`` when it is a safe token,
    else a new one) on ``request.request_id``, on the response header and on every log
    line written while the request is served; then writes one access-log line.

    The access line holds the method, the path without its query string (on public
    pages the query is what a resident searched for), the status and the duration:
    never an IP address, a user agent or a user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = request_id_from_header(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        # Kept until the response is closed (request_finished), not just until this
        # returns: Django logs "Not Found" and server errors after the middleware.
        remember_request_id(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[HEADER] = request_id
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        access_log.info(
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response


request_finished.connect(forget_request_id, dispatch_uid="tsunagari.core.forget_request_id")
