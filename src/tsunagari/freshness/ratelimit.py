"""A bound on 「情報がちがう」 reports, kept in the cache only: per client and service, per
client, and per service, within a short window. The client is known by a keyed hash of
its address, used as a cache key and never stored anywhere else (the address itself is
neither stored nor logged). Behind a reverse proxy, REMOTE_ADDR must be the client's
address (set by the proxy's trusted header handling), or all clients share one bound."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 10 * 60
PER_CLIENT_AND_SERVICE = 2
PER_CLIENT = 10
PER_SERVICE = 20


def _client(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("tsunagari.freshness.client", address).hexdigest()[:32]


def _count(key: str) -> int:
    """Add one to the counter ``key`` (it expires WINDOW_SECONDS after its first hit)."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def report_allowed(request: HttpRequest, service_id: uuid.UUID) -> bool:
    """Count one report and say whether it is within every bound."""
    client = _client(request)
    counts = (
        (_count(f"freshness:report:{client}:{service_id}"), PER_CLIENT_AND_SERVICE),
        (_count(f"freshness:report:{client}"), PER_CLIENT),
        (_count(f"freshness:report:service:{service_id}"), PER_SERVICE),
    )
    return all(count <= limit for count, limit in counts)
