"""Reading audit events: who may see which, and the filters of the coordinators' view."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db.models import CharField, Func, Q, QuerySet
from django.db.models.functions import Cast

from tsunagari.directory.hsds import TABLES
from tsunagari.directory.models import Attribute, Service
from tsunagari.organizations.models import Membership
from tsunagari.organizations.permissions import (
    coordinated_codes,
    is_platform_admin,
    organizations_visible_to,
)

from .models import AuditAction, AuditEvent

TOKYO = ZoneInfo("Asia/Tokyo")

# Object types of events about accounts and municipalities (the services that record
# them use these names, with str(user.pk) and the municipality code as object_id).
USER_OBJECT = "user"
MUNICIPALITY_OBJECT = "municipality"

# How a directory table reaches its municipality, tried in this order (the first part
# of each path must be a field of the table's model).
_MUNICIPALITY_PATHS = (
    "municipality_id",
    "service__municipality_id",
    "location__municipality_id",
    "service_at_location__service__municipality_id",
    "organization__municipality_id",
)


class UuidText(Func):
    """A UUID column as ``str(uuid)`` writes it, which is how audit events store object
    ids: PostgreSQL's ``uuid::text``; on SQLite, where Django stores 32 lowercase hex
    digits, the same digits with the four hyphens put back."""

    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="(%(expressions)s)::text", **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        parts = [
            f"substr({sql}, {start}, {length})"
            for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
        ]
        return "(" + " || '-' || ".join(parts) + ")", params * 5


def _ids_as_text(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """A subquery of the rows' ids in the audit events' text form."""
    return queryset.annotate(audit_id=UuidText("id")).values("audit_id")


def _directory_rows_in(codes: set[str]) -> Iterator[tuple[str, QuerySet[Any]]]:
    """(object type, subquery of ids) of the directory rows that lie in ``codes``: every
    table with a path to a municipality, and the taxonomy links of those services."""
    wanted = sorted(codes)
    for table in TABLES:
        names = {f.name for f in table.model._meta.concrete_fields}
        paths = [p for p in _MUNICIPALITY_PATHS if p.split("__")[0].removesuffix("_id") in names]
        if not paths:
            continue
        # A row with a municipality of its own lies there, whoever runs it.
        if paths[0] == "municipality_id":
            paths = paths[:1]
        where = Q()
        for path in paths:
            where |= Q(**{f"{path}__in": wanted})
        yield table.name, _ids_as_text(table.model._default_manager.filter(where))
    services = Service.objects.filter(municipality_id__in=wanted).values("id")
    attributes = Attribute.objects.filter(link_entity="service", link_id__in=services)
    yield "attribute", _ids_as_text(attributes)


def events_visible_to(user: Any) -> QuerySet[AuditEvent]:
    """The audit events ``user`` may read, newest first.

    * A platform administrator reads every event.
    * A coordinator reads the events about what they steward:
      (a) a directory row (service, location, HSDS organization and their parts:
          schedules, phones, addresses ... and the services' taxonomy links) that lies in
          a municipality they coordinate — matched by object type and id, since events
          written by the directory writer name no organisation;
      (b) any other event whose ``organization`` is one they may see (memberships,
          change requests, reports, reminders of the partner organisations working in
          their municipalities) — but not a directory row elsewhere, even of such an
          organisation, so a partner's listing in another municipality stays with that
          municipality's coordinator;
      (c) events about a municipality they coordinate (its policy, its coordinators);
      (d) events about the accounts of members of those organisations, and their own;
      (e) what they did themselves (their exports of this record among them).
      Rows that no longer exist (a part removed by an import) cannot be placed in a
      municipality, so their DELETE events are visible to administrators only; listings
      are archived, not deleted, on the staff side.
    * Everyone else reads nothing (the view answers 403 before asking).

    Cost: each id set is an uncorrelated subquery, hashed once (PostgreSQL) or
    materialised once (SQLite), and the newest events are read backwards along the time
    index until a page is full; a filter by object uses the (object_type, object_id)
    index, which is how the "this service" links ask."""
    events = AuditEvent.objects.all()
    if is_platform_admin(user):
        return events
    codes = coordinated_codes(user)
    if not codes:
        return events.none()
    organizations = organizations_visible_to(user).values("id")
    directory_types = [table.name for table in TABLES] + ["attribute"]
    visible = Q(organization_id__in=organizations) & ~Q(object_type__in=directory_types)
    for object_type, ids in _directory_rows_in(codes):
        visible |= Q(object_type=object_type, object_id__in=ids)
    visible |= Q(object_type=MUNICIPALITY_OBJECT, object_id__in=sorted(codes))
    members = User.objects.filter(
        pk__in=Membership.objects.filter(organization_id__in=organizations).values("user_id")
    ).annotate(audit_id=Cast("pk", CharField()))
    visible |= Q(object_type=USER_OBJECT, object_id__in=members.values("audit_id"))
    visible |= Q(object_type=USER_OBJECT, object_id=str(user.pk)) | Q(actor_id=user.pk)
    return events.filter(visible)


@dataclass(frozen=True)
class EventFilters:
    """The filters of the audit view and its CSV export (all optional)."""

    object_type: str = ""
    object_id: str = ""
    actor: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def as_query(self) -> dict[str, str]:
        """The filters as query-string values (for links and the export's record)."""
        values = {
            "object_type": self.object_type,
            "object_id": self.object_id,
            "actor": self.actor,
            "action": self.action,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
        }
        return {k: v for k, v in values.items() if v}


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in Japan: dates on the staff side are Japanese dates."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=TOKYO)


def events_filtered(user: Any, filters: EventFilters) -> QuerySet[AuditEvent]:
    """The events ``user`` may read that match ``filters``, newest first, with what a
    listing shows of each (actor, organisation) fetched in the same query."""
    events = events_visible_to(user)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id:
        events = events.filter(object_id=_object_id(filters.object_id))
    if filters.actor:
        events = events.filter(
            Q(actor_label__icontains=filters.actor) | Q(actor__username__iexact=filters.actor)
        )
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.date_from:
        events = events.filter(occurred_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(occurred_at__lt=_start_of(filters.date_to + dt.timedelta(days=1)))
    return events.select_related("actor", "organization__listing").order_by("-occurred_at", "-id")


def _object_id(value: str) -> str:
    """An object id as events store it: a UUID in ``str(uuid)`` form (however it was
    typed: upper case, without hyphens), anything else as given."""
    value = value.strip()
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return value


def action_label(code: str) -> str:
    """The readable name of an action code (the code itself if it is no longer known)."""
    try:
        return str(AuditAction(code).label)
    except ValueError:
        return code
