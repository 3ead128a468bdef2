"""Logs are JSON lines that tie each event to its request, and hold nothing personal:
not what a resident searched for, not their address, not their browser."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Callable, Iterator

import pytest

from tsunagari.core.logging import JsonFormatter, RequestIdFilter
from tsunagari.core.request_id import current_request_id

pytestmark = pytest.mark.django_db

PERSONAL = ["死にたい", "町田市", "q=", "203.0.113.7", "NaishoBrowser"]
CLIENT = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "NaishoBrowser/1.0"}


@pytest.fixture
def json_log() -> Iterator[Callable[[], list[dict[str, object]]]]:
    """What the production console handler would print, parsed line by line."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def test_a_search_is_logged_without_its_query_address_or_browser(client, json_log):
    response = client.get("/", {"q": "死にたい", "place": "町田市"}, **CLIENT)
    assert response.status_code == 200
    events = json_log()
    access = [e for e in events if e["logger"] == "tsunagari.request"]
    assert len(access) == 1
    assert access[0]["method"] == "GET"
    assert access[0]["path"] == "/"
    assert access[0]["status"] == 200
    assert isinstance(access[0]["duration_ms"], float)
    assert access[0]["level"] == "INFO"
    assert access[0]["request_id"] == response["X-Request-ID"]
    assert {"time", "message"} <= access[0].keys()
    printed = json.dumps(events, ensure_ascii=False)
    for secret in PERSONAL:
        assert secret not in printed


def test_a_page_not_found_is_logged_without_its_query(client, json_log):
    response = client.get("/nowhere/", {"q": "死にたい"}, **CLIENT)
    assert response.status_code == 404
    events = json_log()
    warnings = [e for e in events if e["logger"] == "django.request"]
    assert [e["message"] for e in warnings] == ["Not Found: /nowhere/"]
    # Logged while the request was served: it carries the request's id.
    assert warnings[0]["request_id"] == response["X-Request-ID"]
    printed = json.dumps(events, ensure_ascii=False)
    for secret in PERSONAL:
        assert secret not in printed


def test_a_proxy_request_id_is_kept(client):
    response = client.get("/sources/", headers={"X-Request-ID": "7f3a9c2e51d04b7e"})
    assert response["X-Request-ID"] == "7f3a9c2e51d04b7e"


@pytest.mark.parametrize("sent", ["", "short", "a b c d e f g h", "<script>alert(1)</script>"])
def test_a_request_id_that_is_not_a_plain_token_is_replaced(client, sent):
    response = client.get("/sources/", headers={"X-Request-ID": sent})
    assert response["X-Request-ID"] != sent
    assert len(response["X-Request-ID"]) == 32
    int(response["X-Request-ID"], 16)


def test_each_request_gets_its_own_id(client):
    first = client.get("/sources/")["X-Request-ID"]
    second = client.get("/sources/")["X-Request-ID"]
    assert first != second


def test_outside_a_request_there_is_no_request_id(client):
    client.get("/sources/")
    assert current_request_id() == ""


def test_an_exception_is_logged_as_one_json_line():
    try:
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("tsunagari.test", logging.ERROR, "", 1, "失敗 %s", ("x",), exc_info)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    event = json.loads(line)
    assert event["message"] == "失敗 x"
    assert event["level"] == "ERROR"
    assert "ValueError: boom" in event["exception"]
    assert "request_id" not in event
