import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .indexes import where_set
from .municipality import Municipality
from .organization import Organization
from .provenance import DataSource
from .service import Service


class Location(models.Model):
    class LocationType(models.TextChoices):
        PHYSICAL = "physical", _("所在地")
        POSTAL = "postal", _("郵送先")
        VIRTUAL = "virtual", _("オンライン")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location_type = models.CharField(
        max_length=20, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    url = models.CharField(max_length=500, blank=True)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
        db_index=False,  # Meta.indexes: only where set
    )
    name = models.CharField("名称", max_length=255, blank=True)
    name_kana = models.CharField("名称_カナ", max_length=255, blank=True)
    alternate_name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField("アクセス", blank=True)
    latitude = models.FloatField("緯度", null=True, blank=True)
    longitude = models.FloatField("経度", null=True, blank=True)
    external_identifier = models.CharField(max_length=255, blank=True)
    external_identifier_type = models.CharField(max_length=120, blank=True)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.ForeignKey(
        DataSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="location_latlon_idx"),
            where_set("location_organization_idx", "organization"),
        ]
        verbose_name = "場所"
        verbose_name_plural = "場所"

    def __str__(self) -> str:
        return self.name or str(self.id)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = "サービス実施場所"
        verbose_name_plural = "サービス実施場所"

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="addresses"
    )
    attention = models.CharField(max_length=255, blank=True)
    address_1 = models.CharField("町字・番地", max_length=255)
    address_2 = models.CharField("建物名等（方書）", max_length=255, blank=True)
    city = models.CharField("市区町村", max_length=120)
    region = models.CharField(max_length=120, blank=True)
    state_province = models.CharField("都道府県", max_length=60)
    postal_code = models.CharField("郵便番号", max_length=10)
    country = models.CharField(max_length=2, default="JP")
    address_type = models.CharField(max_length=20, default="physical")
    machiaza_id = models.CharField("町字ID", max_length=7, blank=True)

    class Meta:
        verbose_name = "住所"
        verbose_name_plural = "住所"

    def __str__(self) -> str:
        return f"{self.state_province}{self.city}{self.address_1}{self.address_2}"


class Accessibility(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="accessibility"
    )
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "バリアフリー"
        verbose_name_plural = "バリアフリー"

    def __str__(self) -> str:
        return self.description or str(self.id)
