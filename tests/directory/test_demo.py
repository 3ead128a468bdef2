import datetime as dt
import math

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tsunagari.audit.models import AuditEvent
from tsunagari.directory.demo import DEMO_CODE, demo_load
from tsunagari.directory.models import (
    Address,
    Attribute,
    DataSource,
    Location,
    Municipality,
    Organization,
    Phone,
    Schedule,
    Service,
)
from tsunagari.directory.reference import MUNICIPALITIES_CSV, check_digit, taxonomy_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_data):
    return demo_load()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))


def _demo_services():
    return Service.objects.filter(municipality_id=DEMO_CODE)


def test_the_demo_municipality_is_fictional_and_cannot_clash(demo):
    town = Municipality.objects.get(code=DEMO_CODE)
    assert town.is_fictional
    assert "架空" in town.name
    assert check_digit(DEMO_CODE[:5]) == DEMO_CODE[5]
    real_codes = MUNICIPALITIES_CSV.read_text(encoding="utf-8-sig")
    assert DEMO_CODE not in real_codes
    assert town.latitude is not None and town.longitude is not None


def test_the_demo_source_is_marked_as_sample(demo):
    source = DataSource.objects.get(pk=demo.source.pk)
    assert source.is_sample
    assert "架空" in source.publisher
    services = _demo_services()
    assert services.exclude(source=source).count() == 0
    assert services.exclude(description__contains="架空のデータ").count() == 0


def test_at_least_300_services_with_organizations(demo):
    assert _demo_services().count() >= 300
    assert _demo_services().filter(organization__isnull=True).count() == 0
    assert Organization.objects.filter(municipality_id=DEMO_CODE).count() >= 50


def test_every_taxonomy_term_is_used_by_some_demo_service(demo):
    used = set(
        Attribute.objects.filter(
            link_entity="service", link_id__in=_demo_services().values("id")
        ).values_list("taxonomy_term__code", flat=True)
    )
    expected = {row["code"] for row in taxonomy_rows()}
    assert expected - used == set()


def test_schedules_include_evenings_weekends_and_24_hours(demo):
    schedules = Schedule.objects.filter(service__municipality_id=DEMO_CODE)
    assert schedules.filter(closes_at__gte=dt.time(20, 0), closes_at__lte=dt.time(22, 0)).exists()
    assert schedules.filter(byday__contains="SA").exists()
    assert schedules.filter(byday__contains="SU").exists()
    assert schedules.filter(
        opens_at=dt.time(0, 0), closes_at=dt.time(23, 59), byday="MO,TU,WE,TH,FR,SA,SU"
    ).exists()
    # A schedule always explains itself in words.
    assert schedules.filter(description="").count() == 0


def test_locations_are_inside_the_town(demo):
    town = Municipality.objects.get(code=DEMO_CODE)
    locations = Location.objects.filter(municipality_id=DEMO_CODE)
    assert locations.count() >= 100
    for location in locations:
        assert location.latitude is not None and location.longitude is not None
        distance = _km(town.latitude, town.longitude, location.latitude, location.longitude)
        assert distance < 5, location.name
    addresses = Address.objects.filter(location__municipality_id=DEMO_CODE)
    assert addresses.count() == locations.count()
    assert {a.city for a in addresses} == {"つながり市"}


def test_demo_phone_numbers_are_fictional(demo):
    numbers = Phone.objects.filter(service__municipality_id=DEMO_CODE).values_list(
        "number", flat=True
    )
    assert numbers
    # Area code 000 does not exist in Japan: none of these can ring a real person.
    assert all(n.startswith("000-555-") for n in numbers)


def test_services_have_costs_and_places_to_be_without_a_signboard(demo):
    services = _demo_services()
    assert services.filter(cost_options__amount__gt=0).exists()
    assert services.filter(cost_options__amount=0).exists()
    kodomo = services.filter(name__contains="食堂")
    assert kodomo.count() >= 20


def test_loading_twice_changes_nothing(reference_data):
    first = demo_load()
    counts = (
        Service.objects.count(),
        Organization.objects.count(),
        Location.objects.count(),
        Schedule.objects.count(),
        Attribute.objects.count(),
        Phone.objects.count(),
    )
    events = AuditEvent.objects.count()
    assert events > 0
    second = demo_load()
    assert second.services == first.services
    assert (
        Service.objects.count(),
        Organization.objects.count(),
        Location.objects.count(),
        Schedule.objects.count(),
        Attribute.objects.count(),
        Phone.objects.count(),
    ) == counts
    assert AuditEvent.objects.count() == events


def test_the_write_is_audited(demo):
    service = _demo_services().first()
    assert AuditEvent.objects.filter(object_type="service", object_id=str(service.pk)).exists()


def test_load_demo_command_reports_failed_open_data_files(reference_data, monkeypatch, capsys):
    from tsunagari.directory.demo import opendata

    def broken(path, **kwargs):
        raise opendata.ImportProblem("unknown format", file=path.name, row=1)

    monkeypatch.setattr(opendata, "import_file", broken)
    with pytest.raises(CommandError, match="取り込めませんでした"):
        call_command("load_demo")
    captured = capsys.readouterr()
    assert "132098_machida_kodomo_shokudo.csv" in captured.err
    # The generated demo and the national lines are in place even though files failed.
    assert _demo_services().count() >= 300
    assert Service.objects.filter(source__key="national_lines").exists()
