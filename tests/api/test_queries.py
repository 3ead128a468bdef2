"""Lists cost the same number of queries whatever the page size, and the API root
describes itself as HSDS asks."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import make_service

from .conftest import get_json


def queries_for(client: Client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        get_json(client, url, params)
    return len(captured)


@pytest.mark.parametrize(
    "url",
    ["/api/v1/services", "/api/v1/organizations", "/api/v1/service_at_locations"],
)
def test_list_queries_do_not_grow_with_the_page(api: Client, url: str) -> None:
    for n in range(12):
        make_service(f"サロン{n}", organization=f"会{n}", phones=["042-000-0000", "0120-00-0000"])
    small = queries_for(api, url, {"per_page": 2})
    large = queries_for(api, url, {"per_page": 12})
    assert small == large
    full = {"per_page": 2, "full": "true"}, {"per_page": 12, "full": "true"}
    if url.endswith("services"):
        assert queries_for(api, url, full[0]) == queries_for(api, url, full[1])


def test_the_root_names_the_hsds_version_and_the_document(api: Client) -> None:
    body = get_json(api, "/api/v1/")
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/api/v1/openapi.json"
    assert body["profile"].startswith("http://testserver/api/v1/")
