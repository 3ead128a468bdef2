"""The benchmark's generated files are in the real layouts: they import like the real
files (no timing here; figures come from ``make bench``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tsunagari.directory.importers import import_file
from tsunagari.directory.models import Service

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from generate import generate


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("layout", "format_name"),
    [
        ("kaigo", "standard:kaigo"),
        ("kosodate", "standard:kosodate"),
        ("iryo", "standard:iryo"),
        ("kokyo", "standard:kokyo"),
        ("kodomo", "kodomo_shokudo"),
    ],
)
def test_generated_rows_import_as_services(reference_data, tmp_path, layout, format_name):
    path = generate(layout, 120, tmp_path / f"{layout}.csv")
    result = import_file(path)
    assert (result.format, result.records) == (format_name, 120)
    assert Service.objects.filter(source__file_name=path.name).count() == 120
