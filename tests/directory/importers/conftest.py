"""Paths of the real files and fixtures, and a snapshot of what the directory holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tsunagari.audit.models import AuditEvent
from tsunagari.directory import models as m

ROOT = Path(__file__).resolve().parents[3]
OPENDATA = ROOT / "src" / "tsunagari" / "directory" / "data" / "opendata"
FIXTURES = ROOT / "tests" / "fixtures" / "opendata"

MACHIDA = OPENDATA / "132098_machida_kodomo_shokudo.csv"
KUDAMATSU_CARE = OPENDATA / "352071_kudamatsu_care_service_subset35.csv"
KUDAMATSU_PRESCHOOL = OPENDATA / "352071_kudamatsu_preschool_subset.csv"
YUZAWA = OPENDATA / "yuzawa_life_event_soudan_madoguchi_2022.json"


def counts() -> dict[str, int]:
    """What a user would see change: services, their parts, and the audit trail."""
    return {
        "services": m.Service.objects.count(),
        "locations": m.Location.objects.count(),
        "addresses": m.Address.objects.count(),
        "phones": m.Phone.objects.count(),
        "schedules": m.Schedule.objects.count(),
        "attributes": m.Attribute.objects.count(),
        "organizations": m.Organization.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


def terms_of(service: m.Service) -> set[str]:
    return set(
        m.Attribute.objects.filter(link_entity="service", link_id=service.id).values_list(
            "taxonomy_term__code", flat=True
        )
    )


@pytest.fixture
def directory(reference_data: None) -> None:
    """An empty directory with the municipality list and the taxonomy loaded."""
