"""District boundaries for the dashboard's map: reading a GeoJSON FeatureCollection
(e.g. e-Stat 「小地域」 boundaries exported to GeoJSON), checking it, and replacing one
municipality's shapes.

A file is checked whole before anything is written: every feature needs a name (the
district as residents write it in the survey) and a Polygon or MultiPolygon whose
coordinates lie in Japan's rough bounds, so a file in a projected system (metres) or
with longitude and latitude swapped is refused instead of drawn as nonsense."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, audit_record

from .models import DistrictShape

# Rough bounds of Japan (longitude, latitude), generous enough for every island.
LONGITUDE = (122.0, 154.0)
LATITUDE = (20.0, 46.0)


class DistrictInputError(ValueError):
    """A file that cannot be loaded; the message names the feature and the reason."""


@dataclass(frozen=True)
class Shape:
    name: str
    geometry: dict[str, Any]


def _position(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) < 2:
        return None
    lon, lat = value[0], value[1]
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat))
    if not numbers or not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    return float(lon), float(lat)


def _polygon_problem(polygon: Any) -> str | None:
    """Why ``polygon`` (a list of linear rings) is not usable, or None."""
    if not isinstance(polygon, list) or not polygon:
        return "ポリゴンに輪がありません / a polygon without rings"
    for ring in polygon:
        if not isinstance(ring, list) or len(ring) < 4:
            return "輪の点が4つ未満です / a ring with fewer than 4 positions"
        for value in ring:
            position = _position(value)
            if position is None:
                return f"座標が数ではありません / not a coordinate pair: {value!r}"
            lon, lat = position
            if not (LONGITUDE[0] <= lon <= LONGITUDE[1] and LATITUDE[0] <= lat <= LATITUDE[1]):
                return (
                    f"座標が日本の範囲外です（経度・緯度の順か確認してください）"
                    f" / coordinates outside Japan (lon, lat expected): {lon}, {lat}"
                )
    return None


def _geometry_problem(geometry: Any) -> str | None:
    if not isinstance(geometry, dict):
        return "geometry がありません / no geometry"
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        return _polygon_problem(coordinates)
    if kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            return "MultiPolygon が空です / an empty MultiPolygon"
        for polygon in coordinates:
            if problem := _polygon_problem(polygon):
                return problem
        return None
    return (
        f"形が Polygon / MultiPolygon ではありません"
        f" / geometry type must be Polygon or MultiPolygon, not {kind!r}"
    )


def parse_districts(text: str, *, name_property: str = "name") -> list[Shape]:
    """The shapes of a GeoJSON FeatureCollection, or DistrictInputError naming the first
    feature (counted from 0) that is wrong and why."""
    try:
        document = json.loads(text)
    except ValueError as error:
        raise DistrictInputError(f"GeoJSON ではありません / not JSON: {error}") from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise DistrictInputError(
            "GeoJSON の FeatureCollection ではありません / not a GeoJSON FeatureCollection"
        )
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise DistrictInputError("地域がひとつもありません / no features")
    shapes: list[Shape] = []
    seen: set[str] = set()
    for index, feature in enumerate(features):
        where = f"feature {index}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise DistrictInputError(f"{where}: Feature ではありません / not a Feature")
        properties = feature.get("properties") or {}
        name = properties.get(name_property) if isinstance(properties, dict) else None
        name = str(name).strip() if name is not None else ""
        if not name:
            raise DistrictInputError(
                f"{where}: 地域名（{name_property}）がありません"
                f" / missing name property {name_property!r}"
            )
        if name in seen:
            raise DistrictInputError(f"{where}: 同じ地域名が2回あります / repeated name {name}")
        seen.add(name)
        if problem := _geometry_problem(feature.get("geometry")):
            raise DistrictInputError(f"{where} ({name}): {problem}")
        geometry = feature["geometry"]
        shapes.append(
            Shape(
                name=name,
                geometry={"type": geometry["type"], "coordinates": geometry["coordinates"]},
            )
        )
    return shapes


def district_shapes_replace(*, actor: Actor, code: str, shapes: Sequence[Shape]) -> int:
    """Replace every shape of municipality ``code`` with ``shapes`` in one transaction,
    audited; returns how many were written."""
    with transaction.atomic():
        DistrictShape.objects.filter(municipality_id=code).delete()
        DistrictShape.objects.bulk_create(
            DistrictShape(municipality_id=code, name=s.name, geometry=s.geometry) for s in shapes
        )
        audit_record(
            actor=actor,
            action=AuditAction.REFERENCE_IMPORT,
            object_type="municipality",
            object_id=code,
            new={"table": "district_shape", "districts": sorted(s.name for s in shapes)},
        )
    return len(shapes)


def district_shapes(code: str) -> dict[str, dict[str, Any]]:
    """District name -> GeoJSON geometry of municipality ``code`` (empty without shapes)."""
    rows = DistrictShape.objects.filter(municipality_id=code).order_by("name")
    return {name: geometry for name, geometry in rows.values_list("name", "geometry")}
