"""The OpenAPI document and its docs page: served by us, with the HSDS schemas as
components, and a docs page that loads nothing from another host."""

from __future__ import annotations

import re

from django.test import Client

from tsunagari.api.openapi import hsds_components

from . import hsds_components as builder


def test_the_openapi_document_describes_every_endpoint(api: Client) -> None:
    document = api.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) >= {
        "/api/v1/services",
        "/api/v1/services/{id}",
        "/api/v1/organizations",
        "/api/v1/organizations/{id}",
        "/api/v1/service_at_locations",
        "/api/v1/service_at_locations/{id}",
        "/api/v1/taxonomies",
        "/api/v1/taxonomy_terms",
        "/api/v1/navigator",
    }
    single = document["paths"]["/api/v1/services/{id}"]["get"]["responses"]["200"]
    assert single["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/HsdsService"
    }
    service = document["components"]["schemas"]["HsdsService"]
    assert service["required"] == ["id", "name", "status"]
    assert "name_kana" in service["properties"]  # Japan profile declared
    assert "x-tsunagari-hsds" not in api.get("/api/v1/openapi.json").content.decode()


def test_the_hsds_components_are_up_to_date() -> None:
    """data/hsds_components.json is what the builder makes of the official schemas."""
    assert builder.TARGET.read_text(encoding="utf-8") == builder.render()
    assert set(hsds_components()) == set(builder.build())


def test_the_docs_page_loads_only_our_files(api: Client) -> None:
    response = api.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert urls and all(url.startswith("/static/") for url in urls), urls
    assert '"validatorUrl": null' in html  # no badge fetched from swagger.io
    for url in urls:
        served = api.get(url)
        served.close()  # a file response
        assert served.status_code == 200, url
