"""Runs tests/permissions/matrix_stewardship.py until the shared permission-matrix
framework does; also fails when a stewardship URL has no entry."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from tests.permissions import matrix_stewardship as matrix
from tests.staff_world import sign_in

pytestmark = pytest.mark.django_db


def _client(world, role: str) -> Client:
    client = Client()
    return client if role == "anonymous" else sign_in(client, world.users[role])


def test_every_stewardship_url_has_an_entry():
    names = {
        f"stewardship:{name}"
        for name in get_resolver().namespace_dict["stewardship"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(matrix.EXPECTED)


@pytest.mark.parametrize("role", matrix.ROLES)
def test_get(world, role):
    kwargs = matrix.kwargs(world)
    found = {
        name: _client(world, role).get(reverse(name, kwargs=kwargs.get(name))).status_code
        for name in matrix.EXPECTED
    }
    assert found == {name: row[role] for name, row in matrix.EXPECTED.items()}


@pytest.mark.parametrize("role", matrix.ROLES)
@pytest.mark.parametrize("name", sorted(matrix.EXPECTED_POST))
def test_post(world, role, name):
    kwargs = matrix.kwargs(world)
    # Without a pending request, so archiving is not refused for waiting on one.
    from tsunagari.stewardship.models import ChangeRequest

    ChangeRequest.objects.all().delete()
    status = _client(world, role).post(reverse(name, kwargs=kwargs.get(name))).status_code
    assert status == matrix.EXPECTED_POST[name][role]
