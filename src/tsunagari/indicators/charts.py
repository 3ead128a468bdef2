"""Server-side SVG bar charts (no script, no CDN, no style attribute: CSP allows only
our own style sheets, and SVG presentation attributes are not styles).

One horizontal bar per table row, the value written at the end of the bar, an interval
drawn as a whisker with end caps, and the national figure as a dashed, labelled line,
so nothing depends on telling colours apart. The chart has a <title> and a <desc>, and
the page puts the same numbers in a table beside it."""

from __future__ import annotations

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
