import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .indexes import where_set
from .municipality import Municipality
from .organization import Organization, Program
from .provenance import DataSource


class Service(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("実施中")
        INACTIVE = "inactive", _("休止中")
        DEFUNCT = "defunct", pgettext_lazy("service status", "終了")
        TEMPORARILY_CLOSED = "temporarily closed", _("一時休止")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
        db_index=False,  # Meta.indexes: only where set
    )
    program = models.ForeignKey(
        Program,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        db_index=False,  # Meta.indexes: only where set
    )
    name = models.CharField("名称", max_length=255)
    name_kana = models.CharField("名称_カナ", max_length=255, blank=True)
    alternate_name = models.CharField("別名", max_length=255, blank=True)
    description = models.TextField("説明", blank=True)
    url = models.CharField("URL", max_length=500, blank=True)
    email = models.CharField("メールアドレス", max_length=255, blank=True)
    status = models.CharField("状態", max_length=20, choices=Status.choices, default=Status.ACTIVE)
    interpretation_services = models.TextField("通訳", blank=True)
    application_process = models.TextField("利用方法", blank=True)
    fees_description = models.TextField("費用", blank=True)
    wait_time = models.TextField(blank=True)
    fees = models.TextField(blank=True)
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField("対象", blank=True)
    minimum_age = models.FloatField("対象年齢（下限）", null=True, blank=True)
    maximum_age = models.FloatField("対象年齢（上限）", null=True, blank=True)
    assured_date = models.DateField("確認日", null=True, blank=True)
    assurer_email = models.CharField(max_length=255, blank=True)
    licenses = models.TextField(blank=True)
    alert = models.TextField("お知らせ", blank=True)
    last_modified = models.DateTimeField("最終更新", null=True, blank=True)
    # Japan profile
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # service_muni_status_idx starts with it
    )
    # Provenance: which file (publisher, licence) and which row it came from, and when.
    source = models.ForeignKey(
        DataSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    source_record_id = models.CharField("元データのID", max_length=255, blank=True)
    imported_at = models.DateTimeField("取り込み日時", null=True, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["municipality", "status"], name="service_muni_status_idx"),
            where_set("service_organization_idx", "organization"),
            where_set("service_program_idx", "program"),
        ]
        verbose_name = "サービス"
        verbose_name_plural = "サービス"

    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="service_areas"
    )
    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=60, blank=True)
    uri = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "対象地域"
        verbose_name_plural = "対象地域"

    def __str__(self) -> str:
        return self.name or self.extent or str(self.id)


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.TextField(blank=True)
    currency = models.CharField(max_length=3, blank=True)
    amount = models.FloatField(null=True, blank=True)
    amount_description = models.TextField(blank=True)

    class Meta:
        verbose_name = "費用"
        verbose_name_plural = "費用"

    def __str__(self) -> str:
        return self.option or self.amount_description or str(self.id)


class RequiredDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="required_documents"
    )
    document = models.TextField(blank=True)
    uri = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "必要書類"
        verbose_name_plural = "必要書類"

    def __str__(self) -> str:
        return self.document or str(self.id)
