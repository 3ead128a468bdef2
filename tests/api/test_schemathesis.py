"""schemathesis generates requests from our OpenAPI document (valid and invalid ones)
and sends them to the Django app with the demo directory loaded: no response may be a
server error, and every response must be what the document says (status code, content
type, body schema — the HSDS components included).

Derandomised and kept small (25 generated requests per endpoint), so it runs in well
under a minute in CI on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def one_connection() -> Iterator[None]:
    """Requests run inside the test's transaction: as Django's own test client does,
    keep the end of each request from closing the connection (and the transaction)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.usefixtures("demo", "one_connection")
@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_openapi_promises(case: schemathesis.Case) -> None:
    response = case.call_and_validate(checks=CHECKS)
    assert "Set-Cookie" not in response.headers
