"""Staff edit the directory through the Django admin for now. Every save and delete
is audited like an import (old and new values, in the same transaction), and what is
derived from the services it touches (inferred terms, search documents) is rebuilt,
so residents see the edit at once and a deleted service leaves nothing behind."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, cast

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.db import models, router, transaction
from django.http import HttpRequest

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record

from . import models as m
from .hsds import TABLES, row_from_instance, to_hsds
from .inference import is_inferred_label
from .refresh import derived_changed, refresh_derived

TABLE_OF_MODEL = {t.model: t for t in TABLES}


class AuditedAdmin(admin.ModelAdmin):
    """Records old and new values of every admin change in the same transaction."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        table = TABLE_OF_MODEL.get(type(obj))
        with transaction.atomic():
            old = None
            affected: set[uuid.UUID] = set()
            if change:
                previous = type(obj).objects.filter(pk=obj.pk).first()
                if previous is not None:
                    affected = services_of(previous)  # a part moved away changes those too
                    if table is not None:
                        old = row_from_instance(table, previous)
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
            refresh_derived(affected | services_of(obj))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            delete_audited(obj, _actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


def delete_audited(obj: models.Model, actor: Actor) -> None:
    """Delete ``obj`` with every row the delete takes along, each with a DELETE event:
    the rows that cascade, and the taxonomy links of the deleted rows (HSDS links them
    by id, not by a foreign key). A deleted service's search document goes too; the
    services left behind that the rows belonged to are rebuilt."""
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])  # what the admin's confirmation page listed
    touched: list[models.Model] = []
    deleted: set[uuid.UUID] = set()  # (directory rows: the ids attributes link)
    for model, instances in collector.data.items():
        table = TABLE_OF_MODEL.get(model)
        for instance in instances:
            touched.append(instance)
            if isinstance(instance.pk, uuid.UUID):
                deleted.add(instance.pk)
            if table is not None:
                _audit_delete(actor, table, instance)
    # Links the delete sets to null (a location's organisation, a service's programme).
    for (field, value), batches in collector.field_updates.items():
        table = TABLE_OF_MODEL.get(field.model)
        for batch in batches:
            # (A queryset or a list of instances, whatever django-stubs say.)
            for instance in cast("Iterable[models.Model]", batch):
                touched.append(instance)
                if table is not None:
                    name = table.hsds_name(field.attname)
                    audit_record(
                        actor=actor,
                        action=AuditAction.UPDATE,
                        object_type=table.name,
                        object_id=instance.pk,
                        old={name: to_hsds(getattr(instance, field.attname))},
                        new={name: to_hsds(value)},
                    )
    affected = services_of(*touched)  # (read before the rows go)
    links = m.Attribute.objects.filter(link_id__in=deleted).exclude(pk__in=deleted)
    attribute = TABLE_OF_MODEL[m.Attribute]
    for link in links:
        if not (link.inferred and is_inferred_label(link.label)):  # (derived, not audited)
            _audit_delete(actor, attribute, link)
    links.delete()
    obj.delete()
    gone = sorted(pk for pk in affected if pk in deleted)
    if gone:
        from tsunagari.search.index import replace_documents

        replace_documents(gone, [])
        derived_changed()
    refresh_derived(affected - deleted)


def _audit_delete(actor: Actor, table: Any, instance: models.Model) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type=table.name,
        object_id=instance.pk,
        old=row_from_instance(table, instance),
    )


def services_of(*objs: models.Model) -> set[uuid.UUID]:
    """The services whose listings show ``objs``: what is derived from them (inferred
    terms, the search document) depends on them. A few queries for any number of rows."""
    found: set[uuid.UUID] = set()
    organizations: set[uuid.UUID] = set()
    locations: set[uuid.UUID] = set()
    sals: set[uuid.UUID] = set()
    terms: set[uuid.UUID] = set()
    for obj in objs:
        if isinstance(obj, m.Service):
            found.add(obj.pk)
        elif isinstance(obj, m.Organization):
            organizations.add(obj.pk)
        elif isinstance(obj, m.Location):
            locations.add(obj.pk)
        elif isinstance(obj, m.TaxonomyTerm):
            terms.add(obj.pk)
        elif isinstance(obj, m.Attribute):
            if obj.link_entity == "service":
                found.add(obj.link_id)
        else:
            for attname, into in (
                ("service_id", found),
                ("service_at_location_id", sals),
                ("location_id", locations),
            ):
                value = getattr(obj, attname, None)
                if value is not None:
                    into.add(value)
    services, at_locations = m.Service.objects, m.ServiceAtLocation.objects
    links = m.Attribute.objects.filter(link_entity="service")
    for ids, queryset, column in (  # (querysets are lazy: asked only for some ids)
        (organizations, services.filter(organization_id__in=organizations), "pk"),
        (locations, at_locations.filter(location_id__in=locations), "service_id"),
        (sals, at_locations.filter(pk__in=sals), "service_id"),
        (terms, links.filter(taxonomy_term_id__in=terms), "link_id"),
    ):
        if ids:
            found.update(queryset.values_list(column, flat=True))
    return found


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
