"""The Django admin is a staff door too: a superuser's password alone must not open it."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.staff_world import World, sign_in

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_superuser_without_the_second_factor(world: World) -> None:
    client = Client()
    client.force_login(world.admin)  # password only, no second factor
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_admin_opens_after_the_second_factor(world: World) -> None:
    response = sign_in(Client(), world.admin).get("/admin/")
    assert response.status_code == 200
