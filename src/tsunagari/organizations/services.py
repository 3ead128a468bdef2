"""Changes to organisations, their members, coordinators and municipality policies.

Each function changes rows and records its audit event in the same transaction (the
event names the organisation concerned, so its members and coordinators find it). The
caller has already decided, through ``permissions``, that the actor may do this; the
functions here guard the rules that hold whoever acts (an organisation keeps an owner,
an invitation works once)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record
from tsunagari.directory.models import Municipality
from tsunagari.directory.models import Organization as Listing

from .models import CoordinatorScope, Invitation, Membership, MunicipalityPolicy, Organization, Role

INVITATION_DAYS_DEFAULT = 7
STALE_MONTHS_RANGE = (1, 120)


def invitation_days() -> int:
    """How long an invitation link works (setting ``TSUNAGARI_INVITATION_DAYS``)."""
    return int(getattr(settings, "TSUNAGARI_INVITATION_DAYS", INVITATION_DAYS_DEFAULT))


def token_hash(token: str) -> str:
    """The stored form of an invitation token. The tokens are 256 random bits, so a plain
    SHA-256 is enough (no salt or stretching is needed against guessing)."""
    return hashlib.sha256(token.encode()).hexdigest()


# -- organisations ----------------------------------------------------------------------


def organization_register(*, actor: Actor, listing: Listing) -> Organization:
    """Register an HSDS organization of the directory as a stewarding organisation."""
    with transaction.atomic():
        if Organization.objects.filter(listing=listing).exists():
            raise ValidationError(_("この団体は、すでに参加団体として登録されています。"))
        organization = Organization.objects.create(listing=listing)
        audit_record(
            actor=actor,
            action=AuditAction.ORGANIZATION_CREATE,
            object_type="organization",
            object_id=organization.pk,
            new={"listing": listing.pk, "name": listing.name},
            organization_id=organization.pk,
        )
    return organization


# -- invitations --------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    # The raw token: it goes into the e-mailed link and is never stored.
    token: str


def invitation_create(
    *,
    actor: Actor,
    organization: Organization,
    email: str,
    role: str,
    base_url: str = "",
) -> IssuedInvitation:
    """Invite ``email`` to join ``organization`` with ``role`` and e-mail a one-time link
    (after the commit, so no mail goes out for a change that did not happen). A pending
    invitation to the same address is replaced. ``base_url`` (scheme and host) makes the
    link absolute."""
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": _("役割を選んでください。")})
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError({"email": _("このメールアドレスの方は、すでにメンバーです。")})
    token = secrets.token_urlsafe(32)
    try:
        invitation = _invitation_replace(actor, organization, email, role, token)
    except IntegrityError as error:
        # Someone else invited the same address at the same moment: theirs stands.
        raise ValidationError(
            {
                "email": _(
                    "このメールアドレスには、ちょうど今ほかの方が招待を送りました。返事を待っている招待の一覧を確かめてください。"
                )
            }
        ) from error
    link = base_url.rstrip("/") + reverse("organizations:accept", args=[token])
    transaction.on_commit(lambda: _send_invitation(invitation, link))
    return IssuedInvitation(invitation, token)


def _invitation_replace(
    actor: Actor, organization: Organization, email: str, role: str, token: str
) -> Invitation:
    """Revoke the address's pending invitation, if any, and create the new one."""
    with transaction.atomic():
        replaced = list(
            Invitation.objects.select_for_update()
            .filter(organization=organization, email=email, accepted_at__isnull=True)
            .filter(revoked=False)
            .values_list("pk", flat=True)
        )
        Invitation.objects.filter(pk__in=replaced).update(revoked=True)
        now = timezone.now()
        invitation = Invitation.objects.create(
            organization=organization,
            email=email,
            role=role,
            token_hash=token_hash(token),
            invited_by_id=actor.user_id,
            created_at=now,
            expires_at=now + timedelta(days=invitation_days()),
        )
        audit_record(
            actor=actor,
            action=AuditAction.MEMBER_INVITE,
            object_type="invitation",
            object_id=invitation.pk,
            old={"replaced": replaced} if replaced else None,
            new={"email": email, "role": role, "expires_at": invitation.expires_at},
            organization_id=organization.pk,
        )
    return invitation


