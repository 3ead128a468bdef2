from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    """The closed vocabulary of recorded actions."""

    CREATE = "directory.create", "作成"
    UPDATE = "directory.update", "更新"
    DELETE = "directory.delete", "削除"
    IMPORT = "directory.import", "取り込み"


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
    )
    # Who acted when there is no user: "import:<file>", "demo", "system".
    actor_label = models.CharField("実行者", max_length=255)
    action = models.CharField("操作", max_length=40, choices=AuditAction.choices)
    object_type = models.CharField("対象の種類", max_length=60)
    object_id = models.CharField("対象ID", max_length=64)
    old_values = models.JSONField("変更前", null=True, blank=True)
    new_values = models.JSONField("変更後", null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]
        verbose_name = "監査記録"
        verbose_name_plural = "監査記録"

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
        )
