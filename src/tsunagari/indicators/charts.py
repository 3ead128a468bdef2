"""Server-side SVG bar charts (no script, no CDN, no style attribute: CSP allows only
our own style sheets, and SVG presentation attributes are not styles).

One horizontal bar per table row, the value written at the end of the bar, an interval
drawn as a whisker with end caps, and the national figure as a dashed, labelled line,
so nothing depends on telling colours apart. The chart has a <title> and a <desc>, and
the page puts the same numbers in a table beside it."""

from __future__ import annotations

import math
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .tables import SUPPRESSED, Table

WIDTH = 640
LABEL_WIDTH = 220
BAR_AREA = 330
ROW_HEIGHT = 30
TOP = 34
BAR = "#1f5f99"
INK = "#1a1a1a"
REFERENCE = "#a12a2a"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _fmt(value: float) -> str:
    return f"{value:,.1f}" if value % 1 else f"{value:,.0f}"


def bar_chart(table: Table) -> SafeString:
    """The chart of ``table.chart_value`` (empty when the table has no chart or rows)."""
    if not table.chart_value or not table.rows:
        return SafeString("")
    unit = str(next(c.unit for c in table.columns if c.key == table.chart_value))
    values = table.values(table.chart_value)
    lows = table.values(table.chart_low) if table.chart_low else [None] * len(values)
    highs = table.values(table.chart_high) if table.chart_high else [None] * len(values)
    labels = [str(row[0]) for row in table.rows]
    numbers = [n for v in (*values, *highs) if (n := _number(v)) is not None]
    if table.reference is not None:
        numbers.append(table.reference)
    top = max(numbers, default=0.0) * 1.1 or 1.0

    def x(value: float) -> float:
        return round(LABEL_WIDTH + BAR_AREA * max(value, 0.0) / top, 1)

    height = TOP + ROW_HEIGHT * len(values) + 12
    parts: list[SafeString] = []
    for i, (label, value, low, high) in enumerate(zip(labels, values, lows, highs, strict=True)):
        y = TOP + i * ROW_HEIGHT
        mid = y + ROW_HEIGHT / 2
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" '
                'fill="{}">{}</text>',
                LABEL_WIDTH - 8,
                mid,
                INK,
                label,
            )
        )
        number = _number(value)
        if value is SUPPRESSED:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" dominant-baseline="middle" fill="{}">{}</text>',
                    LABEL_WIDTH + 4,
                    mid,
                    INK,
                    _("非表示（10人未満）"),
                )
            )
            continue
        if number is None:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" dominant-baseline="middle" fill="{}">{}</text>',
                    LABEL_WIDTH + 4,
                    mid,
                    INK,
                    _("データなし"),
                )
            )
            continue
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                LABEL_WIDTH,
                y + 6,
                round(x(number) - LABEL_WIDTH, 1),
                ROW_HEIGHT - 12,
                BAR,
            )
        )
        end = x(number)
        lo, hi = _number(low), _number(high)
        if lo is not None and hi is not None:
            parts.append(
                format_html(
                    '<path d="M{} {}H{}M{} {}V{}M{} {}V{}" stroke="{}" '
                    'stroke-width="2" fill="none"/>',
                    x(lo), mid, x(hi),
                    x(lo), mid - 6, mid + 6,
                    x(hi), mid - 6, mid + 6,
                    INK,
                )
            )  # fmt: skip
            end = max(end, x(hi))
        parts.append(
            format_html(
                '<text x="{}" y="{}" dominant-baseline="middle" fill="{}">{}{}</text>',
                end + 6,
                mid,
                INK,
                _fmt(number),
                unit,
            )
        )
    if table.reference is not None:
        rx = x(table.reference)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" '
                'stroke-dasharray="6 4"/>'
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{} {}{}</text>',
                rx, TOP - 6, rx, height - 6, REFERENCE,
                rx, TOP - 12, REFERENCE, table.reference_label, _fmt(table.reference), unit,
            )
        )  # fmt: skip
    chart_id = f"chart-{table.key}"
    desc = _("横棒はそれぞれの区分の値です。")
    if table.chart_low:
        desc += _("横棒に重ねた線は95%信頼区間です。")
    if table.reference is not None:
        desc += _("点線は%(label)s の値 %(value)s%(unit)s です。") % {
            "label": table.reference_label,
            "value": _fmt(table.reference),
            "unit": unit,
        }
    desc += _("同じ数字を、下の表にのせています。")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-title" aria-describedby="{id}-desc" '
        'font-size="14" font-family="sans-serif">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line x1="{lw}" y1="{top}" x2="{lw}" y2="{bottom}" stroke="{ink}"/>{body}</svg>',
        w=WIDTH,
        h=height,
        id=chart_id,
        title=table.title,
        desc=desc,
        lw=LABEL_WIDTH,
        top=TOP - 4,
        bottom=height - 8,
        ink=INK,
        body=format_html_join("", "{}", ((p,) for p in parts)),
    )


