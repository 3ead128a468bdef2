"""Runs tests/permissions/matrix_freshness.py until the shared matrix framework walks it,
and checks that every freshness URL has an entry."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from tests.permissions.matrix_freshness import EXPECTED, URLS, objects
from tests.staff_world import sign_in


def test_every_freshness_url_has_an_entry() -> None:
    resolver = get_resolver()
    names = {
        f"freshness:{name}"
        for name in resolver.namespace_dict["freshness"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(EXPECTED) == set(URLS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status(world, name: str) -> None:
    """Every role in turn against one world (a success changes nothing another role's
    answer depends on: verifying again, resolving a resolved report)."""
    found = objects(world)
    spec = URLS[name]
    url = reverse(name, kwargs={k: found[v] for k, v in spec["kwargs"].items()})
    answers = {}
    for role in EXPECTED[name]:
        client = Client()
        if role != "anonymous":
            sign_in(client, world.users[role])
        answers[role] = getattr(client, spec["method"])(url).status_code
    assert answers == EXPECTED[name]
