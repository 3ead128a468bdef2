"""Keeping listings true: residents' 「情報がちがう」 reports and the reminders sent to
organisations whose listings have not been verified for a while. The "last verified"
date itself is HSDS ``Service.assured_date`` (see selectors.verified_on)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Service
from tsunagari.organizations.models import Organization


class Reason(models.TextChoices):
    """What a resident found wrong. A closed list: it needs no personal words, and the
    organisation can act on it without asking back."""

    CLOSED = "closed", _("閉まっている・終了した")
    PHONE = "phone", _("電話番号がちがう")
    HOURS = "hours", _("時間・曜日がちがう")
    PLACE = "place", _("場所がちがう")
    CONTENT = "content", _("内容がちがう")
    OTHER = "other", _("その他")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("未対応")
    RESOLVED = "resolved", _("対応済み")


class ListingReport(models.Model):
    """One resident's 「情報がちがう」 about one service. Holds nothing about the sender:
    no name, no contact, no IP address, no session."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField("理由", max_length=20, choices=Reason.choices)
    text = models.TextField("くわしい内容", blank=True)
    created_at = models.DateTimeField("受付日時", auto_now_add=True, db_index=True)
    status = models.CharField(
        "状態", max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="対応した人",
    )
    resolved_at = models.DateTimeField("対応日時", null=True, blank=True)
    resolution_note = models.TextField("対応メモ", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "service"], name="report_status_service_idx")]
        verbose_name = "「情報がちがう」"
        verbose_name_plural = "「情報がちがう」"

    def __str__(self) -> str:
        return f"{self.service_id} {self.reason} ({self.status})"


class Reminder(models.Model):
    """A reminder e-mail sent to one organisation about its listings that were not
    verified for longer than their municipality allows."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="freshness_reminders"
    )
    services = models.ManyToManyField(Service, related_name="freshness_reminders")
    sent_at = models.DateTimeField("送信日時", db_index=True)
    recipient_count = models.PositiveSmallIntegerField("送信先の数", default=0)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = "確認のお願い"
        verbose_name_plural = "確認のお願い"

    def __str__(self) -> str:
        return f"{self.organization} {self.sent_at:%Y-%m-%d}"
