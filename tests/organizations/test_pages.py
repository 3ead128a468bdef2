"""The organisation pages for each role of the permission world: who sees what, who may
manage members, and what a user notices after each action."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.organizations.support import invite_to_org_a, sign_in_recently
from tests.staff_world import World, sign_in
from tsunagari.audit.models import AuditEvent
from tsunagari.organizations.models import (
    CoordinatorScope,
    Membership,
    MunicipalityPolicy,
    Organization,
    Role,
)

pytestmark = pytest.mark.django_db


def detail_url(world: World, org: str = "org_a") -> str:
    return reverse("organizations:detail", kwargs={"pk": getattr(world, org).pk})


def member_url(world: World, name: str, who: str) -> str:
    membership = Membership.objects.get(user=world.users[who])
    return reverse(
        f"organizations:{name}",
        kwargs={"pk": membership.organization_id, "membership_id": membership.pk},
    )


def test_the_list_shows_each_user_only_the_organisations_they_may_see(world: World):
    seen = {}
    for who in ("viewer_a", "editor_b", "coord_x", "coord_y", "admin"):
        page = sign_in(Client(), world.users[who]).get(reverse("organizations:list"))
        assert page.status_code == 200
        text = page.content.decode()
        seen[who] = {name for name in ("NPO法人 あおぞら", "社会福祉協議会 みどり") if name in text}
    assert seen["viewer_a"] == {"NPO法人 あおぞら"}
    assert seen["editor_b"] == {"社会福祉協議会 みどり"}
    assert seen["coord_x"] == seen["admin"] == {"NPO法人 あおぞら", "社会福祉協議会 みどり"}
    assert seen["coord_y"] == set()


def test_a_coordinator_registers_an_unregistered_organisation_of_their_municipality(
    world: World,
):
    client = sign_in(Client(), world.coord_y)
    page = client.get(reverse("organizations:list")).content.decode()
    assert "ちよだの会" in page
    assert "参加団体として登録" in page

    listing = world.service_y.organization
    response = client.post(reverse("organizations:register"), {"listing": listing.pk})
    organization = Organization.objects.get(listing=listing)
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:detail", kwargs={"pk": organization.pk})
    assert AuditEvent.objects.filter(
        action="organization.create", organization=organization
    ).exists()
    # The organisation is no longer offered for registration.
    client.get(response["Location"])  # shows the confirmation
    page = client.get(reverse("organizations:list")).content.decode()
    assert f'value="{listing.pk}"' not in page
    assert "まだ参加していない団体はありません" in page


def test_registering_is_refused_outside_ones_municipalities_and_for_partners(world: World):
    listing = world.service_y.organization
    url = reverse("organizations:register")
    assert sign_in(Client(), world.coord_x).post(url, {"listing": listing.pk}).status_code == 404
    assert sign_in(Client(), world.owner_a).post(url, {"listing": listing.pk}).status_code == 403
    assert sign_in(Client(), world.admin).get(url).status_code == 405
    assert not Organization.objects.filter(listing=listing).exists()


def test_members_read_the_member_list_and_only_managers_see_the_controls(world: World):
    for who, manages in (
        ("viewer_a", False),
        ("editor_a", False),
        ("owner_a", True),
        ("coord_x", True),
        ("admin", True),
    ):
        page = sign_in(Client(), world.users[who]).get(detail_url(world))
        assert page.status_code == 200, who
        text = page.content.decode()
        assert "editor_a" in text and "viewer_a" in text and "あおぞらサロン" in text
        assert ("招待のメールを送る" in text) is manages, who
        assert ("さんをメンバーから外す" in text) is manages, who
    assert sign_in(Client(), world.editor_b).get(detail_url(world)).status_code == 404
    assert sign_in(Client(), world.coord_y).get(detail_url(world)).status_code == 404


def test_an_owner_invites_and_the_invited_person_joins_with_a_new_account(
    world: World, django_capture_on_commit_callbacks
):
    owner = sign_in_recently(Client(), world.owner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(
            reverse("organizations:invite", kwargs={"pk": world.org_a.pk}),
            {"email": "hanako@example.jp", "role": "editor"},
        )
    assert response.status_code == 302
    assert "hanako@example.jp" in owner.get(detail_url(world)).content.decode()
    [message] = mail.outbox
    path = re.search(r"http://testserver(/staff/invitations/[^/\s]+/)", message.body).group(1)

    visitor = Client()
    page = visitor.get(path)
    assert page.status_code == 200
    assert "「NPO法人 あおぞら」への招待" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")

    # A mismatched confirmation is named at the field, and nothing is created.
    bad = visitor.post(
        path, {"username": "hanako", "password1": "a long pass 7", "password2": "other"}
    )
    assert bad.status_code == 200
    assert 'id="id_password2_error"' in bad.content.decode()
    assert not User.objects.filter(username="hanako").exists()

    joined = visitor.post(
        path, {"username": "hanako", "password1": "a long pass 7", "password2": "a long pass 7"}
    )
    assert joined["Location"] == detail_url(world)
    assert visitor.get(detail_url(world)).status_code == 200
    assert Membership.objects.get(user__username="hanako").role == Role.EDITOR

    again = Client().get(path)
    assert again.status_code == 410
    assert "すでに使われています" in again.content.decode()


def test_a_signed_in_person_joins_with_their_account(world: World):
    issued = invite_to_org_a(world, "outsider@example.jp", Role.VIEWER)
    client = sign_in(Client(), world.outsider)
    url = reverse("organizations:accept", kwargs={"token": issued.token})
    assert "outsider として参加する" in client.get(url).content.decode()
    assert client.post(url)["Location"] == detail_url(world)
    assert Membership.objects.get(user=world.outsider).role == Role.VIEWER


def test_an_owner_withdraws_a_pending_invitation_and_its_link_stops_working(world: World):
    issued = invite_to_org_a(world, "hanako@example.jp", Role.EDITOR)
    owner = sign_in_recently(Client(), world.owner_a)
    detail = owner.get(detail_url(world)).content.decode()
    withdraw = reverse(
        "organizations:invitation_withdraw",
        kwargs={"pk": world.org_a.pk, "invitation_id": issued.invitation.pk},
    )
    assert f'href="{withdraw}"' in detail
    assert "リンクが使えなくなります" in owner.get(withdraw).content.decode()
    done = owner.post(withdraw, follow=True)
    assert done.redirect_chain[-1][0] == detail_url(world)
    page = done.content.decode()
    assert "hanako@example.jp への招待を取り消しました" in page
    assert f'href="{withdraw}"' not in page
    event = AuditEvent.objects.get(action="member.invite_withdraw")
    assert event.actor == world.owner_a and event.organization_id == world.org_a.pk
    assert event.old_values == {"email": "hanako@example.jp", "role": "editor"}

    link = Client().get(reverse("organizations:accept", kwargs={"token": issued.token}))
    assert link.status_code == 410
    # Withdrawn already (another tab): not found, and nothing more is recorded.
    assert owner.post(withdraw).status_code == 404
    assert AuditEvent.objects.filter(action="member.invite_withdraw").count() == 1


def test_an_unknown_link_gets_a_kind_page(world: World):
    page = Client().get(reverse("organizations:accept", kwargs={"token": "nope"}))
    assert page.status_code == 404
    assert "招待してくれた方に、もう一度招待を送ってもらってください" in page.content.decode()


def test_member_management_asks_for_the_password_again(world: World):
    client = sign_in(Client(), world.owner_a)
    url = member_url(world, "member_role", "editor_a")
    response = client.post(url, {"role": "viewer"})
    # Without a recent password the change does not happen (the accounts app sends the
    # user to enter it again).
    assert response.status_code in (302, 403)
    assert Membership.objects.get(user=world.editor_a).role == Role.EDITOR


def test_role_change_and_removal_by_an_owner(world: World):
    client = sign_in_recently(Client(), world.owner_a)
    url = member_url(world, "member_role", "editor_a")
    assert client.get(url).status_code == 200
    assert client.post(url, {"role": "viewer"})["Location"] == detail_url(world)
    assert Membership.objects.get(user=world.editor_a).role == Role.VIEWER

    remove = member_url(world, "member_remove", "editor_a")
    assert "アカウントはそのまま残ります" in client.get(remove).content.decode()
    assert client.post(remove)["Location"] == detail_url(world)
    assert not Membership.objects.filter(user=world.editor_a).exists()


def test_the_last_owner_gets_a_clear_error_and_stays(world: World):
    client = sign_in_recently(Client(), world.owner_a)
    page = client.post(member_url(world, "member_role", "owner_a"), {"role": "editor"})
    assert page.status_code == 200
    assert "少なくとも1人のオーナーが必要です" in page.content.decode()
    page = client.post(member_url(world, "member_remove", "owner_a"))
    assert page.status_code == 400
    assert "少なくとも1人のオーナーが必要です" in page.content.decode()
    assert Membership.objects.get(user=world.owner_a).role == Role.OWNER


@pytest.mark.parametrize(
    ("who", "status"),
    [("viewer_a", 403), ("editor_a", 403), ("editor_b", 404), ("coord_y", 404)],
)
def test_others_cannot_manage_members(world: World, who: str, status: int):
    client = sign_in_recently(Client(), world.users[who])
    assert client.post(member_url(world, "member_remove", "viewer_a")).status_code == status
    invite_url = reverse("organizations:invite", kwargs={"pk": world.org_a.pk})
    assert client.post(invite_url, {"email": "x@example.jp", "role": "owner"}).status_code == status
    assert Membership.objects.filter(user=world.viewer_a).exists()
    assert mail.outbox == []


def test_a_membership_of_another_organisation_is_not_found_through_this_one(world: World):
    client = sign_in_recently(Client(), world.owner_a)
    other = Membership.objects.get(user=world.editor_b)
    url = reverse(
        "organizations:member_remove", kwargs={"pk": world.org_a.pk, "membership_id": other.pk}
    )
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_a_coordinator_sets_the_policy_of_their_municipality_only(world: World):
    url = reverse("organizations:policy", kwargs={"code": "132098"})
    client = sign_in(Client(), world.coord_x)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"review_partner_edits": "on", "stale_after_months": "0"})
    assert 'id="id_stale_after_months_error"' in bad.content.decode()
    assert not MunicipalityPolicy.objects.exists()
    assert client.post(url, {"stale_after_months": "6"}).status_code == 302
    policy = MunicipalityPolicy.objects.get(municipality_id="132098")
    assert (policy.review_partner_edits, policy.stale_after_months) == (False, 6)

    assert sign_in(Client(), world.coord_y).get(url).status_code == 404
    assert sign_in(Client(), world.owner_a).get(url).status_code == 404
    assert sign_in(Client(), world.admin).get(url).status_code == 200


def test_only_an_administrator_manages_coordinators(world: World):
    url = reverse("organizations:coordinators")
    for who in ("owner_a", "coord_x"):
        assert sign_in_recently(Client(), world.users[who]).get(url).status_code == 403
    client = sign_in_recently(Client(), world.admin)
    page = client.get(url).content.decode()
    assert "coord_x" in page and "coord_y" in page

    bad = client.post(url, {"add": "1", "username": "nobody", "municipality": "132098"})
    assert "このユーザー名のアカウントはありません" in bad.content.decode()
    response = client.post(url, {"add": "1", "username": "outsider", "municipality": "131016"})
    assert response.status_code == 302
    scope = CoordinatorScope.objects.get(user=world.outsider)
    assert scope.municipality_id == "131016"

    client.post(url, {"remove": str(scope.pk)})
    assert not CoordinatorScope.objects.filter(user=world.outsider).exists()
    assert list(
        AuditEvent.objects.filter(action__startswith="coordinator.").values_list(
            "action", flat=True
        )
    ) == ["coordinator.remove", "coordinator.add"]


def test_english_pages_are_translated(world: World):
    page = sign_in(Client(), world.owner_a).get("/en" + detail_url(world))
    text = page.content.decode()
    assert "Members" in text
    assert "メンバー" not in text


def test_the_list_costs_the_same_number_of_queries_for_more_organisations(world: World):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_service

    client = sign_in(Client(), world.coord_x)
    url = reverse("organizations:list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(3):
        service = make_service(f"サロン{number}", organization=f"会{number}", municipality="132098")
        assert service.organization is not None
        Organization.objects.create(listing=service.organization)
    with CaptureQueriesContext(connection) as more:
        page = client.get(url)
    assert "会2" in page.content.decode()
    assert len(more) == len(few)


def test_an_invitation_sent_from_an_english_page_is_mailed_in_japanese(
    world: World, django_capture_on_commit_callbacks
):
    owner = sign_in_recently(Client(), world.owner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(
            f"/en{reverse('organizations:invite', kwargs={'pk': world.org_a.pk})}",
            {"email": "hanako@example.jp", "role": "editor"},
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == "「NPO法人 あおぞら」のメンバーへの招待"
    assert "（役割：編集者）" in message.body
    assert "次のリンクを開いて、参加してください。" in message.body
