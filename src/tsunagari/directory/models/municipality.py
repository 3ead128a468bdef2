from django.db import models


class Municipality(models.Model):
    """A prefecture or municipality by its 全国地方公共団体コード (6 digits, check digit last).

    Loaded from the national code list; a deployment may host several municipalities."""

    code = models.CharField("全国地方公共団体コード", max_length=6, primary_key=True)
    prefecture = models.CharField("都道府県", max_length=10)
    name = models.CharField("市区町村名", max_length=40, blank=True)
    prefecture_kana = models.CharField("都道府県カナ", max_length=20, blank=True)
    name_kana = models.CharField("市区町村名カナ", max_length=60, blank=True)
    latitude = models.FloatField("緯度", null=True, blank=True)
    longitude = models.FloatField("経度", null=True, blank=True)
    is_fictional = models.BooleanField(
        "架空（デモ用）",
        default=False,
        help_text="Sample data for demonstrations, not a real place.",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "自治体"
        verbose_name_plural = "自治体"

    def __str__(self) -> str:
        return f"{self.prefecture}{self.name} ({self.code})"

    @property
    def is_prefecture(self) -> bool:
        return not self.name

    @property
    def full_name(self) -> str:
        return f"{self.prefecture}{self.name}"
