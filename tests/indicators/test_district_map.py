"""The map by district (issue #5): boundaries loaded from GeoJSON with every bad file
refused whole, and the staff dashboard's choropleth of the survey's district shares."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tsunagari.indicators.models import DistrictShape

pytestmark = pytest.mark.django_db

X = "132098"  # 町田市


def _square(lon: float, lat: float, size: float = 0.01) -> dict[str, Any]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _feature(name: str | None, geometry: Any, prop: str = "name") -> dict[str, Any]:
    return {"type": "Feature", "properties": {prop: name}, "geometry": geometry}


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "districts.geojson"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def _import(path: Path, *extra: str) -> None:
    call_command("import_districts", str(path), "--municipality", X, *extra)


def test_importing_a_feature_collection_replaces_the_municipalitys_shapes(
    reference_data: None, tmp_path: Path
) -> None:
    DistrictShape.objects.create(municipality_id=X, name="古い地域", geometry=_square(139.4, 35.5))
    multi = {
        "type": "MultiPolygon",
        "coordinates": [
            _square(139.45, 35.55)["coordinates"],
            _square(139.47, 35.55)["coordinates"],
        ],
    }
    document = _collection(
        _feature("鶴川", _square(139.48, 35.58), "S_NAME"),
        _feature("成瀬", multi, "S_NAME"),
    )
    _import(_write(tmp_path, document), "--name-property", "S_NAME")
    shapes = {s.name: s.geometry for s in DistrictShape.objects.filter(municipality_id=X)}
    assert set(shapes) == {"鶴川", "成瀬"}
    assert shapes["成瀬"]["type"] == "MultiPolygon"


BAD_FILES = {
    "not json": ("{not json", "not JSON"),
    "not a collection": ({"type": "Feature"}, "FeatureCollection"),
    "missing name": (
        _collection(_feature("鶴川", _square(139.4, 35.5)), _feature(None, _square(139.5, 35.5))),
        "feature 1",
    ),
    "bad geometry type": (
        _collection(_feature("鶴川", {"type": "Point", "coordinates": [139.4, 35.5]})),
        "feature 0",
    ),
    "outside japan": (_collection(_feature("鶴川", _square(35.5, 139.4))), "outside Japan"),
    "projected metres": (
        _collection(_feature("鶴川", _square(-25000.0, 12000.0, 500.0))),
        "outside Japan",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_exits_2_naming_the_problem_and_writes_nothing(
    reference_data: None, tmp_path: Path, case: str
) -> None:
    DistrictShape.objects.create(municipality_id=X, name="本町", geometry=_square(139.4, 35.5))
    document, message = BAD_FILES[case]
    with pytest.raises(CommandError) as raised:
        _import(_write(tmp_path, document))
    assert raised.value.returncode == 2
    assert message in str(raised.value)
    assert list(DistrictShape.objects.values_list("name", flat=True)) == ["本町"]
