"""The formats ``tsunagari import`` recognises, most specific first."""

from __future__ import annotations

from . import kodomo, standard, yuzawa
from .base import Format

FORMATS: list[Format] = [
    yuzawa.FORMAT,
    kodomo.FORMAT,
    *standard.FORMATS,
]
