"""The national consultation lines (data/national_lines.csv) as directory services.
TODO(helper): implement national_lines_load."""

from __future__ import annotations


def national_lines_load() -> int:
    return 0
