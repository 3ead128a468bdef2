"""Fixtures for the navigator: the demo municipality, and a directory imported from an
HSDS file with only names, descriptions, schedules and phones."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from tsunagari.directory.demo import demo_load
from tsunagari.directory.national_lines import national_lines_load
from tsunagari.search.opening import JST

PLAIN_HSDS = Path(__file__).resolve().parents[1] / "fixtures" / "hsds-plain" / "services.json"
PLAIN_TOWN = "352071"  # the file's services carry 下松市's code

# A Wednesday evening (not a holiday), when day-time windows are closed.
WEDNESDAY_NIGHT = dt.datetime(2026, 11, 25, 22, 30, tzinfo=JST)
WEDNESDAY_NOON = dt.datetime(2026, 11, 25, 12, 0, tzinfo=JST)
SATURDAY_MORNING = dt.datetime(2026, 11, 28, 10, 5, tzinfo=JST)


@pytest.fixture
def national(reference_data: None) -> None:
    national_lines_load()


@pytest.fixture
def demo(national: None) -> None:
    demo_load()


@pytest.fixture
def plain(national: None) -> None:
    """Imported the way a coordinator does it: ``tsunagari import services.json``."""
    call_command("import", str(PLAIN_HSDS), stdout=io.StringIO())
