import uuid

from django.db import models

from .municipality import Municipality
from .provenance import DataSource


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.CharField("名称", max_length=255)
    name_kana = models.CharField("名称_カナ", max_length=255, blank=True)
    alternate_name = models.CharField("別名", max_length=255, blank=True)
    description = models.TextField("説明")
    email = models.CharField("メールアドレス", max_length=255, blank=True)
    website = models.CharField("ウェブサイト", max_length=500, blank=True)
    tax_status = models.CharField(max_length=120, blank=True)
    tax_id = models.CharField(max_length=120, blank=True)
    year_incorporated = models.IntegerField(null=True, blank=True)
    legal_status = models.CharField("法人格", max_length=120, blank=True)
    logo = models.CharField(max_length=500, blank=True)
    uri = models.CharField(max_length=500, blank=True)
    parent_organization = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    corporate_number = models.CharField("法人番号", max_length=13, blank=True, db_index=True)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.ForeignKey(
        DataSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "団体"
        verbose_name_plural = "団体"

    def __str__(self) -> str:
        return self.name


class OrganizationIdentifier(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="organization_identifiers"
    )
    identifier_scheme = models.CharField(max_length=120, blank=True)
    identifier_type = models.CharField(max_length=120)
    identifier = models.CharField(max_length=255)

    class Meta:
        verbose_name = "団体識別子"
        verbose_name_plural = "団体識別子"


class Program(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs"
    )
    name = models.CharField(max_length=255)
    alternate_name = models.CharField(max_length=255, blank=True)
    description = models.TextField()

    class Meta:
        verbose_name = "事業"
        verbose_name_plural = "事業"

    def __str__(self) -> str:
        return self.name


class Funding(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="funding"
    )
    service = models.ForeignKey(
        "directory.Service", null=True, blank=True, on_delete=models.CASCADE, related_name="funding"
    )
    source = models.TextField(blank=True)

    class Meta:
        verbose_name = "財源"
        verbose_name_plural = "財源"
