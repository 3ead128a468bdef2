"""Counts of what the directory holds, for `tsunagari stats` and monitoring."""

from __future__ import annotations

from .models import DataSource, Location, Municipality, Organization, Service, TaxonomyTerm


def directory_counts() -> dict[str, int]:
    """Every key is always present; services counts every status, active_services only
    the ones residents see."""
    return {
        "services": Service.objects.count(),
        "active_services": Service.objects.filter(status=Service.Status.ACTIVE).count(),
        "organizations": Organization.objects.count(),
        "locations": Location.objects.count(),
        "taxonomy_terms": TaxonomyTerm.objects.count(),
        "data_sources": DataSource.objects.count(),
        "municipalities": Municipality.objects.count(),
    }
