"""Distance, and grid cells that turn "within r km" into a few index tokens.

Every document carries, for each of its points, the cell it falls in at four sizes
(about 2 km, 11 km, 55 km and 280 km across). A radius query asks for any cell that
touches the bounding box of its circle, at the finest size that needs few cells; the
haversine distance then settles the few candidates near the edge."""

from __future__ import annotations

import math
from collections.abc import Iterable

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
CELL_DEGREES = (0.02, 0.1, 0.5, 2.5)
MAX_QUERY_CELLS = 36

Point = tuple[float, float]


def haversine_km(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _cell(level: int, lat: float, lon: float) -> str:
    size = CELL_DEGREES[level]
    return f"g{level}_{math.floor(lat / size)}_{math.floor(lon / size)}"


def point_cells(points: Iterable[Point]) -> list[str]:
    """The cell tokens of a document's points, at every size."""
    cells: dict[str, None] = {}
    for lat, lon in points:
        for level in range(len(CELL_DEGREES)):
            cells[_cell(level, lat, lon)] = None
    return list(cells)


def bounding_box(centre: Point, radius_km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) in degrees around a circle."""
    lat, lon = centre
    dlat = radius_km / KM_PER_DEGREE
    dlon = radius_km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def radius_cells(centre: Point, radius_km: float) -> list[str] | None:
    """Cell tokens covering the circle (any one of them may hold a point inside it), or
    None when the circle is too large for cells to narrow anything."""
    south, north, west, east = bounding_box(centre, radius_km)
    for level, size in enumerate(CELL_DEGREES):
        rows = range(math.floor(south / size), math.floor(north / size) + 1)
        cols = range(math.floor(west / size), math.floor(east / size) + 1)
        if len(rows) * len(cols) <= MAX_QUERY_CELLS:
            return [f"g{level}_{r}_{c}" for r in rows for c in cols]
    return None


def format_points(points: Iterable[Point]) -> str:
    return ";".join(f"{lat:.7f},{lon:.7f}" for lat, lon in points)


def parse_points(text: str) -> list[Point]:
    points = []
    for pair in text.split(";"):
        if pair:
            lat, lon = pair.split(",")
            points.append((float(lat), float(lon)))
    return points


def nearest_km(centre: Point, points: Iterable[Point]) -> float | None:
    distances = [haversine_km(centre, p) for p in points]
    return min(distances) if distances else None