# -- the map by district -----------------------------------------------------------------

MAP_WIDTH = 640
MAP_HEIGHT = 480
MAP_MARGIN = 12
LEGEND_ROW = 26
WHITE = "#ffffff"
# Four steps light to dark, each with the text colour drawn on it: dark text on the two
# light fills, white on the two dark ones (every pair at least 4.5:1).
BANDS = (("#deebf7", INK), ("#9ecae1", INK), ("#2c6aa8", WHITE), ("#08306b", WHITE))
NO_DATA = "#e0e0e0"
HATCH = "#5c5c5c"

Point = tuple[float, float]


def _polygons(geometry: dict[str, Any]) -> list[list[list[Point]]]:
    """A Polygon or MultiPolygon as a list of polygons, each a list of rings."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [[[(float(p[0]), float(p[1])) for p in ring] for ring in poly] for poly in polygons]


def _centroid(ring: list[Point]) -> tuple[float, Point]:
    """Area (absolute) and centroid of a ring; the mean of its points when it has none."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return 0.0, (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def _band_edges(values: list[float]) -> list[float]:
    """Equal steps between the lowest and highest value (one step when all are equal)."""
    low, high = min(values), max(values)
    if high <= low:
        return [low, high]
    step = (high - low) / len(BANDS)
    return [low + step * i for i in range(len(BANDS))] + [high]


def _band(value: float, edges: list[float]) -> int:
    for i in range(len(edges) - 2):
        if value < edges[i + 1]:
            return i
    return len(edges) - 2


