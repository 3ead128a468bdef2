from django.db import models


class NeedCount(models.Model):
    """How often a need was asked about in a municipality in one week, and how often no
    open option nearby could be offered. Only these counters are stored: no text, no
    address, no time finer than the week, nothing about a person (DESIGN.md §7)."""

    municipality = models.CharField(
        "全国地方公共団体コード", max_length=6, blank=True, help_text="空欄: 地域の指定なし"
    )
    need = models.CharField("困りごと", max_length=120)  # taxonomy code, e.g. need.talk
    week = models.DateField("週（月曜日）")  # ISO week, by its Monday in Japan time
    asked = models.PositiveIntegerField("件数", default=0)
    unmet = models.PositiveIntegerField("近くで開いている先がなかった件数", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "need", "week"], name="need_count_cell_unique"
            )
        ]
        ordering = ["-week", "municipality", "need"]
        verbose_name = "困りごとの件数"
        verbose_name_plural = "困りごとの件数"

    def __str__(self) -> str:
        return f"{self.week} {self.municipality or '-'} {self.need}: {self.asked}"
