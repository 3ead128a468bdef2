"""A bound on 「情報がちがう」 reports, kept in the cache only: per client and service, per
client, and per service, within a short window (core.ratelimit says how a client is
known without keeping its address)."""

from __future__ import annotations

import uuid

from django.http import HttpRequest

from tsunagari.core.ratelimit import client_key, count

WINDOW_SECONDS = 10 * 60
PER_CLIENT_AND_SERVICE = 2
PER_CLIENT = 10
PER_SERVICE = 20


def report_allowed(request: HttpRequest, service_id: uuid.UUID) -> bool:
    """Count one report and say whether it is within every bound."""
    client = client_key(request, "freshness")
    counts = (
        (count(f"freshness:report:{client}:{service_id}", WINDOW_SECONDS), PER_CLIENT_AND_SERVICE),
        (count(f"freshness:report:{client}", WINDOW_SECONDS), PER_CLIENT),
        (count(f"freshness:report:service:{service_id}", WINDOW_SECONDS), PER_SERVICE),
    )
    return all(hits <= limit for hits, limit in counts)
