"""The staff home shows where one stands and the way into the staff areas."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.staff_world import World, sign_in

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")


def test_a_member_sees_their_organisation_and_role(world: World, client: Client) -> None:
    body = sign_in(client, world.owner_a).get(HOME).content.decode()
    assert "NPO法人 あおぞら" in body
    assert "オーナー" in body
    assert "社会福祉協議会 みどり" not in body
    assert "担当している市区町村" not in body
    assert reverse("accounts:security") in body


def test_a_coordinator_sees_their_municipalities(world: World, client: Client) -> None:
    body = sign_in(client, world.coord_x).get(HOME).content.decode()
    assert "町田市（132098）" in body
    assert "千代田区" not in body
    assert "所属している団体" not in body


def test_an_administrator_is_told_so(world: World, client: Client) -> None:
    body = sign_in(client, world.admin).get(HOME).content.decode()
    assert "このサイトの管理者です" in body


def test_the_home_in_english(world: World, client: Client) -> None:
    response = sign_in(client, world.owner_a).get("/en" + HOME)
    assert response.status_code == 200
    assert "Your roles" in response.content.decode()


def test_the_staff_menu_offers_the_audit_records_only_to_those_who_may_read_them(
    world: World,
) -> None:
    from django.test import Client

    from tests.staff_world import sign_in

    partner = sign_in(Client(), world.owner_a).get("/staff/").content.decode()
    coordinator = sign_in(Client(), world.coord_x).get("/staff/").content.decode()
    assert "/staff/audit/" not in partner
    assert "/staff/audit/" in coordinator
