"""Loaded with ``-p tests.pytest_env`` before pytest-django imports the settings:
tests run with debug settings (no secret needed) against the database that
``DATABASE_URL`` names — SQLite by default, PostgreSQL in the second CI pass."""

import os

os.environ.setdefault("TSUNAGARI_DEBUG", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# No tile server in tests: the map shows only its markers and no page asks another host.
os.environ["TSUNAGARI_TILE_URL"] = "none"

# Property tests run on a shared 2-core CI machine: no per-example deadline (a slow
# moment is not a failure), and a fixed derandomised run so CI is repeatable.
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile("tsunagari", deadline=None, derandomize=True)
hypothesis_settings.load_profile("tsunagari")
