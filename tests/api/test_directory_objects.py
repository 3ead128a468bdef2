"""Organizations, services at locations, taxonomies and terms: lists in the HSDS Page
envelope, single objects that validate against the official schemas, only what belongs
to public services, and 404s in JSON."""

from __future__ import annotations

import uuid

import pytest

from tests.factories import make_service
from tsunagari.directory.models import Taxonomy, TaxonomyTerm

from .conftest import get_json, hsds_errors


def test_organizations_are_those_running_a_public_service(api):
    make_service("つながりカフェ", organization="NPO法人 まちのつながり")
    ended = make_service("おわった教室", organization="おわった会", status="defunct")
    page = get_json(api, "/api/v1/organizations")
    assert [o["name"] for o in page["contents"]] == ["NPO法人 まちのつながり"]
    assert page["total_items"] == 1
    for organization in page["contents"]:
        assert hsds_errors("organization_list", organization) == []
    get_json(api, f"/api/v1/organizations/{ended.organization_id}", status=404)


def test_an_organization_is_full_with_its_public_services(api):
    cafe = make_service("つながりカフェ", organization="NPO法人 まちのつながり")
    body = get_json(api, f"/api/v1/organizations/{cafe.organization_id}")
    assert hsds_errors("organization", body) == []
    assert body["name"] == "NPO法人 まちのつながり"
    assert [s["name"] for s in body["services"]] == ["つながりカフェ"]


def test_organizations_filter_by_name_and_municipality(api):
    make_service("A", organization="町田のNPO")
    make_service("B", organization="下松のNPO", municipality="352071")
    assert get_json(api, "/api/v1/organizations", {"search": "下松"})["total_items"] == 1
    page = get_json(api, "/api/v1/organizations", {"municipality": "132098"})
    assert [o["name"] for o in page["contents"]] == ["町田のNPO"]


def test_services_at_locations(api):
    cafe = make_service("つながりカフェ")
    make_service("電話の相談", address=None)  # no location: not listed
    make_service("おわった教室", status="defunct")
    page = get_json(api, "/api/v1/service_at_locations")
    assert page["total_items"] == 1
    link = page["contents"][0]
    assert hsds_errors("service_at_location_list", link) == []
    assert link["service"]["name"] == "つながりカフェ"
    assert link["location"]["name"] == "つながりカフェ"
    body = get_json(api, f"/api/v1/service_at_locations/{link['id']}")
    assert hsds_errors("service_at_location", body) == []
    assert body["service_id"] == str(cafe.id)
    assert body["location"]["addresses"][0]["address_1"] == "森野2-2-22"
    get_json(api, f"/api/v1/service_at_locations/{uuid.uuid4()}", status=404)


def test_taxonomies_and_terms(api):
    taxonomies = get_json(api, "/api/v1/taxonomies")
    assert taxonomies["total_items"] == Taxonomy.objects.count() == 5
    needs = Taxonomy.objects.get(terms__code="need.talk", terms__isnull=False)
    one = get_json(api, f"/api/v1/taxonomies/{needs.id}")
    assert one["name"] == needs.name
    terms = get_json(api, "/api/v1/taxonomy_terms", {"taxonomy_id": str(needs.id), "per_page": 100})
    codes = [t["code"] for t in terms["contents"]]
    assert "need.talk" in codes and all(code.startswith("need.") for code in codes)
    talk = TaxonomyTerm.objects.get(code="need.talk")
    term = get_json(api, f"/api/v1/taxonomy_terms/{talk.id}")
    assert (term["name"], term["name_en"]) == (
        "話し相手・居場所",
        "Someone to talk to / a place to be",
    )
    assert term["taxonomy_detail"]["id"] == str(needs.id)
    assert get_json(api, "/api/v1/taxonomy_terms", {"search": "匿名"})["contents"][0]["code"] == (
        "attr.anonymous"
    )


@pytest.mark.parametrize(
    "path", ["organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
def test_unknown_ids_are_404_in_json(api, path):
    for bad in (str(uuid.uuid4()), "nope"):
        body = get_json(api, f"/api/v1/{path}/{bad}", status=404)
        assert "見つかりませんでした" in body["detail"]


@pytest.mark.parametrize(
    "path", ["organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
def test_lists_keep_the_page_limits(api, path):
    body = get_json(api, f"/api/v1/{path}", {"per_page": 500}, status=422)
    assert body["detail"].startswith("per_page は 1 から 100")


def test_the_whole_demo_directory_validates(api, demo):
    """Every public service of the demo (generated, national lines, real open data) is
    a valid HSDS object through the API, in lists and alone."""
    page = get_json(api, "/api/v1/services", {"per_page": 100, "full": "true"})
    assert page["total_items"] >= 400
    seen = 0
    for number in range(1, page["total_pages"] + 1):
        listed = get_json(api, "/api/v1/services", {"per_page": 100, "page": number})
        for service in listed["contents"]:
            assert hsds_errors("service_list", service) == [], service["name"]
            seen += 1
    assert seen == page["total_items"]
    for service in page["contents"]:
        assert hsds_errors("service", service) == [], service["name"]
