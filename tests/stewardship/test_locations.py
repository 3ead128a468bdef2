"""Places on the edit page: stewards add a new place to their service and take one off
it. A new place is new (never another service's), and taking one off only unlinks it:
the place and its address stay, as they may be another service's."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.staff_world import sign_in
from tsunagari.audit.models import AuditEvent
from tsunagari.directory.models import Address, Location, ServiceAtLocation
from tsunagari.search.engine import search_indexed
from tsunagari.search.query import SearchQuery
from tsunagari.stewardship import services
from tsunagari.stewardship.graph import listing_digest, listing_get
from tsunagari.stewardship.models import ChangeRequest

from .test_pages import edit_url, form_data

pytestmark = pytest.mark.django_db

NEW_PLACE = {
    "locations-1-name": "みどり会館",
    "locations-1-postal_code": "1948520",
    "locations-1-state_province": "東京都",
    "locations-1-city": "町田市",
    "locations-1-address_1": "中町1-20-23",
    "locations-1-latitude": "35.5830",
    "locations-1-longitude": "139.4780",
}


def with_new_place(world, **extra):
    data = form_data(world.service_a, **{"locations-TOTAL_FORMS": "2", **NEW_PLACE, **extra})
    return data


def test_a_coordinator_adds_a_place_and_residents_see_it(world):
    service = world.service_a
    client = sign_in(Client(), world.coord_x)
    response = client.post(edit_url(service), with_new_place(world))
    assert response.status_code == 302

    links = ServiceAtLocation.objects.filter(service=service)
    assert links.count() == 2
    place = Location.objects.get(name="みどり会館")
    assert links.filter(location=place).exists()
    assert place.organization_id == service.organization_id
    assert place.municipality_id == service.municipality_id
    assert (place.latitude, place.longitude) == (35.5830, 139.4780)
    address = Address.objects.get(location=place)
    assert (address.postal_code, address.city, address.address_1) == (
        "194-8520",
        "町田市",
        "中町1-20-23",
    )
    created = set(
        AuditEvent.objects.filter(action="directory.create").values_list("object_type", flat=True)
    )
    assert {"location", "address", "service_at_location"} <= created

    public = Client().get(f"/services/{service.id}/").content.decode()
    assert "みどり会館" in public and "中町1-20-23" in public
    # Search by distance finds the service at its new place.
    near = search_indexed(SearchQuery(near=(35.5830, 139.4780), radius_km=1, per_page=50))
    assert service.id in {hit.service_id for hit in near.hits}


def test_a_new_place_needs_a_name_and_nothing_changes_without_it(world):
    data = with_new_place(world, **{"locations-1-name": ""})
    response = sign_in(Client(), world.coord_x).post(edit_url(world.service_a), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "新しい場所には名前を入れてください" in html
    assert 'id="id_locations-1-name_error"' in html
    assert ServiceAtLocation.objects.filter(service=world.service_a).count() == 1
    assert not Location.objects.filter(name="みどり会館").exists()
    assert not Address.objects.filter(address_1="中町1-20-23").exists()


def test_taking_a_place_off_unlinks_it_and_keeps_the_place(world):
    service = world.service_a
    [link] = ServiceAtLocation.objects.filter(service=service)
    place = link.location
    address = place.addresses.get()
    assert address.address_1 in Client().get(f"/services/{service.id}/").content.decode()

    data = form_data(service, **{"locations-0-DELETE": "on"})
    assert sign_in(Client(), world.coord_x).post(edit_url(service), data).status_code == 302
    assert not ServiceAtLocation.objects.filter(service=service).exists()
    # The place and its address are still stored (another service may use them).
    assert Location.objects.filter(pk=place.pk).exists()
    assert Address.objects.filter(pk=address.pk, location=place).exists()
    assert address.address_1 not in Client().get(f"/services/{service.id}/").content.decode()


def test_a_partner_adds_a_place_through_review(world):
    service = world.service_a
    partner = sign_in(Client(), world.editor_a)
    assert partner.post(edit_url(service), with_new_place(world)).status_code == 302
    assert ServiceAtLocation.objects.filter(service=service).count() == 1  # not yet

    coordinator = sign_in(Client(), world.coord_x)
    change = ChangeRequest.objects.get()
    review = coordinator.get(f"/staff/listings/review/{change.pk}/").content.decode()
    assert "みどり会館" in review and "中町1-20-23" in review
    approved = coordinator.post(f"/staff/listings/review/{change.pk}/", {"action": "approve"})
    assert approved.status_code == 302
    assert ServiceAtLocation.objects.filter(service=service).count() == 2
    assert Location.objects.filter(name="みどり会館").count() == 1


def test_another_services_place_cannot_be_taken_over(world):
    service = world.service_a
    current = listing_get(service)
    other = ServiceAtLocation.objects.exclude(service=service).select_related("location").first()
    assert other is not None
    proposed = {
        **current,
        "locations": [
            *current["locations"],
            {
                "id": str(other.location_id),
                "name": "のっとり",
                "transportation": "",
                "latitude": None,
                "longitude": None,
                "address": None,
            },
        ],
    }
    with pytest.raises(services.ChangeError):
        services.service_change(
            user=world.coord_x,
            actor=services.Actor(label="coord_x", user_id=world.coord_x.pk),
            service=service,
            base_digest=listing_digest(current),
            proposed=proposed,
        )
    assert Location.objects.get(pk=other.location_id).name != "のっとり"
    assert not ServiceAtLocation.objects.filter(service=service, location=other.location).exists()


def test_the_add_button_gives_an_empty_place_row(world):
    data = form_data(world.service_a, add="location")
    del data["save"]
    page = sign_in(Client(), world.coord_x).post(edit_url(world.service_a), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="locations-1-name"' in html and 'name="locations-TOTAL_FORMS"' in html
    assert ServiceAtLocation.objects.filter(service=world.service_a).count() == 1
