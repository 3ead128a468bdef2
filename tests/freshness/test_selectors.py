"""The last-verified date and staleness under each municipality's policy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.freshness.conftest import make_stale
from tests.staff_world import X
from tsunagari.directory.models import Service
from tsunagari.freshness.selectors import (
    counts_by_field,
    counts_by_municipality,
    is_stale,
    months_before,
    stale_services,
    verified_on,
    with_verified_on,
)
from tsunagari.organizations.models import MunicipalityPolicy

TODAY = dt.date(2026, 6, 15)


def _set(service: Service, **fields: object) -> Service:
    Service.objects.filter(pk=service.pk).update(**fields)
    service.refresh_from_db()
    return service


def _annotated(service: Service) -> dt.date | None:
    return with_verified_on(Service.objects.filter(pk=service.pk)).get().verified_on


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_before(dt.date(2026, 6, 15), 12) == dt.date(2025, 6, 15)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2026, 1, 10), 2) == dt.date(2025, 11, 10)


def test_verified_on_prefers_the_assured_date_then_import_then_last_change(world) -> None:
    service = world.service_a
    # 2026-03-01 00:30 in Tokyo is still 2026-02-28 in UTC: the local day counts.
    imported = dt.datetime(2026, 2, 28, 15, 30, tzinfo=dt.UTC)
    changed = dt.datetime(2025, 12, 1, 3, 0, tzinfo=dt.UTC)
    _set(service, assured_date=dt.date(2026, 4, 1), imported_at=imported, last_modified=changed)
    assert verified_on(service) == _annotated(service) == dt.date(2026, 4, 1)
    _set(service, assured_date=None)
    assert verified_on(service) == _annotated(service) == dt.date(2026, 3, 1)
    _set(service, imported_at=None)
    assert verified_on(service) == _annotated(service) == dt.date(2025, 12, 1)
    _set(service, last_modified=None)
    assert verified_on(service) is None and _annotated(service) is None


def test_stale_after_twelve_months_by_default(world) -> None:
    _set(world.service_a, assured_date=dt.date(2025, 6, 14))  # 12 months and a day
    _set(world.service_b, assured_date=dt.date(2025, 6, 15))  # exactly 12 months
    stale = set(stale_services(Service.objects.all(), today=TODAY))
    assert world.service_a in stale and world.service_b not in stale
    assert is_stale(world.service_a, today=TODAY) and not is_stale(world.service_b, today=TODAY)


def test_a_municipality_policy_sets_its_own_months(world) -> None:
    MunicipalityPolicy.objects.create(municipality_id=X, stale_after_months=6)
    seven_months = dt.date(2025, 11, 10)
    for service in (world.service_a, world.service_y):  # X (6 months) and Y (default 12)
        _set(service, assured_date=seven_months)
    stale = set(stale_services(Service.objects.all(), today=TODAY))
    assert world.service_a in stale and world.service_y not in stale
    assert is_stale(world.service_a, today=TODAY) and not is_stale(world.service_y, today=TODAY)


def test_never_verified_is_stale_and_ended_services_are_not_listed(world) -> None:
    _set(world.service_a, assured_date=None, imported_at=None, last_modified=None)
    _set(world.service_b, assured_date=dt.date(2020, 1, 1), status=Service.Status.DEFUNCT)
    stale = set(stale_services(Service.objects.all(), today=TODAY))
    assert stale == {world.service_a}


@pytest.mark.usefixtures("world")
def test_counts_by_municipality_and_field(world) -> None:
    make_stale(world.service_a)
    today = timezone.localdate()
    by_municipality = {
        row.key: row for row in counts_by_municipality(Service.objects.all(), today=today)
    }
    assert (by_municipality[X].stale, by_municipality[X].total) == (1, 2)
    assert by_municipality[X].label == "東京都町田市"
    by_field = {row.key: row for row in counts_by_field(Service.objects.all(), today=today)}
    # The world's services are places to be (type.ibasho, need.talk): 居場所, not 子育て.
    assert (by_field["ibasho"].stale, by_field["ibasho"].total) == (1, 3)
    assert (by_field["childcare"].stale, by_field["childcare"].total) == (0, 0)
