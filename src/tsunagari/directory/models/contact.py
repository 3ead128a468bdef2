import uuid

from django.db import models

from .indexes import where_set
from .location import Location, ServiceAtLocation
from .organization import Organization
from .service import Service


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255, blank=True)
    department = models.CharField(max_length=255, blank=True)
    email = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = "連絡先"
        verbose_name_plural = "連絡先"

    def __str__(self) -> str:
        return self.name or self.department or self.email or str(self.id)


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="phones",
        db_index=False,  # Meta.indexes: only where set
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="phones",
        db_index=False,  # Meta.indexes: only where set
    )
    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="phones",
        db_index=False,  # Meta.indexes: only where set
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="phones",
        db_index=False,  # Meta.indexes: only where set
    )
    number = models.CharField("電話番号", max_length=60)
    extension = models.FloatField("内線", null=True, blank=True)
    type = models.CharField(max_length=20, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        indexes = [
            where_set("phone_location_idx", "location"),
            where_set("phone_organization_idx", "organization"),
            where_set("phone_contact_idx", "contact"),
            where_set("phone_sal_idx", "service_at_location"),
        ]
        verbose_name = "電話"
        verbose_name_plural = "電話"

    def __str__(self) -> str:
        return self.number


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    name = models.CharField(max_length=120, blank=True)
    code = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "言語"
        verbose_name_plural = "言語"

    def __str__(self) -> str:
        return self.name or self.code


class Schedule(models.Model):
    """When a service is available, as iCalendar-like recurrence (HSDS 3.0)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
        db_index=False,  # Meta.indexes: only where set
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
        db_index=False,  # Meta.indexes: only where set
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.IntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(max_length=10, blank=True)
    interval = models.IntegerField(null=True, blank=True)
    byday = models.CharField(max_length=60, blank=True)
    byweekno = models.CharField(max_length=120, blank=True)
    bymonthday = models.CharField(max_length=120, blank=True)
    byyearday = models.CharField(max_length=120, blank=True)
    description = models.TextField("説明", blank=True)
    opens_at = models.TimeField("開始", null=True, blank=True)
    closes_at = models.TimeField("終了", null=True, blank=True)
    schedule_link = models.CharField(max_length=500, blank=True)
    attending_type = models.CharField(max_length=60, blank=True)
    notes = models.TextField("備考", blank=True)

    class Meta:
        indexes = [
            where_set("schedule_location_idx", "location"),
            where_set("schedule_sal_idx", "service_at_location"),
        ]
        verbose_name = "日程"
        verbose_name_plural = "日程"

    def __str__(self) -> str:
        return self.description or f"{self.byday} {self.opens_at}-{self.closes_at}"
