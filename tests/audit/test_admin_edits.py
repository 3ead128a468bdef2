"""Staff edit the directory in the Django admin for now; those edits are audited like
imports: who, when, which object, old and new values."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_service
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.directory.models import (
    Attribute,
    Phone,
    Program,
    Schedule,
    Service,
    ServiceAtLocation,
)
from tsunagari.search.models import SearchDocument
from tsunagari.search.query import SearchQuery, search


@pytest.mark.django_db
def test_an_admin_edit_records_old_and_new_values(reference_data, admin_client, admin_user):
    service = make_service("つながりカフェ")
    url = reverse("admin:directory_service_change", args=[service.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(name="つながりカフェ（火曜）", status="active")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert Service.objects.get(pk=service.pk).name == "つながりカフェ（火曜）"
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(service.pk))
    assert event.actor_id == admin_user.pk
    assert event.actor_label == f"user:{admin_user.get_username()}"
    assert event.old_values["name"] == "つながりカフェ"
    assert event.new_values["name"] == "つながりカフェ（火曜）"


@pytest.mark.django_db
def test_an_admin_delete_records_the_old_values(reference_data, admin_client):
    service = make_service("閉じた相談窓口")
    url = reverse("admin:directory_service_delete", args=[service.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Service.objects.filter(pk=service.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_id=str(service.pk))
    assert event.old_values["name"] == "閉じた相談窓口"


@pytest.mark.django_db
def test_audit_events_are_read_only_in_the_admin(reference_data, admin_client):
    make_service()
    event = AuditEvent.objects.first()
    assert event is not None
    change = admin_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    delete = admin_client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]))
    assert delete.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def _change_form_data(admin_client, url):
    form = admin_client.get(url).context["adminform"].form
    return {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }


def _found(text):
    return [hit.service_id for hit in search(SearchQuery(text=text)).hits]


@pytest.mark.django_db
def test_a_service_renamed_in_the_admin_is_found_by_its_new_name(reference_data, admin_client):
    service = make_service("ひだまりサロン")
    url = reverse("admin:directory_service_change", args=[service.pk])
    data = _change_form_data(admin_client, url)
    data.update(name="こもれびサロン", status="active")
    assert admin_client.post(url, data).status_code == 302
    assert _found("こもれび") == [service.pk]  # (its place keeps the old name)


@pytest.mark.django_db
def test_an_admin_delete_takes_the_whole_service_away_and_audits_every_row(
    reference_data, admin_client
):
    service = make_service("閉じた相談窓口", phones=("042-722-3111",))
    parts = {
        "phone": list(Phone.objects.filter(service=service).values_list("id", flat=True)),
        "schedule": list(Schedule.objects.filter(service=service).values_list("id", flat=True)),
        "service_at_location": list(
            ServiceAtLocation.objects.filter(service=service).values_list("id", flat=True)
        ),
        "attribute": list(
            Attribute.objects.filter(link_id=service.pk, inferred=False).values_list(
                "id", flat=True
            )
        ),
    }
    assert all(parts.values()) and _found("閉じた相談窓口") == [service.pk]

    url = reverse("admin:directory_service_delete", args=[service.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302

    assert _found("閉じた相談窓口") == []  # no longer listed to residents
    assert not SearchDocument.objects.filter(service_id=service.pk).exists()
    assert not Attribute.objects.filter(link_id=service.pk).exists()
    for object_type, ids in parts.items():
        deleted = AuditEvent.objects.filter(action=AuditAction.DELETE, object_type=object_type)
        assert set(deleted.values_list("object_id", flat=True)) == {str(i) for i in ids}
        assert all(event.old_values for event in deleted)


@pytest.mark.django_db
def test_a_phone_deleted_in_the_admin_is_audited_and_leaves_the_listing(
    reference_data, admin_client
):
    service = make_service("電話のある窓口", phones=("042-722-3111",))
    phone = Phone.objects.get(service=service)
    url = reverse("admin:directory_phone_delete", args=[phone.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_id=str(phone.pk))
    assert event.old_values["number"] == "042-722-3111"
    codes = set(
        Attribute.objects.filter(link_id=service.pk).values_list("taxonomy_term__code", flat=True)
    )
    assert "channel.phone" not in codes  # the inferred channel went with the number


@pytest.mark.django_db
def test_a_link_an_admin_delete_empties_is_recorded_as_an_update(reference_data, admin_client):
    service = make_service("事業のある窓口")
    program = Program.objects.create(
        organization_id=service.organization_id, name="見守り事業", description=""
    )
    Service.objects.filter(pk=service.pk).update(program=program)
    url = reverse("admin:directory_program_delete", args=[program.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert Service.objects.get(pk=service.pk).program_id is None
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(service.pk))
    assert event.old_values == {"program_id": str(program.pk)}
    assert event.new_values == {"program_id": None}


@pytest.mark.django_db
def test_a_place_renamed_in_the_admin_finds_the_services_held_there(reference_data, admin_client):
    service = make_service("みどりの窓口", location_name="ひまわり会館")
    location = ServiceAtLocation.objects.get(service=service).location
    url = reverse("admin:directory_location_change", args=[location.pk])
    data = _change_form_data(admin_client, url)
    data.update(name="あさがお会館")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert _found("あさがお会館") == [service.pk]
