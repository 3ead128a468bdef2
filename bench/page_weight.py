"""Page weight of the public pages (issue #3 target: HTML + CSS + JS ≤ 200 KB per page,
map tiles excluded). Prints the figures per page; asserts nothing.

    python bench/page_weight.py            # the demo municipality in a fresh SQLite file

Each page is fetched in-process with Django's test client; the stylesheets and scripts
it links are read from the static files and counted once per page, raw and gzipped
(whitenoise serves the gzipped form to browsers that accept it)."""

from __future__ import annotations

import gzip
import os
import re
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_KB = 200
_ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="(/static/[^"]+)"')


def main() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="tsunagari-weight-"))
    os.environ.update(
        TSUNAGARI_DATA_DIR=str(data_dir),
        TSUNAGARI_DEMO="1",
        TSUNAGARI_LOG_LEVEL="WARNING",
        TSUNAGARI_TILE_URL="none",
        TSUNAGARI_ALLOWED_HOSTS="testserver",
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagari.settings")
    import django

    # Demo mode serves static files from the apps; there is no collected folder.
    warnings.filterwarnings("ignore", message="No directory at")

    django.setup()
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client

    from tsunagari.directory.models import Service

    for command in ("migrate", "load_reference", "load_demo"):
        call_command(command, verbosity=0)
    service = Service.objects.filter(status="active").order_by("name").first()
    placed = (
        Service.objects.filter(
            status="active", service_at_locations__location__latitude__isnull=False
        )
        .order_by("name")
        .first()
    )
    assert service is not None and placed is not None, "the demo has no services"
    pages = {
        "search": "/",
        "results": "/?q=相談&when=now",
        "results (en)": "/en/?q=相談",
        "map": "/?q=食堂&view=map",
        "print + QR": "/print/?q=食堂",
        "detail": f"/services/{service.id}/",
        "detail + map": f"/services/{placed.id}/",
        "navigator start": "/navigator/",
        "navigator step": "/navigator/help/?topic=need.talk",
        "navigator result": "/navigator/result/?topic=need.talk",
        "sources": "/sources/",
    }
    client = Client()
    print(f"{'page':<18} {'HTML KB':>8} {'CSS+JS KB':>10} {'total KB':>9} {'gzipped KB':>11}  ok")
    for name, url in pages.items():
        try:
            response = client.get(url)
        except ImportError as error:  # the navigator's advice module is not there yet
            print(f"{name:<18} skipped ({error})")
            continue
        if response.status_code != 200:
            print(f"{name:<18} status {response.status_code}")
            continue
        html = response.content
        assets = [
            Path(finders.find(p.removeprefix("/static/"))) for p in _ASSET.findall(html.decode())
        ]
        raw = len(html) + sum(a.stat().st_size for a in assets)
        zipped = len(gzip.compress(html)) + sum(len(gzip.compress(a.read_bytes())) for a in assets)
        ok = "yes" if raw <= LIMIT_KB * 1024 else "NO"
        print(
            f"{name:<18} {len(html) / 1024:>8.1f} {(raw - len(html)) / 1024:>10.1f} "
            f"{raw / 1024:>9.1f} {zipped / 1024:>11.1f}  {ok}"
        )
    print(f"target: ≤ {LIMIT_KB} KB uncompressed per page (tiles excluded)")


if __name__ == "__main__":
    main()
