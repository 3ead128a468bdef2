"""The directory writer: upserts by id, records every change, removes what a complete
record no longer has, and stores exactly what the ORM would."""

import datetime as dt

import pytest

from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.audit.services import Actor
from tsunagari.directory.ids import stable_id, term_id
from tsunagari.directory.models import Attribute, Phone, Schedule, Service
from tsunagari.directory.services import DirectoryWriter

SERVICE = stable_id("test", "service")


def graph(*, name="こども食堂ひまわり", phones=("042-000-0001", "042-000-0002")):
    return {
        "service": [{"id": SERVICE, "name": name, "status": "active", "minimum_age": 0.0}],
        "phone": [
            {"id": stable_id("phone", n), "service_id": SERVICE, "number": n} for n in phones
        ],
        "schedule": [
            {
                "id": stable_id("schedule", 1),
                "service_id": SERVICE,
                "freq": "WEEKLY",
                "byday": "TH",
                "opens_at": dt.time(17, 30),
                "closes_at": dt.time(18, 30),
                "valid_from": dt.date(2025, 1, 1),
            }
        ],
        "attribute": [
            {
                "id": stable_id("attr", 1),
                "link_id": SERVICE,
                "link_entity": "service",
                "taxonomy_term_id": term_id("type.kodomo_shokudo"),
            }
        ],
    }


def write(g):
    writer = DirectoryWriter(actor=Actor(label="test"))
    writer.add(g)
    return writer.finish()


@pytest.mark.django_db
def test_write_stores_values_the_orm_reads_back(reference_data):
    write(graph())
    service = Service.objects.get(pk=SERVICE)
    assert service.name == "こども食堂ひまわり"
    assert service.last_modified is not None
    schedule = Schedule.objects.get(service=service)
    assert (schedule.opens_at, schedule.closes_at) == (dt.time(17, 30), dt.time(18, 30))
    assert schedule.valid_from == dt.date(2025, 1, 1)
    assert Attribute.objects.get(link_id=SERVICE, inferred=False).taxonomy_term.name == "子ども食堂"
    assert sorted(Phone.objects.values_list("number", flat=True)) == [
        "042-000-0001",
        "042-000-0002",
    ]


@pytest.mark.django_db
def test_a_new_record_is_audited_once_with_the_values_of_all_its_parts(reference_data):
    before = AuditEvent.objects.count()
    write(graph())
    assert AuditEvent.objects.count() - before == 1
    event = AuditEvent.objects.get(object_type="service", object_id=str(SERVICE))
    assert event.action == AuditAction.CREATE
    assert event.actor_label == "test"
    assert event.new_values["service"][0]["name"] == "こども食堂ひまわり"
    assert len(event.new_values["phone"]) == 2
    assert event.new_values["schedule"][0]["opens_at"] == "17:30:00"


@pytest.mark.django_db
def test_a_part_added_to_an_existing_record_gets_its_own_create_event(reference_data):
    write(graph(phones=("042-000-0001",)))
    write(graph())
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="phone")
    assert event.object_id == str(stable_id("phone", "042-000-0002"))
    assert event.new_values["number"] == "042-000-0002"


@pytest.mark.django_db
def test_same_data_again_changes_and_records_nothing(reference_data):
    write(graph())
    modified = Service.objects.get(pk=SERVICE).last_modified
    events = AuditEvent.objects.count()
    stats = write(graph())
    assert stats[("service", "unchanged")] == 1
    assert AuditEvent.objects.count() == events
    assert Service.objects.get(pk=SERVICE).last_modified == modified


@pytest.mark.django_db
def test_a_change_updates_in_place_and_records_old_and_new(reference_data):
    write(graph())
    write(graph(name="子ども食堂ひまわり"))
    assert Service.objects.count() == 1
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="service")
    assert event.old_values == {"name": "こども食堂ひまわり"}
    assert event.new_values == {"name": "子ども食堂ひまわり"}


@pytest.mark.django_db
def test_a_part_missing_from_a_complete_record_is_deleted_and_recorded(reference_data):
    write(graph())
    write(graph(phones=("042-000-0001",)))
    assert list(Phone.objects.values_list("number", flat=True)) == ["042-000-0001"]
    event = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert event.object_type == "phone"
    assert event.old_values["number"] == "042-000-0002"


@pytest.mark.django_db
def test_audit_events_cannot_be_changed_or_deleted(reference_data):
    write(graph())
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(actor_label="someone else")
