"""The map by district (issue #5): boundaries loaded from GeoJSON with every bad file
refused whole, and the staff dashboard's choropleth of the survey's district shares."""

from __future__ import annotations

import json
import re
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
    from tsunagari.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="indicators.import")
    assert (event.object_type, event.object_id) == ("municipality", X)
    assert event.new_values == {"table": "district_shape", "districts": ["成瀬", "鶴川"]}


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


def _prevalence_with(districts: dict[str, object]) -> Any:
    from tsunagari.indicators.tables import Table

    return Table(
        key="prevalence",
        title="t",
        columns=(),
        rows=[],
        extra={"districts": list(districts.items())},
    )


def test_the_map_has_one_labelled_path_per_district_and_marks_withheld_ones() -> None:
    from tsunagari.indicators.charts import district_map
    from tsunagari.indicators.tables import SUPPRESSED

    shapes = {
        "鶴川": _square(139.40, 35.50),
        "成瀬": _square(139.41, 35.50),
        "玉川学園": _square(139.40, 35.51),
        "忠生": _square(139.41, 35.51),
    }
    table = _prevalence_with({"鶴川": 4.2, "成瀬": 12.5, "玉川学園": SUPPRESSED})
    svg = str(district_map(table, shapes))
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "style=" not in svg
    assert svg.count("<path") == 4
    texts = "".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))
    assert "鶴川" in texts and "4.2%" in texts and "12.5%" in texts
    # The withheld district is hatched and says so; the one without data says that.
    withheld = re.search(r'<path[^>]*data-district="玉川学園"[^>]*>', svg)
    assert withheld and 'fill="url(#map-prevalence-hatch)"' in withheld.group(0)
    assert "玉川学園</tspan><tspan" in svg and "非表示（10人未満）" in texts
    assert "データなし" in texts  # 忠生 has no row
    # Highest and lowest shares get different fills.
    pattern = r'fill="([^"]+)"[^>]*data-district="([^"]+)"'
    fills = {name: colour for colour, name in re.findall(pattern, svg)}
    assert fills["鶴川"] != fills["成瀬"]


def test_no_map_without_shapes_or_district_rows() -> None:
    from tsunagari.indicators.charts import district_map

    assert str(district_map(_prevalence_with({"鶴川": 4.2}), {})) == ""
    assert str(district_map(_prevalence_with({}), {"鶴川": _square(139.4, 35.5)})) == ""


def _survey_in_two_districts() -> None:
    from tests.surveys.conftest import STAFF, make_survey
    from tsunagari.surveys import services

    survey = make_survey()
    # 鶴川: 12 answers (3 often lonely); 成瀬: 4 answers (withheld).
    for i in range(16):
        services.response_enter_paper(
            actor=STAFF,
            survey=survey,
            answers={
                "direct_loneliness": 5 if i in (0, 1, 2, 12) else 2,
                "sex": 2,
                "district": "鶴川" if i < 12 else "成瀬",
            },
        )


def test_the_staff_dashboard_shows_the_map_when_the_municipality_has_shapes(world, client):
    from tests.staff_world import sign_in

    _survey_in_two_districts()
    signed_in = sign_in(client, world.coord_x)
    page = signed_in.get(f"/staff/indicators/{X}/").content.decode()
    assert "地域：鶴川" in page and "map-prevalence" not in page
    DistrictShape.objects.create(municipality_id=X, name="鶴川", geometry=_square(139.45, 35.55))
    DistrictShape.objects.create(municipality_id=X, name="成瀬", geometry=_square(139.46, 35.55))
    page = signed_in.get(f"/staff/indicators/{X}/").content.decode()
    svg = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart map"') :]
    svg = svg[: svg.index("</svg>")]
    assert svg.count("<path") == 2
    assert "25%" in svg  # 鶴川: 3 of 12, as in the table
    assert 'data-district="成瀬"' in svg and "非表示（10人未満）" in svg
