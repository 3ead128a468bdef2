"""A deployment can collect the static files: production settings use the manifest
storage, which fails on any file a stylesheet or script names but we do not ship."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_collectstatic_succeeds_under_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"TSUNAGARI_DEBUG", "TSUNAGARI_DEMO"}}
    env.update(
        TSUNAGARI_DATA_DIR=str(tmp_path),
        TSUNAGARI_SECRET_KEY="test-only",
        PYTHONPATH=str(ROOT / "src"),
    )
    env.pop("DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, "-m", "tsunagari", "collectstatic", "--noinput", "-v0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    # The pages' own assets and the vendored map library are all served hashed.
    for name in ("tsunagari/site.css", "vendor/leaflet/leaflet.js", "vendor/htmx/htmx.min.js"):
        assert name in manifest["paths"]
