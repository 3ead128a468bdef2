"""Stewardship state that the directory itself does not hold: partner edits waiting for
a coordinator (``ChangeRequest``) and what an archived service was before
(``ArchivedService``), so that bringing it back restores its status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Service
from tsunagari.organizations.models import Organization


class ChangeRequest(models.Model):
    """A partner's edit of one service, kept until a coordinator approves or returns it.

    ``base`` is the editable part of the service as the editor saw it (stewardship/graph.py
    describes the shape) and ``proposed`` the same part as they want it; the difference
    is the change. Approval applies ``proposed`` only while the live service still equals
    ``base``, so nobody's later change is overwritten silently."""

    class Status(models.TextChoices):
        PENDING = "pending", _("確認待ち")
        APPROVED = "approved", _("承認済み")
        RETURNED = "returned", _("差し戻し")
        WITHDRAWN = "withdrawn", _("取り下げ")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="change_requests")
    # The stewarding organisation (None for a service no organisation stewards).
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("申請日時")
    status = models.CharField(
        "状態", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    base = models.JSONField("編集前")
    proposed = models.JSONField("編集後")
    comment = models.TextField("コメント", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField("確認日時", null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["service", "status"], name="change_service_status_idx")]
        constraints = [
            # One edit waits per service at a time: a second one would hide the first.
            models.UniqueConstraint(
                fields=["service"],
                condition=models.Q(status="pending"),
                name="change_one_pending_per_service",
            )
        ]
        verbose_name = "変更の申請"
        verbose_name_plural = "変更の申請"

    def __str__(self) -> str:
        return f"{self.service_id} ({self.status})"


class ArchivedService(models.Model):
    """A service archived from the staff pages (status set to 終了): the status it had,
    restored when it is brought back."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    previous_status = models.CharField(max_length=20)
    archived_at = models.DateTimeField("アーカイブ日時")

    class Meta:
        verbose_name = "アーカイブした掲載"
        verbose_name_plural = "アーカイブした掲載"

    def __str__(self) -> str:
        return f"{self.service_id} (was {self.previous_status})"
