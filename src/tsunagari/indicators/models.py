"""Population counts, the denominator of "per 10,000 residents" and of peer comparison.

The directory's municipality list has no population, so a deployment loads it (see
``tsunagari import_population``): one row per municipality × district × age band × sex,
no total rows (totals are sums). ``district`` is blank for a municipality-wide count."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Municipality


class Population(models.Model):
    class Sex(models.TextChoices):
        MALE = "male", _("男性")
        FEMALE = "female", _("女性")
        ALL = "all", _("計")  # a source that does not split by sex

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    district = models.CharField("地域名", max_length=120, blank=True)
    age_band = models.CharField("年齢階級", max_length=20, blank=True)  # e.g. 0-4, 85-
    sex = models.CharField("性別", max_length=10, choices=Sex.choices, default=Sex.ALL)
    count = models.PositiveIntegerField("人口")
    as_of = models.DateField("基準日")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "district", "age_band", "sex", "as_of"],
                name="population_cell_unique",
            )
        ]
        verbose_name = "人口"
        verbose_name_plural = "人口"

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.district or '-'} {self.age_band} {self.sex}"


class DistrictShape(models.Model):
    """A district's boundary for the map on the dashboard. ``name`` is the district as
    residents write it in the survey's 「地域」 answer (the map joins on it); ``geometry``
    is a GeoJSON Polygon or MultiPolygon in longitude/latitude (see
    ``tsunagari import_districts``)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    name = models.CharField("地域名", max_length=120)
    geometry = models.JSONField("境界（GeoJSON）")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="district_shape_unique")
        ]
        verbose_name = "地域の境界"
        verbose_name_plural = "地域の境界"

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.name}"
