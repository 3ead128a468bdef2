"""Surveys a municipality runs: the questions (instrument items and its own), the
responses (no names, no contact data), and the invitation codes printed on letters.

Codes and responses are kept apart so that no one can tell which letter gave which
answers: a Response has no link to its InvitationCode (no key, no shared value), the code
keeps only a ``used`` flag (no time of use), a response keeps only the day it came in
(not the time), its id is random (a UUID, not a sequence that follows the order of use),
and residents' answers are not written to the audit record."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_public_token() -> str:
    return secrets.token_urlsafe(12)


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("準備中")
    OPEN = "open", _("回答受付中")
    CLOSED = "closed", pgettext_lazy("survey status", "終了")


class Mode(models.TextChoices):
    WEB = "web", _("ウェブ（公開リンク）")
    LETTER = "letter", _("ウェブ（郵送の招待コード）")
    PAPER = "paper", _("紙の回答（手入力）")
    CSV = "csv", _("CSV取り込み")


class Survey(models.Model):
    municipality = models.ForeignKey(
        "directory.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name="自治体"
    )
    title = models.CharField("調査名", max_length=200)
    period = models.CharField("時期・回", max_length=60, blank=True)
    status = models.CharField(
        "状態", max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    # Languages offered to residents: a subset of ("ja", "ja-easy", "en"); ja always.
    languages = models.JSONField("言語", default=list)
    # The anonymous link is /surveys/<public_token>/: unguessable, not the id.
    public_token = models.CharField(max_length=32, unique=True, default=new_public_token)
    created_at = models.DateTimeField("作成", auto_now_add=True)
    opened_at = models.DateTimeField("開始", null=True, blank=True)
    closed_at = models.DateTimeField("終了", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "調査"
        verbose_name_plural = "調査"

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN


class SurveyItem(models.Model):
    """One question of a survey, in order: an item of an instrument (``instrument`` set;
    wording and options come from instruments.toml) or the survey's own question
    (``instrument`` empty; wording and options stored here)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=40)
    instrument = models.CharField(max_length=40, blank=True)
    # Own questions only: {"ja": ..., "ja-easy": ..., "en": ...}
    text = models.JSONField(default=dict, blank=True)
    # Own questions only: [{"value": 1, "ja": ..., "ja-easy": ..., "en": ...}, ...]
    options = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["survey", "order"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="survey_item_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class ResponseImport(models.Model):
    """One CSV file of answers taken in. Its responses point back to it, so a mistaken
    import can be taken back as a whole; the same file is not taken in twice."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="imports")
    file_name = models.CharField("ファイル名", max_length=255)
    sha256 = models.CharField(max_length=64)
    responses = models.PositiveIntegerField("回答の数")
    imported_at = models.DateTimeField("取り込み日時")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField("取り消し日時", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [
            # A file is in a survey once at a time (taken back, it may come in again).
            models.UniqueConstraint(
                fields=["survey", "sha256"],
                condition=models.Q(undone_at__isnull=True),
                name="survey_import_once",
            ),
        ]

    def __str__(self) -> str:
        return self.file_name


class Response(models.Model):
    """One person's answers. ``answers`` maps item code -> option value (int) or text;
    a skipped item is absent. ``scores`` holds the computed scores (score code ->
    {"total", "band", "flags"}). ``weight`` and ``stratum`` carry a sampling design when
    the survey has one (CSV columns ``_weight`` and ``_stratum``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    mode = models.CharField("回答方法", max_length=10, choices=Mode.choices)
    submitted_on = models.DateField("回答日")
    language = models.CharField(max_length=8, blank=True)
    district = models.CharField("地区", max_length=40, blank=True)
    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=dict)
    weight = models.FloatField("重み", null=True, blank=True)
    stratum = models.CharField("層", max_length=40, blank=True)
    # The CSV import it came with (None: typed in, answered on the web, or imported
    # before imports were kept).
    batch = models.ForeignKey(
        ResponseImport, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["survey", "mode"], name="survey_response_mode_idx")]
        verbose_name = "回答"
        verbose_name_plural = "回答"

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.mode}"


class InvitationCode(models.Model):
    """A code printed on one mailed letter: one response per code. It says only whether
    it was used (see the module docstring for how it stays apart from the answers)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=16, unique=True)
    used = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "招待コード"
        verbose_name_plural = "招待コード"

    def __str__(self) -> str:
        return self.code
