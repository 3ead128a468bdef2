"""The Content-Security-Policy header: our own files only, no inline script or style."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from tsunagari.settings import GSI_TILE_URL, tile_origin


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


PAGES = ["/", "/?view=map", "/navigator/", "/api/v1/docs", "/admin/login/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_page_gets_a_strict_policy(client, path):
    header = client.get(path)["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert all(v == "'self'" or v.startswith("'nonce-") for v in policy["script-src"])
    assert all(v == "'self'" or v.startswith("'nonce-") for v in policy["style-src"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["connect-src"] == ["'self'"]
    # Tests run without a tile server: images only from us (and data: URLs).
    assert policy["img-src"] == ["'self'", "data:"]


def test_the_tile_server_is_the_one_other_image_origin():
    assert tile_origin(GSI_TILE_URL) == ["https://cyberjapandata.gsi.go.jp"]
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == [
        "https://*.tile.example.org"
    ]
    assert tile_origin("") == []


def test_a_tile_url_that_is_not_http_is_refused():
    with pytest.raises(ImproperlyConfigured, match="TSUNAGARI_TILE_URL"):
        tile_origin("tiles/{z}/{x}/{y}.png")
