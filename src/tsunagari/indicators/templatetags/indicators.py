from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from tsunagari.indicators.tables import SUPPRESSED

register = template.Library()


@register.filter
def cell(value: Any) -> str:
    """A table value as shown: withheld and missing values in words, numbers grouped."""
    if value is SUPPRESSED:
        return str(SUPPRESSED)
    if value is None:
        return _("データなし")
    if isinstance(value, float):
        return number_format(
            value, decimal_pos=1 if value % 1 else 0, use_l10n=True, force_grouping=True
        )
    if isinstance(value, int):
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)
