"""Who may do what: stewarding organisations, their members' roles, coordinators'
municipalities and each municipality's stewardship policy. Roles are data (rows), never
code branches on user names; platform administrators are Django superusers."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Municipality
from tsunagari.directory.models import Organization as Listing


class Role(models.TextChoices):
    """A member's role in one organisation, from most to least trusted."""

    OWNER = "owner", _("オーナー")
    EDITOR = "editor", _("編集者")
    VIEWER = "viewer", _("閲覧者")


class Organization(models.Model):
    """An organisation that keeps its own listings true (an NPO, 社協, 地域包括支援センター,
    clinic, company or a municipal section). It stewards one HSDS organization of the
    directory (its ``listing``) and through it that organization's services and locations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    listing = models.OneToOneField(
        Listing, on_delete=models.PROTECT, related_name="steward", verbose_name="掲載団体"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        ordering = ["listing__name"]
        verbose_name = "参加団体"
        verbose_name_plural = "参加団体"

    def __str__(self) -> str:
        return self.listing.name

    @property
    def name(self) -> str:
        return self.listing.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("役割", max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique")
        ]
        verbose_name = "メンバー"
        verbose_name_plural = "メンバー"

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.role})"


class CoordinatorScope(models.Model):
    """A coordinator (孤独・孤立対策担当) of one municipality. A user may coordinate several
    municipalities, e.g. a prefecture's staff for its towns."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator_scopes"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="coordinator_unique")
        ]
        verbose_name = "コーディネーター"
        verbose_name_plural = "コーディネーター"

    def __str__(self) -> str:
        return f"{self.user} — {self.municipality}"


class MunicipalityPolicy(models.Model):
    """How stewardship works in one municipality. Without a row, the defaults apply."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    review_partner_edits = models.BooleanField(
        "団体の編集をコーディネーターが確認してから公開する",
        default=True,
        help_text="オフにすると、団体の編集はすぐに公開されます。",
    )
    stale_after_months = models.PositiveSmallIntegerField("確認をお願いするまでの月数", default=12)
    # The municipality's own survey results are for its coordinators until it decides to
    # publish them (its council may see them first).
    publish_survey_results = models.BooleanField("調査の結果を公開する", default=False)

    class Meta:
        verbose_name = "自治体ごとの運用"
        verbose_name_plural = "自治体ごとの運用"

    def __str__(self) -> str:
        return str(self.municipality)


class Invitation(models.Model):
    """An owner's (or coordinator's) invitation to join an organisation, sent by e-mail.

    Only a hash of the token is stored: the raw token lives only in the e-mailed link, so
    someone who reads the database (or a backup) cannot accept an invitation. A token works
    once, until ``expires_at``, and not after it is revoked."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("メールアドレス")
    role = models.CharField("役割", max_length=10, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="招待した人",
    )
    created_at = models.DateTimeField("招待日時", default=timezone.now)
    expires_at = models.DateTimeField("有効期限")
    accepted_at = models.DateTimeField("参加日時", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="参加した人",
    )
    revoked = models.BooleanField("取り消し", default=False)

    class Meta:
        constraints = [
            # Inviting the same address again replaces (revokes) the pending invitation.
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked=False),
                name="invitation_one_pending",
            )
        ]
        ordering = ["-created_at"]
        verbose_name = "招待"
        verbose_name_plural = "招待"

    def __str__(self) -> str:
        return f"{self.email} → {self.organization} ({self.role})"
