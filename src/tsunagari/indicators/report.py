"""The printable report (PDF) for council meetings, made with WeasyPrint from the same
tables and SVG charts as the page. The report's HTML links nothing (its style sheet is
handed over as a string, the charts are inline SVG), so making it fetches no URL."""

from __future__ import annotations

from pathlib import Path

STYLE = Path(__file__).parent / "static" / "indicators" / "report.css"


def pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads pango, which no other page needs.
    from weasyprint import CSS, HTML

    document = HTML(string=html)
    return bytes(document.write_pdf(stylesheets=[CSS(string=STYLE.read_text(encoding="utf-8"))]))
