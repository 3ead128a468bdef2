"""The formats ``tsunagari import`` recognises, most specific first."""

from __future__ import annotations

from .base import Format

FORMATS: list[Format] = []
