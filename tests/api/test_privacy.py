"""The API sets no cookie and needs none: anonymous clients without a session or CSRF
cookie can use every endpoint, the navigator POST included."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_service


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/",
        "/api/v1/services",
        "/api/v1/services?per_page=1000",
        "/api/v1/services/nope",
        "/api/v1/organizations",
        "/api/v1/taxonomy_terms",
        "/api/v1/openapi.json",
        "/api/v1/docs",
        "/api/v1/unknown",
    ],
)
def test_no_cookie_is_set(api: Client, url: str) -> None:
    make_service()
    response = api.get(url)
    assert response.status_code in (200, 404, 422)
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_the_navigator_post_needs_no_csrf_cookie(api: Client) -> None:
    """A CSRF failure would be a 403; a bad body gets the API's own 422."""
    response = api.post("/api/v1/navigator", "[]", content_type="application/json")
    assert response.status_code == 422
    assert not response.cookies
