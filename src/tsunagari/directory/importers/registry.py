"""The formats ``tsunagari import`` recognises, most specific first."""

from __future__ import annotations

from .base import Format
from .hsds_json import HsdsJsonFormat
from .hsds_tabular import HsdsTabularFormat

FORMATS: list[Format] = [HsdsJsonFormat(), HsdsTabularFormat()]
