"""Staff edit the directory in the Django admin for now; those edits are audited like
imports: who, when, which object, old and new values."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_service
from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.directory.models import Service


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
