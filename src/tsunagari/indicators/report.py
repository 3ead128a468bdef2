"""The printable report (PDF) for council meetings, made with WeasyPrint from the same
tables and SVG charts as the page. WeasyPrint fetches nothing from the network: the
report's style sheet is read from our static files."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders


def _fetch_local(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """Serve /static/... from the static files finders; refuse anything else, so a
    report can never make the server fetch a URL."""
    from django.conf import settings

    prefix = settings.STATIC_URL
    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else path
    if path.startswith(prefix):
        found = finders.find(path[len(prefix) :])
        if isinstance(found, str):
            with open(found, "rb") as handle:
                return {"string": handle.read(), "mime_type": "text/css"}
    raise ValueError(f"the report fetches only our static files, not {url}")


def pdf(html: str, *, base_url: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads pango, which pages never need

    document = HTML(string=html, base_url=base_url, url_fetcher=_fetch_local)
    return bytes(document.write_pdf())
