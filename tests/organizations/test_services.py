"""The organisation services: audit events name the organisation, an organisation keeps an
owner, invitation tokens are stored hashed and work once until they expire."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.staff_world import World, sign_in
from tsunagari.audit.models import AuditEvent
from tsunagari.audit.services import Actor
from tsunagari.directory.models import Municipality
from tsunagari.organizations import services
from tsunagari.organizations.models import (
    CoordinatorScope,
    Invitation,
    Membership,
    MunicipalityPolicy,
    Organization,
    Role,
)

pytestmark = pytest.mark.django_db


def actor(user: User) -> Actor:
    return Actor(label=user.username, user_id=user.pk, request_id="req-1")


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()  # type: ignore[return-value]


def invite(world: World, email: str = "new@example.jp", role: str = Role.EDITOR):
    return services.invitation_create(
        actor=actor(world.owner_a),
        organization=world.org_a,
        email=email,
        role=role,
        base_url="https://tsunagari.example.jp/",
    )


def test_registering_a_listing_creates_the_organisation_with_an_audit_event(world: World):
    listing = world.service_y.organization
    organization = services.organization_register(actor=actor(world.coord_y), listing=listing)
    event = last_event()
    assert event.action == "organization.create"
    assert event.organization_id == organization.pk
    assert event.actor_id == world.coord_y.pk
    assert event.request_id == "req-1"
    with pytest.raises(ValidationError, match="すでに参加団体"):
        services.organization_register(actor=actor(world.coord_y), listing=listing)
    assert Organization.objects.filter(listing=listing).count() == 1


def test_an_invitation_mails_a_link_whose_token_is_stored_only_as_a_hash(
    world: World, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issued = invite(world, email=" New@Example.JP ")
    invitation = issued.invitation
    assert invitation.email == "new@example.jp"
    assert issued.token not in invitation.token_hash
    assert invitation.token_hash == services.token_hash(issued.token)
    assert not Invitation.objects.filter(token_hash=issued.token).exists()

    [message] = mail.outbox
    assert message.to == ["new@example.jp"]
    assert "NPO法人 あおぞら" in message.subject
    link = re.search(r"https://tsunagari\.example\.jp/\S+", message.body)
    assert link is not None
    assert link.group(0).endswith(f"/staff/invitations/{issued.token}/")
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)

    event = last_event()
    assert event.action == "member.invite"
    assert event.organization_id == world.org_a.pk
    assert event.new_values["email"] == "new@example.jp"


def test_no_mail_goes_out_when_the_invitation_is_rolled_back(
    world: World, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invite(world)
        raise RuntimeError
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_inviting_the_same_address_again_replaces_the_pending_invitation(world: World):
    first = invite(world)
    second = invite(world, role=Role.VIEWER)
    first.invitation.refresh_from_db()
    assert first.invitation.revoked
    with pytest.raises(services.InvitationUnusable) as caught:
        services.invitation_by_token(first.token)
    assert caught.value.reason == "revoked"
    assert services.invitation_by_token(second.token).role == Role.VIEWER


def test_two_invitations_of_one_address_at_once_give_a_clear_error(world: World, monkeypatch):
    # The other person's invitation is stored between this one's look for a pending
    # invitation and its insert, as when two owners press the button together.
    create = Invitation.objects.create

    def others_first(**fields):
        create(**{**fields, "token_hash": "0" * 64})
        return create(**fields)

    monkeypatch.setattr(Invitation.objects, "create", others_first)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="ちょうど今ほかの方が招待を送りました") as caught:
        invite(world)
    assert "email" in caught.value.message_dict
    assert AuditEvent.objects.count() == events
    assert not mail.outbox


def test_inviting_someone_who_is_already_a_member_is_refused(world: World):
    with pytest.raises(ValidationError, match="すでにメンバー"):
        invite(world, email="editor_a@example.jp")
    assert not Invitation.objects.exists()


def test_accepting_creates_an_account_and_a_membership_once(world: World):
    issued = invite(world, role=Role.VIEWER)
    account = services.NewAccount(username="hanako", password="a long pass phrase 7")
    membership = services.invitation_accept(token=issued.token, new_account=account)

    hanako = User.objects.get(username="hanako")
    assert hanako.email == "new@example.jp"
    assert hanako.check_password("a long pass phrase 7")
    assert membership.user == hanako
    assert membership.organization == world.org_a
    assert membership.role == Role.VIEWER
    event = last_event()
    assert (event.action, event.organization_id, event.actor_id) == (
        "member.join",
        world.org_a.pk,
        hanako.pk,
    )

    with pytest.raises(services.InvitationUnusable) as caught:
        services.invitation_accept(token=issued.token, user=world.outsider)
    assert caught.value.reason == "used"
    assert not Membership.objects.filter(user=world.outsider).exists()


def test_an_expired_or_unknown_token_does_nothing(world: World):
    issued = invite(world)
    Invitation.objects.filter(pk=issued.invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    for token, reason in ((issued.token, "expired"), ("not-a-token", "unknown")):
        with pytest.raises(services.InvitationUnusable) as caught:
            services.invitation_accept(token=token, user=world.outsider)
        assert caught.value.reason == reason
    assert not Membership.objects.filter(user=world.outsider).exists()


def test_a_weak_password_or_a_taken_user_name_leaves_the_invitation_usable(world: World):
    issued = invite(world)
    with pytest.raises(ValidationError) as caught:
        services.invitation_accept(
            token=issued.token,
            new_account=services.NewAccount(username="hanako", password="12345678"),
        )
    assert "password1" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.invitation_accept(
            token=issued.token,
            new_account=services.NewAccount(username="Editor_A", password="a long pass 7"),
        )
    assert "username" in caught.value.message_dict
    assert not User.objects.filter(username="hanako").exists()
    assert services.invitation_by_token(issued.token).accepted_at is None


def test_a_signed_in_member_cannot_join_twice(world: World):
    issued = invite(world, email="someone@example.jp")
    with pytest.raises(ValidationError, match="すでにこの団体のメンバー"):
        services.invitation_accept(token=issued.token, user=world.editor_a)
    assert services.invitation_by_token(issued.token).accepted_at is None


def test_role_changes_and_removals_are_audited(world: World):
    membership = Membership.objects.get(user=world.editor_a)
    services.membership_change_role(
        actor=actor(world.owner_a), membership=membership, role=Role.VIEWER
    )
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER
    event = last_event()
    assert event.action == "member.role"
    assert event.organization_id == world.org_a.pk
    assert (event.old_values["role"], event.new_values["role"]) == ("editor", "viewer")

    services.membership_remove(actor=actor(world.owner_a), membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = last_event()
    assert event.action == "member.remove"
    assert event.organization_id == world.org_a.pk
    assert event.old_values == {"user": "editor_a", "role": "viewer"}


def test_the_last_owner_can_be_neither_demoted_nor_removed(world: World):
    owner = Membership.objects.get(user=world.owner_a)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="少なくとも1人のオーナー"):
        services.membership_change_role(
            actor=actor(world.owner_a), membership=owner, role=Role.EDITOR
        )
    with pytest.raises(ValidationError, match="少なくとも1人のオーナー"):
        services.membership_remove(actor=actor(world.coord_x), membership=owner)
    owner.refresh_from_db()
    assert owner.role == Role.OWNER
    assert AuditEvent.objects.count() == events

    # With a second owner, the first may step down.
    editor = Membership.objects.get(user=world.editor_a)
    services.membership_change_role(actor=actor(world.owner_a), membership=editor, role="owner")
    services.membership_remove(actor=actor(world.owner_a), membership=owner)
    assert list(
        Membership.objects.filter(organization=world.org_a, role=Role.OWNER).values_list(
            "user__username", flat=True
        )
    ) == ["editor_a"]


def test_coordinators_are_added_and_removed_with_audit_events(world: World):
    chiyoda = Municipality.objects.get(code="131016")
    scope = services.coordinator_add(
        actor=actor(world.admin), user=world.outsider, municipality=chiyoda
    )
    assert last_event().action == "coordinator.add"
    with pytest.raises(ValidationError, match="すでに"):
        services.coordinator_add(
            actor=actor(world.admin), user=world.outsider, municipality=chiyoda
        )
    services.coordinator_remove(actor=actor(world.admin), scope=scope)
    assert last_event().action == "coordinator.remove"
    assert not CoordinatorScope.objects.filter(user=world.outsider).exists()


def test_policy_update_stores_the_policy_and_refuses_a_bad_month_count(world: World):
    machida = Municipality.objects.get(code="132098")
    services.policy_update(
        actor=actor(world.coord_x),
        municipality=machida,
        review_partner_edits=False,
        stale_after_months=6,
    )
    policy = MunicipalityPolicy.objects.get(municipality=machida)
    assert (policy.review_partner_edits, policy.stale_after_months) == (False, 6)
    event = last_event()
    assert event.action == "policy.update"
    assert event.old_values == {
        "review_partner_edits": True,
        "stale_after_months": 12,
        "publish_survey_results": False,
    }
    with pytest.raises(ValidationError):
        services.policy_update(
            actor=actor(world.coord_x),
            municipality=machida,
            review_partner_edits=True,
            stale_after_months=0,
        )
    policy.refresh_from_db()
    assert (policy.review_partner_edits, policy.stale_after_months) == (False, 6)


def test_the_admin_shows_invitations_without_their_token_hash(world: World, client):
    issued = invite(world)
    sign_in(client, world.admin)  # the admin asks for the second factor
    listing = client.get("/admin/organizations/invitation/").content.decode()
    assert "new@example.jp" in listing
    page = client.get(f"/admin/organizations/invitation/{issued.invitation.pk}/change/")
    assert page.status_code == 200
    assert issued.invitation.token_hash not in page.content.decode()
