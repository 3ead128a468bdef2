"""A bound on wrong tries of a letter's invitation code, per client: after TRIES wrong
codes within WINDOW_SECONDS, the page stops checking codes from that client until the
window ends, so codes cannot be found by trying many. A resident who mistypes a few
times is not held back."""

from __future__ import annotations

from django.http import HttpRequest

from tsunagari.core.ratelimit import client_key, count, current

TRIES = 10
WINDOW_SECONDS = 15 * 60


def _key(request: HttpRequest) -> str:
    return f"surveys:letter:{client_key(request, 'letter')}"


def may_try(request: HttpRequest) -> bool:
    return current(_key(request)) < TRIES


def count_wrong_try(request: HttpRequest) -> None:
    count(_key(request), WINDOW_SECONDS)
