import uuid

from django.db import models


class DataSource(models.Model):
    """Where records came from: one imported file (or the demo generator), its publisher
    and licence, and when it was last imported. Records point here for provenance."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(
        "識別キー",
        max_length=255,
        unique=True,
        help_text="Stable key (file name and format) so that re-importing updates this source.",
    )
    file_name = models.CharField("ファイル名", max_length=255)
    format = models.CharField("形式", max_length=60)
    publisher = models.CharField("公開者", max_length=255, blank=True)
    licence = models.CharField("ライセンス", max_length=255, blank=True)
    licence_url = models.URLField("ライセンスURL", blank=True)
    source_url = models.CharField("出典", max_length=500, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField("取り込み日時")
    record_count = models.PositiveIntegerField("件数", default=0)
    is_sample = models.BooleanField("サンプルデータ", default=False)

    class Meta:
        ordering = ["file_name"]
        verbose_name = "データの出典"
        verbose_name_plural = "データの出典"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.publisher})" if self.publisher else self.file_name

    @property
    def attribution(self) -> str:
        parts = [p for p in (self.publisher, self.licence) if p]
        return " / ".join(parts)
