"""The API docs page in a real browser: Swagger UI renders our document from our own
static files, and the page asks no other host for anything."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_the_docs_page_renders_from_our_files_only(live_server, context):
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    page.wait_for_load_state("networkidle")
    assert "tsunagari API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock-summary-path", has_text="/api/v1/services").count() >= 1
    own_host = urlsplit(live_server.url).netloc
    others = [
        u
        for u in requested
        if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own_host
    ]
    assert others == []
    assert any(u.endswith("/api/v1/openapi.json") for u in requested)
    assert context.cookies() == []
