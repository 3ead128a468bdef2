"""Staff edit the directory through the Django admin for now. Every save and delete
goes through the directory writer so that it is audited like an import."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record

from . import models as m
from .hsds import TABLES, row_from_instance

TABLE_OF_MODEL = {t.model: t for t in TABLES}


class AuditedAdmin(admin.ModelAdmin):
    """Records old and new values of every admin change in the same transaction."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        table = TABLE_OF_MODEL.get(type(obj))
        with transaction.atomic():
            old = None
            if change and table is not None:
                previous = type(obj).objects.filter(pk=obj.pk).first()
                old = row_from_instance(table, previous) if previous else None
            super().save_model(request, obj, form, change)
            if table is not None:
                new = row_from_instance(table, obj)
                if old is not None:
                    keys = [k for k in new if old.get(k) != new[k]]
                    old, new = {k: old[k] for k in keys}, {k: new[k] for k in keys}
                audit_record(
                    actor=_actor(request),
                    action=AuditAction.UPDATE if change else AuditAction.CREATE,
                    object_type=table.name,
                    object_id=obj.pk,
                    old=old,
                    new=new,
                )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        table = TABLE_OF_MODEL.get(type(obj))
        with transaction.atomic():
            if table is not None:
                audit_record(
                    actor=_actor(request),
                    action=AuditAction.DELETE,
                    object_type=table.name,
                    object_id=obj.pk,
                    old=row_from_instance(table, obj),
                )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


def _actor(request: HttpRequest) -> Actor:
    user = request.user
    return Actor(label=f"user:{user.get_username()}", user_id=user.pk)


class PhoneInline(admin.TabularInline):
    model = m.Phone
    extra = 0
    fields = ["number", "type", "description"]


class ScheduleInline(admin.TabularInline):
    model = m.Schedule
    extra = 0
    fk_name = "service"
    fields = ["freq", "byday", "opens_at", "closes_at", "description"]


@admin.register(m.Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["name", "organization", "municipality", "status", "source"]
    list_filter = ["status", "source"]
    search_fields = ["name", "name_kana", "description"]
    autocomplete_fields = ["organization"]
    raw_id_fields = ["program", "municipality"]
    readonly_fields = ["source", "source_record_id", "imported_at", "last_modified"]


@admin.register(m.Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name", "corporate_number", "municipality"]
    search_fields = ["name", "name_kana", "corporate_number"]
    raw_id_fields = ["parent_organization", "municipality"]
    readonly_fields = ["source"]


@admin.register(m.Location)
class LocationAdmin(AuditedAdmin):
    list_display = ["name", "municipality", "latitude", "longitude"]
    search_fields = ["name", "name_kana"]
    raw_id_fields = ["organization", "municipality"]
    readonly_fields = ["source"]


@admin.register(m.Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "prefecture", "name", "is_fictional"]
    search_fields = ["code", "name", "name_kana", "prefecture"]


@admin.register(m.TaxonomyTerm)
class TaxonomyTermAdmin(AuditedAdmin):
    list_display = ["name", "code", "taxonomy"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]


@admin.register(m.DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    list_display = ["file_name", "format", "publisher", "licence", "imported_at", "record_count"]


for model in (
    m.Taxonomy,
    m.Attribute,
    m.ServiceAtLocation,
    m.Address,
    m.Phone,
    m.Schedule,
    m.Contact,
    m.Language,
    m.Accessibility,
    m.CostOption,
    m.ServiceArea,
    m.RequiredDocument,
    m.Program,
    m.Funding,
    m.OrganizationIdentifier,
    m.Metadata,
):
    admin.site.register(model, AuditedAdmin)
