"""The formats ``tsunagari import`` recognises, most specific first."""

from __future__ import annotations

from . import kodomo, standard, yuzawa
from .base import Format
from .hsds_json import HsdsJsonFormat
from .hsds_tabular import HsdsTabularFormat

FORMATS: list[Format] = [
    HsdsJsonFormat(),
    HsdsTabularFormat(),
    yuzawa.FORMAT,
    kodomo.FORMAT,
    *standard.FORMATS,
]
