"""Loaded with ``-p tests.pytest_env`` before pytest-django imports the settings:
tests run with debug settings (no secret needed) against the database that
``DATABASE_URL`` names — SQLite by default, PostgreSQL in the second CI pass."""

import os

os.environ.setdefault("TSUNAGARI_DEBUG", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
