"""The whole demo directory — generated sample services, the national lines and the real
municipal files — exports as valid HSDS 3.0 and comes back identical."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from tsunagari.directory.exporters.hsds import export_hsds

from .conftest import wipe_directory
from .test_hsds_export import read_services, service_validator


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", verbosity=0)


@pytest.mark.django_db
def test_the_demo_directory_exports_as_valid_hsds(demo: None, tmp_path: Path) -> None:
    export_hsds(tmp_path)
    services = read_services(tmp_path)
    assert len(services) >= 300 + 15 + 19 + 35 + 16 + 19
    validator = service_validator()
    problems = {
        service["name"]: [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(service)]
        for service in services
    }
    assert {name: errors for name, errors in problems.items() if errors} == {}


@pytest.mark.django_db
def test_the_demo_directory_round_trips_through_the_data_package(
    demo: None, tmp_path: Path
) -> None:
    export_hsds(tmp_path / "first")
    wipe_directory(taxonomy=True)
    call_command("import", str(tmp_path / "first" / "datapackage.json"), verbosity=0)
    export_hsds(tmp_path / "second")
    for first in sorted((tmp_path / "first").iterdir()):
        assert first.read_bytes() == (tmp_path / "second" / first.name).read_bytes(), first.name
