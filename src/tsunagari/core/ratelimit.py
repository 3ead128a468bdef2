"""Short-window counters in the cache, for bounds on what one client may send (「情報が
ちがう」 reports, tries of a letter's invitation code).

A client is known only by a keyed hash of its address, used as a cache key and never
stored anywhere else; the address itself is neither stored nor logged.

Behind reverse proxies, REMOTE_ADDR is the nearest proxy's address, the same for every
resident, so all of them would share one bound. TRUSTED_PROXY_COUNT says how many
proxies in front of the site append to X-Forwarded-For; the client is then the address
the outermost of them saw. Entries left of that were written by the client itself and
are never trusted."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac


def client_address(request: HttpRequest) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        # Reached the site without passing every proxy (a health check on the inside,
        # or a proxy set up differently): the nearest sender is all that is known.
        return remote
    return forwarded[-proxies]


def client_key(request: HttpRequest, purpose: str) -> str:
    """The client's keyed hash, different for each ``purpose``."""
    return salted_hmac(f"tsunagari.{purpose}.client", client_address(request)).hexdigest()[:32]


def count(key: str, window_seconds: int) -> int:
    """Add one to the counter ``key`` and return it; the counter expires
    ``window_seconds`` after its first hit."""
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        return 1


def current(key: str) -> int:
    """The counter ``key`` as it stands (0 when none)."""
    return int(cache.get(key, 0))
