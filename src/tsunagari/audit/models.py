from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy


class ValuesField(models.JSONField):
    """A JSON column without SQLite's ``CHECK (JSON_VALID(...))``. Only the audit
    service writes it, always through the JSON encoder, and the check parsed every
    event again as it was inserted: a third of the time of an import's audit rows.
    (PostgreSQL's jsonb checks by its type, with or without it.)"""

    def db_check(self, connection: Any) -> None:
        return None


class AuditAction(models.TextChoices):
    """The closed vocabulary of recorded actions. A new kind of event gets a code here
    (and a migration) before any code may record it."""

    # The directory's rows
    CREATE = "directory.create", pgettext_lazy("audit action", "作成")
    UPDATE = "directory.update", pgettext_lazy("audit action", "更新")
    DELETE = "directory.delete", pgettext_lazy("audit action", "削除")
    IMPORT = "directory.import", pgettext_lazy("audit action", "取り込み")
    ARCHIVE = "directory.archive", pgettext_lazy("audit action", "掲載終了（アーカイブ）")
    UNARCHIVE = "directory.unarchive", pgettext_lazy("audit action", "掲載再開")
    VERIFY = "directory.verify", pgettext_lazy("audit action", "内容を確認")
    # Edits waiting for a coordinator's review
    CHANGE_SUBMIT = "change.submit", pgettext_lazy("audit action", "変更の申請")
    CHANGE_APPROVE = "change.approve", pgettext_lazy("audit action", "変更の承認")
    CHANGE_RETURN = "change.return", pgettext_lazy("audit action", "変更の差し戻し")
    CHANGE_WITHDRAW = "change.withdraw", pgettext_lazy("audit action", "変更の取り下げ")
    # Residents' 「情報がちがう」 reports, reminders about stale listings
    REPORT_CREATE = "report.create", pgettext_lazy("audit action", "「情報がちがう」の受付")
    REPORT_RESOLVE = "report.resolve", pgettext_lazy("audit action", "「情報がちがう」の対応済み")
    REMINDER_SEND = "reminder.send", pgettext_lazy("audit action", "確認のお願いを送信")
    # Organisations, members, coordinators, municipality policies
    ORGANIZATION_CREATE = "organization.create", pgettext_lazy("audit action", "参加団体の登録")
    MEMBER_INVITE = "member.invite", pgettext_lazy("audit action", "メンバーの招待")
    MEMBER_INVITE_WITHDRAW = (
        "member.invite_withdraw",
        pgettext_lazy("audit action", "メンバーの招待の取り消し"),
    )
    MEMBER_JOIN = "member.join", pgettext_lazy("audit action", "メンバーの参加")
    MEMBER_ROLE = "member.role", pgettext_lazy("audit action", "メンバーの役割変更")
    MEMBER_REMOVE = "member.remove", pgettext_lazy("audit action", "メンバーの削除")
    COORDINATOR_ADD = "coordinator.add", pgettext_lazy("audit action", "コーディネーターの追加")
    COORDINATOR_REMOVE = (
        "coordinator.remove",
        pgettext_lazy("audit action", "コーディネーターの削除"),
    )
    POLICY_UPDATE = "policy.update", pgettext_lazy("audit action", "自治体ごとの運用の変更")
    # Accounts
    LOGIN = "account.login", pgettext_lazy("audit action", "ログイン")
    LOGIN_FAILED = "account.login_failed", pgettext_lazy("audit action", "ログインの失敗")
    LOCKOUT = "account.lockout", pgettext_lazy("audit action", "ログインの一時停止")
    LOGOUT = "account.logout", pgettext_lazy("audit action", "ログアウト")
    REAUTH = "account.reauth", pgettext_lazy("audit action", "パスワードの再確認")
    PASSWORD_CHANGE = "account.password_change", pgettext_lazy("audit action", "パスワードの変更")
    PASSWORD_RESET = "account.password_reset", pgettext_lazy("audit action", "パスワードの再設定")
    OTP_ENABLE = "account.otp_enable", pgettext_lazy("audit action", "2段階認証の設定")
    OTP_DISABLE = "account.otp_disable", pgettext_lazy("audit action", "2段階認証の解除")
    ADMIN_CREATE = "account.admin_create", pgettext_lazy("audit action", "管理者の作成")
    # Surveys (issue 5): staff actions only; residents' answers are never audited
    SURVEY_CREATE = "survey.create", pgettext_lazy("audit action", "調査の作成")
    SURVEY_UPDATE = "survey.update", pgettext_lazy("audit action", "調査の変更")
    SURVEY_OPEN = "survey.open", pgettext_lazy("audit action", "調査の開始")
    SURVEY_CLOSE = "survey.close", pgettext_lazy("audit action", "調査の終了")
    SURVEY_CODES = "survey.codes", pgettext_lazy("audit action", "招待コードの発行")
    RESPONSE_PAPER = "response.paper", pgettext_lazy("audit action", "紙の回答の入力")
    RESPONSE_IMPORT = "response.import", pgettext_lazy("audit action", "回答の取り込み")
    RESPONSE_IMPORT_UNDO = (
        "response.import_undo",
        pgettext_lazy("audit action", "回答の取り込みの取り消し"),
    )
    # Reference tables of the indicators (population, district boundaries)
    REFERENCE_IMPORT = (
        "indicators.import",
        pgettext_lazy("audit action", "人口・地域境界の取り込み"),
    )
    # The platform itself
    AUDIT_EXPORT = "audit.export", pgettext_lazy("audit action", "監査記録の書き出し")
    BACKUP = "platform.backup", pgettext_lazy("audit action", "バックアップ")
    RESTORE = "platform.restore", pgettext_lazy("audit action", "復元")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Audit events are append-only: the application never changes or removes one."""

    def update(self, **kwargs: object) -> int:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField("日時", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # audit_actor_idx: only where set (imports have no user)
    )
    # Who acted when there is no user: "import:<file>", "demo", "system".
    actor_label = models.CharField("実行者", max_length=255)
    # The stewarding organisation whose object this is (None: none, or not known).
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="団体",
        db_index=False,  # audit_org_time_idx starts with it
    )
    action = models.CharField("操作", max_length=40, choices=AuditAction.choices)
    object_type = models.CharField("対象の種類", max_length=60)
    object_id = models.CharField("対象ID", max_length=64)
    old_values = ValuesField("変更前", null=True, blank=True)
    new_values = ValuesField("変更後", null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # Only events that name an organisation are looked up by it (an import's
            # hundreds of thousands of events name none, and add no entry).
            models.Index(
                fields=["organization", "occurred_at"],
                name="audit_org_time_idx",
                condition=models.Q(organization__isnull=False),
            ),
            models.Index(
                fields=["actor"], name="audit_actor_idx", condition=models.Q(actor__isnull=False)
            ),
        ]
        verbose_name = "監査記録"
        verbose_name_plural = "監査記録"

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
        )

    # Append-only, also for code that holds an instance: creating an event is the only
    # write the application may make (the queryset refuses update() and delete(); the
    # bulk writer inserts with plain INSERTs).
    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")