def invitation_withdraw(*, actor: Actor, invitation: Invitation) -> None:
    """Withdraw a pending invitation: its link stops working at once. An invitation
    accepted or replaced in the meantime is left as it is, with an error saying so."""
    with transaction.atomic():
        withdrawn = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked=False
        ).update(revoked=True)
        if not withdrawn:
            raise ValidationError(
                _(
                    "この招待は、すでに使われたか、取り消されています。一覧で今の状態を確かめてください。"
                )
            )
        audit_record(
            actor=actor,
            action=AuditAction.MEMBER_INVITE_WITHDRAW,
            object_type="invitation",
            object_id=invitation.pk,
            old={"email": invitation.email, "role": invitation.role},
            new={"revoked": True},
            organization_id=invitation.organization_id,
        )


def _send_invitation(invitation: Invitation, link: str) -> None:
    # Staff mail is in Japanese, the working language of the staff side (as the
    # reminders are), whatever language the inviter's pages were in: the invited
    # person's language is not known.
    with translation.override("ja"):
        context = {
            "organization": invitation.organization.name,
            "role": invitation.get_role_display(),
            "link": link,
            "expires_at": invitation.expires_at,
            "site_name": settings.TSUNAGARI_SITE_NAME,
        }
        subject = _("「%(name)s」のメンバーへの招待") % {"name": invitation.organization.name}
        body = render_to_string("organizations/invitation_email.txt", context)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[invitation.email])


class InvitationUnusable(Exception):
    """The link cannot be used; ``reason`` is unknown, expired, used or revoked."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def invitation_by_token(token: str) -> Invitation:
    """The pending invitation a link's token opens, or ``InvitationUnusable``."""
    invitation = (
        Invitation.objects.select_related("organization__listing")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.revoked:
        raise InvitationUnusable("revoked")
    if invitation.accepted_at is not None:
        raise InvitationUnusable("used")
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable("expired")
    return invitation


@dataclass(frozen=True)
class NewAccount:
    username: str
    password: str


def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    new_account: NewAccount | None = None,
    request_id: str = "",
) -> Membership:
    """Join the invitation's organisation with its role, as ``user`` (signed in) or as a
    new account made from ``new_account`` with the invited e-mail address. The token
    works once: a second use, even at the same moment, raises ``InvitationUnusable``."""
    if (user is None) == (new_account is None):
        raise ValueError("give either user or new_account")
    with transaction.atomic():
        invitation = invitation_by_token(token)
        # Claim the invitation with a conditional update: of two simultaneous uses, one
        # changes the row and the other finds nothing left to claim.
        now = timezone.now()
        claimed = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked=False, expires_at__gt=now
        ).update(accepted_at=now)
        if not claimed:
            raise InvitationUnusable("used")
        if new_account is not None:
            user = _account_create(new_account, email=invitation.email)
        assert user is not None
        if Membership.objects.filter(user=user, organization=invitation.organization).exists():
            raise ValidationError(_("このアカウントは、すでにこの団体のメンバーです。"))
        membership = Membership.objects.create(
            user=user, organization=invitation.organization, role=invitation.role
        )
        Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
        audit_record(
            actor=Actor(label=user.get_username(), user_id=user.pk, request_id=request_id),
            action=AuditAction.MEMBER_JOIN,
            object_type="membership",
            object_id=membership.pk,
            new={"user": user.get_username(), "role": invitation.role, "invitation": invitation.pk},
            organization_id=invitation.organization_id,
        )
    return membership


def _account_create(account: NewAccount, *, email: str) -> User:
    user_model = get_user_model()
    username = account.username.strip()
    if not username:
        raise ValidationError({"username": _("ユーザー名を入力してください。")})
    if user_model.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("このユーザー名は、すでに使われています。")})
    candidate = user_model(username=username, email=email)
    try:
        password_validation.validate_password(account.password, user=candidate)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from error
    candidate.set_password(account.password)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError as error:
        raise ValidationError(
            {"username": _("このユーザー名は、すでに使われています。")}
        ) from error
    return candidate


# -- members ------------------------------------------------------------------------------


