"""The accounts rows of the permission matrix, checked here until (and alongside) the
matrix that walks every URL; also: every accounts URL has a row."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from tests.permissions.matrix_accounts import EXPECTED, KWARGS
from tests.staff_world import World, sign_in

pytestmark = pytest.mark.django_db


def test_every_accounts_url_has_a_row() -> None:
    names = {
        f"accounts:{name}"
        for name in get_resolver().namespace_dict["accounts"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status_per_role(world: World, name: str) -> None:
    url = reverse(name, kwargs=KWARGS.get(name))
    got = {}
    for role in EXPECTED[name]:
        client = Client()
        if role != "anonymous":
            sign_in(client, world.users[role])
        got[role] = client.get(url).status_code
    assert got == EXPECTED[name]
