"""Reads for freshness: when a listing was last verified, which listings are stale under
their municipality's policy, counts for the coordinator, and the report queue.

"Last verified" is defined once, here: HSDS ``assured_date`` (確認日) when set; else the
day the row was imported (the publisher's file vouched for it then); else its
``last_modified`` day. A service with none of them was never verified and counts as stale."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from tsunagari.directory.models import Attribute, Service
from tsunagari.organizations.models import MunicipalityPolicy
from tsunagari.organizations.permissions import services_visible_to

from .fields import FIELDS, Field
from .models import ListingReport, Reminder, ReportStatus

DEFAULT_STALE_MONTHS: int = MunicipalityPolicy._meta.get_field("stale_after_months").default
PAGE_SIZE = 50


def verified_on(service: Service) -> dt.date | None:
    """The day ``service`` was last verified (see the module docstring), in local time."""
    if service.assured_date is not None:
        return service.assured_date
    for moment in (service.imported_at, service.last_modified):
        if moment is not None:
            return timezone.localdate(moment)
    return None


def with_verified_on(services: QuerySet[Service]) -> QuerySet[Service]:
    """``services`` annotated with ``verified_on``, the same date as ``verified_on()``."""
    return services.annotate(
        verified_on=Coalesce(
            F("assured_date"),
            TruncDate("imported_at"),
            TruncDate("last_modified"),
            output_field=DateField(),
        )
    )


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _policies() -> dict[str, int]:
    """Municipality code -> months, for the municipalities whose policy differs from the
    default (a handful of rows at most)."""
    return dict(
        MunicipalityPolicy.objects.exclude(stale_after_months=DEFAULT_STALE_MONTHS).values_list(
            "municipality_id", "stale_after_months"
        )
    )


def stale_condition(*, today: dt.date) -> Q:
    """A filter over ``with_verified_on`` rows: verified before their municipality's
    limit (``MunicipalityPolicy.stale_after_months``), or never."""
    policies = _policies()
    condition = Q(verified_on__isnull=True)
    for code, months in policies.items():
        condition |= Q(municipality_id=code, verified_on__lt=months_before(today, months))
    default = Q(verified_on__lt=months_before(today, DEFAULT_STALE_MONTHS))
    if policies:
        default &= Q(municipality_id__isnull=True) | ~Q(municipality_id__in=list(policies))
    return condition | default


def is_stale(service: Service, *, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    day = verified_on(service)
    if day is None:
        return True
    months = _policies().get(service.municipality_id or "", DEFAULT_STALE_MONTHS)
    return day < months_before(today, months)


def listings(services: QuerySet[Service]) -> QuerySet[Service]:
    """The listings that need keeping true: every service but those that ended."""
    return services.exclude(status=Service.Status.DEFUNCT)


def stale_services(services: QuerySet[Service], *, today: dt.date) -> QuerySet[Service]:
    return with_verified_on(listings(services)).filter(stale_condition(today=today))


# -- the coordinator's view -----------------------------------------------------------


@dataclass(frozen=True)
class Count2:
    """Stale listings out of all listings, for one municipality or field."""

    key: str
    label: Any
    stale: int
    total: int


def _marked(services: QuerySet[Service], *, today: dt.date) -> QuerySet[Service]:
    return with_verified_on(listings(services)).annotate(
        is_stale=Case(
            When(stale_condition(today=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def counts_by_municipality(services: QuerySet[Service], *, today: dt.date) -> list[Count2]:
    rows = (
        _marked(services, today=today)
        .values("municipality_id", "municipality__prefecture", "municipality__name")
        .annotate(total=Count("id"), stale=Count("id", filter=Q(is_stale=True)))
        .order_by("municipality_id")
    )
    return [
        Count2(
            key=row["municipality_id"] or "",
            label=f"{row['municipality__prefecture'] or ''}{row['municipality__name'] or ''}",
            stale=row["stale"],
            total=row["total"],
        )
        for row in rows
    ]


def _in_field(field: Field) -> Exists:
    return Exists(
        Attribute.objects.filter(
            link_entity="service", link_id=OuterRef("pk"), taxonomy_term_id__in=field.term_ids
        )
    )


def counts_by_field(services: QuerySet[Service], *, today: dt.date) -> list[Count2]:
    """Per field, in one query (a conditional count per field)."""
    aggregates: dict[str, Any] = {}
    for field in FIELDS:
        aggregates[f"{field.key}__total"] = Count("id", filter=Q(_in_field(field)))
        aggregates[f"{field.key}__stale"] = Count("id", filter=Q(_in_field(field), is_stale=True))
    totals = _marked(services, today=today).aggregate(**aggregates)
    return [
        Count2(
            key=field.key,
            label=field.label,
            stale=totals[f"{field.key}__stale"],
            total=totals[f"{field.key}__total"],
        )
        for field in FIELDS
    ]


def stale_page(
    services: QuerySet[Service],
    *,
    today: dt.date,
    municipality: str = "",
    field: Field | None = None,
    page: int | str = 1,
) -> Page[Service]:
    """One page of stale listings, oldest first, each with ``steward_id`` (the owning
    organisation on this platform, if any) and ``last_reminded_at`` (the last reminder
    naming it that was sent after it was last verified, else None)."""
    stale = stale_services(services, today=today)
    if municipality:
        stale = stale.filter(municipality_id=municipality)
    if field is not None:
        stale = stale.filter(_in_field(field))
    last_reminder = Reminder.objects.filter(services=OuterRef("pk")).order_by("-sent_at")
    stale = (
        stale.select_related("organization", "municipality")
        .annotate(
            steward_id=F("organization__steward__id"),
            last_reminded_at=Subquery(last_reminder.values("sent_at")[:1]),
        )
        .order_by(F("verified_on").asc(nulls_first=True), "name", "id")
    )
    result = cast("Page[Service]", Paginator(stale, PAGE_SIZE).get_page(page))
    for service in result.object_list:
        sent = service.last_reminded_at  # type: ignore[attr-defined]
        day = service.verified_on  # type: ignore[attr-defined]
        if sent is not None and day is not None and timezone.localdate(sent) < day:
            service.last_reminded_at = None  # type: ignore[attr-defined]
    return result


# -- reports ----------------------------------------------------------------------------


def reports_visible_to(user: Any) -> QuerySet[ListingReport]:
    """Reports about the services ``user`` may see on the staff side."""
    return ListingReport.objects.filter(
        service_id__in=services_visible_to(user).values("pk")
    ).select_related("service", "service__organization", "service__municipality", "resolved_by")


def open_reports(user: Any) -> QuerySet[ListingReport]:
    return reports_visible_to(user).filter(status=ReportStatus.OPEN).order_by("created_at", "id")


def recently_resolved(user: Any, *, limit: int = 20) -> list[ListingReport]:
    resolved = reports_visible_to(user).filter(status=ReportStatus.RESOLVED)
    return list(resolved.order_by("-resolved_at", "-id")[:limit])