def district_map(table: Table, shapes: dict[str, dict[str, Any]]) -> SafeString:
    """A choropleth of the table's district values (``table.extra["districts"]``: name ->
    percent, SUPPRESSED or None) over ``shapes`` (name -> GeoJSON geometry); empty when
    either is missing. Every district carries its name and value as text, and withheld
    and missing districts have their own fills, so colour is never the only carrier."""
    values = dict(table.extra.get("districts") or [])
    if not shapes or not values:
        return SafeString("")
    drawn = {name: _polygons(geometry) for name, geometry in shapes.items()}
    points = [p for polygons in drawn.values() for poly in polygons for ring in poly for p in ring]
    lon0, lon1 = min(p[0] for p in points), max(p[0] for p in points)
    lat0, lat1 = min(p[1] for p in points), max(p[1] for p in points)
    # Equirectangular, with longitude shortened by cos(latitude) so shapes keep their form.
    k = math.cos(math.radians((lat0 + lat1) / 2))
    span_x, span_y = max((lon1 - lon0) * k, 1e-9), max(lat1 - lat0, 1e-9)
    scale = min((MAP_WIDTH - 2 * MAP_MARGIN) / span_x, (MAP_HEIGHT - 2 * MAP_MARGIN) / span_y)
    ox = MAP_MARGIN + ((MAP_WIDTH - 2 * MAP_MARGIN) - span_x * scale) / 2
    oy = MAP_MARGIN + ((MAP_HEIGHT - 2 * MAP_MARGIN) - span_y * scale) / 2

    def project(p: Point) -> Point:
        return round(ox + (p[0] - lon0) * k * scale, 1), round(oy + (lat1 - p[1]) * scale, 1)

    numbers = [n for v in values.values() if (n := _number(v)) is not None]
    edges = _band_edges(numbers) if numbers else []
    chart_id = f"map-{table.key}"
    hatch = f"url(#{chart_id}-hatch)"
    paths: list[SafeString] = []
    labels: list[SafeString] = []
    for name, polygons in drawn.items():
        value = values.get(name)
        number = _number(value)
        if value is SUPPRESSED:
            fill, ink, halo, shown = hatch, INK, WHITE, _("非表示（10人未満）")
        elif number is None:
            fill, ink, halo, shown = NO_DATA, INK, NO_DATA, _("データなし")
        else:
            fill, ink = BANDS[_band(number, edges)]
            halo, shown = fill, f"{_fmt(number)}%"
        projected = [[[project(p) for p in ring] for ring in poly] for poly in polygons]
        d = "".join(
            "M" + "L".join(f"{x} {y}" for x, y in ring) + "Z" for poly in projected for ring in poly
        )
        paths.append(
            format_html(
                '<path d="{}" fill="{}" stroke="{}" stroke-width="1.5" fill-rule="evenodd" '
                'data-district="{}"><title>{}：{}</title></path>',
                d, fill, WHITE, name, name, shown,
            )
        )  # fmt: skip
        # The label sits at the centroid of the largest polygon's outer ring.
        _area, (cx, cy) = max(_centroid(poly[0]) for poly in projected)
        labels.append(
            format_html(
                '<text x="{x}" y="{y}" text-anchor="middle" fill="{ink}" stroke="{halo}" '
                'stroke-width="3" stroke-linejoin="round" paint-order="stroke">'
                '<tspan x="{x}" dy="-0.2em">{name}</tspan>'
                '<tspan x="{x}" dy="1.2em">{shown}</tspan></text>',
                x=round(cx, 1), y=round(cy, 1), ink=ink, halo=halo, name=name, shown=shown,
            )
        )  # fmt: skip
    legend: list[tuple[str, str]] = []
    if edges:
        for i in range(len(edges) - 1):
            low, high = edges[i], edges[i + 1]
            text = (
                f"{_fmt(round(low, 1))}%"
                if high <= low
                else (f"{_fmt(round(low, 1))}–{_fmt(round(high, 1))}%")
            )
            legend.append((BANDS[i][0], text))
    legend.append((hatch, str(_("非表示（10人未満）"))))
    legend.append((NO_DATA, str(_("データなし"))))
    top = MAP_HEIGHT + 8
    keys = [
        format_html('<text x="{}" y="{}" fill="{}">{}</text>', MAP_MARGIN, top + 14, INK, _("凡例"))
    ]
    for i, (fill, text) in enumerate(legend):
        y = top + LEGEND_ROW * (i + 1)
        keys.append(
            format_html(
                '<rect x="{}" y="{}" width="28" height="18" fill="{}" stroke="{}"/>'
                '<text x="{}" y="{}" dominant-baseline="middle" fill="{}">{}</text>',
                MAP_MARGIN, y, fill, INK, MAP_MARGIN + 38, y + 9, INK, text,
            )
        )  # fmt: skip
    height = top + LEGEND_ROW * (len(legend) + 1) + 8
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart map" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-title" aria-describedby="{id}-desc" '
        'font-size="13" font-family="sans-serif">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<defs><pattern id="{id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="{white}"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="{hatch}" stroke-width="2"/></pattern></defs>'
        "<g>{paths}</g><g>{labels}</g><g>{keys}</g></svg>",
        w=MAP_WIDTH,
        h=height,
        id=chart_id,
        title=_("地域ごとの地図：孤独感が「しばしばある・常にある」人の割合"),
        desc=_(
            "色が濃いほど割合が高い地域です。地域ごとに名前と値を書いています。"
            "斜線は回答者が10人未満で表示しない地域、灰色はデータのない地域です。"
            "同じ数字を、上の表にのせています。"
        ),
        white=WHITE,
        hatch=HATCH,
        paths=format_html_join("", "{}", ((p,) for p in paths)),
        labels=format_html_join("", "{}", ((p,) for p in labels)),
        keys=format_html_join("", "{}", ((p,) for p in keys)),
    )