def _keep_an_owner(membership: Membership) -> None:
    """Refuse to take the last owner away (the owners' rows are locked, so two owners
    demoting each other at once cannot both succeed)."""
    owners = list(
        Membership.objects.select_for_update()
        .filter(organization_id=membership.organization_id, role=Role.OWNER)
        .values_list("pk", flat=True)
    )
    if owners == [membership.pk]:
        raise ValidationError(
            _(
                "団体には、少なくとも1人のオーナーが必要です。"
                "先に別のメンバーをオーナーにしてください。"
            )
        )


def membership_change_role(*, actor: Actor, membership: Membership, role: str) -> Membership:
    """Give the member another role; the organisation keeps at least one owner."""
    if role not in Role.values:
        raise ValidationError({"role": _("役割を選んでください。")})
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        old = membership.role
        if old == role:
            return membership
        if old == Role.OWNER:
            _keep_an_owner(membership)
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor,
            action=AuditAction.MEMBER_ROLE,
            object_type="membership",
            object_id=membership.pk,
            old={"user": membership.user.get_username(), "role": old},
            new={"user": membership.user.get_username(), "role": role},
            organization_id=membership.organization_id,
        )
    return membership


def membership_remove(*, actor: Actor, membership: Membership) -> None:
    """Take the member out of the organisation (their account stays); the organisation
    keeps at least one owner."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Role.OWNER:
            _keep_an_owner(membership)
        audit_record(
            actor=actor,
            action=AuditAction.MEMBER_REMOVE,
            object_type="membership",
            object_id=membership.pk,
            old={"user": membership.user.get_username(), "role": membership.role},
            organization_id=membership.organization_id,
        )
        membership.delete()


# -- coordinators and policies ---------------------------------------------------------------


def coordinator_add(*, actor: Actor, user: User, municipality: Municipality) -> CoordinatorScope:
    """Make ``user`` a coordinator of ``municipality`` (administrators only; checked by
    the caller). They will need a second factor from their next staff page on."""
    with transaction.atomic():
        if CoordinatorScope.objects.filter(user=user, municipality=municipality).exists():
            raise ValidationError(_("この方は、すでにこの自治体のコーディネーターです。"))
        scope = CoordinatorScope.objects.create(user=user, municipality=municipality)
        audit_record(
            actor=actor,
            action=AuditAction.COORDINATOR_ADD,
            object_type="coordinator_scope",
            object_id=scope.pk,
            new={"user": user.get_username(), "municipality": municipality.code},
        )
    return scope


def coordinator_remove(*, actor: Actor, scope: CoordinatorScope) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.COORDINATOR_REMOVE,
            object_type="coordinator_scope",
            object_id=scope.pk,
            old={"user": scope.user.get_username(), "municipality": scope.municipality_id},
        )
        scope.delete()


def policy_update(
    *,
    actor: Actor,
    municipality: Municipality,
    review_partner_edits: bool,
    stale_after_months: int,
    publish_survey_results: bool | None = None,
) -> MunicipalityPolicy:
    """Set how stewardship works in ``municipality``, and whether its survey results are
    published (None: as it is)."""
    low, high = STALE_MONTHS_RANGE
    if not low <= stale_after_months <= high:
        raise ValidationError(
            {
                "stale_after_months": _("%(low)s から %(high)s までの月数を入れてください。")
                % {"low": low, "high": high}
            }
        )
    with transaction.atomic():
        policy = (
            MunicipalityPolicy.objects.select_for_update().filter(municipality=municipality).first()
        )
        if policy is None:
            policy = MunicipalityPolicy(municipality=municipality)
        if publish_survey_results is None:
            publish_survey_results = policy.publish_survey_results
        old = {
            "review_partner_edits": policy.review_partner_edits,
            "stale_after_months": policy.stale_after_months,
            "publish_survey_results": policy.publish_survey_results,
        }
        new = {
            "review_partner_edits": review_partner_edits,
            "stale_after_months": stale_after_months,
            "publish_survey_results": publish_survey_results,
        }
        if old == new and policy._state.adding is False:
            return policy
        policy.review_partner_edits = review_partner_edits
        policy.stale_after_months = stale_after_months
        policy.publish_survey_results = publish_survey_results
        policy.save()
        audit_record(
            actor=actor,
            action=AuditAction.POLICY_UPDATE,
            object_type="municipality_policy",
            object_id=municipality.code,
            old=old,
            new=new,
        )
    return policy
