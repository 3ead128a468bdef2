"""The access helpers decide alone who sees and changes what: these pin the world."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.staff_world import World
from tsunagari.organizations import permissions as perms

pytestmark = pytest.mark.django_db


def _visible(world: World, who: str) -> set[str]:
    return set(perms.services_visible_to(world.users[who]).values_list("name", flat=True))


def test_each_role_sees_only_its_own_listings(world: World) -> None:
    assert _visible(world, "viewer_a") == {"あおぞらサロン"}
    assert _visible(world, "editor_b") == {"みどり食堂"}
    assert _visible(world, "coord_x") == {"あおぞらサロン", "みどり食堂"}
    assert _visible(world, "coord_y") == {"ちよだ相談室"}
    assert _visible(world, "outsider") == set()
    assert {"あおぞらサロン", "みどり食堂", "ちよだ相談室"} <= _visible(world, "admin")


def test_another_organisations_service_is_not_found_and_a_viewer_cannot_edit(
    world: World,
) -> None:
    with pytest.raises(Http404):
        perms.service_for_user(world.editor_b, world.service_a.pk)
    with pytest.raises(Http404):
        perms.service_for_user(world.coord_y, world.service_a.pk)
    assert perms.service_for_user(world.viewer_a, world.service_a.pk) == world.service_a
    with pytest.raises(PermissionDenied):
        perms.service_for_user(world.viewer_a, world.service_a.pk, edit=True)
    assert perms.service_for_user(world.editor_a, world.service_a.pk, edit=True)
    assert perms.service_for_user(world.coord_x, world.service_b.pk, edit=True)


def test_only_owners_coordinators_and_admins_manage_members(world: World) -> None:
    assert perms.organization_for_user(world.owner_a, world.org_a.pk, manage=True)
    assert perms.organization_for_user(world.coord_x, world.org_a.pk, manage=True)
    assert perms.organization_for_user(world.admin, world.org_a.pk, manage=True)
    with pytest.raises(PermissionDenied):
        perms.organization_for_user(world.editor_a, world.org_a.pk, manage=True)
    with pytest.raises(Http404):
        perms.organization_for_user(world.editor_b, world.org_a.pk)
    with pytest.raises(Http404):
        perms.organization_for_user(world.outsider, "not-a-uuid")


def test_partner_edits_wait_for_review_unless_the_municipality_says_otherwise(
    world: World,
) -> None:
    assert perms.edit_needs_review(world.editor_a, world.service_a)
    assert not perms.edit_needs_review(world.coord_x, world.service_a)
    from tsunagari.organizations.models import MunicipalityPolicy

    MunicipalityPolicy.objects.create(municipality_id="132098", review_partner_edits=False)
    assert not perms.edit_needs_review(world.editor_a, world.service_a)


def test_two_factor_is_required_for_coordinators_and_admins_only(world: World) -> None:
    assert perms.needs_two_factor(world.coord_x)
    assert perms.needs_two_factor(world.admin)
    assert not perms.needs_two_factor(world.owner_a)
    assert not perms.needs_two_factor(world.outsider)
