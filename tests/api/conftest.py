"""Fixtures for the API tests: a client that enforces CSRF as a browser-less API client
meets it, the demo directory, and validators for the official compiled HSDS schemas."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

COMPILED = Path(__file__).resolve().parent.parent / "fixtures" / "hsds-3.0" / "compiled"


@pytest.fixture
def api(reference_data: None) -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", verbosity=0)


@functools.cache
def hsds_validator(name: str) -> Any:
    """A validator of the official compiled schema ``name`` (service, service_list, ...)
    with format checks (uuid, uri, email, date-time) switched on."""
    schema = json.loads((COMPILED / f"{name}.json").read_text(encoding="utf-8"))
    cls = validator_for(schema, default=Draft202012Validator)
    assert {"uuid", "uri", "email", "date-time"} <= set(cls.FORMAT_CHECKER.checkers)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def hsds_errors(name: str, obj: dict[str, Any]) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in hsds_validator(name).iter_errors(obj)]


def get_json(client: Client, url: str, params: Any = None, status: int = 200) -> Any:
    response = client.get(url, params or {})
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"].startswith("application/json")
    return response.json()
