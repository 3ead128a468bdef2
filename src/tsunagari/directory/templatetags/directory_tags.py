"""Small presentation helpers for directory pages (no queries here)."""

from __future__ import annotations

import re
import unicodedata

from django import template

from ..models import Address, Schedule
from ..schedule_words import schedule_text as _schedule_text

register = template.Library()

_DIALABLE = re.compile(r"\+?\d[\d-]*\d")


@register.filter
def schedule_text(schedule: Schedule) -> str:
    return _schedule_text(schedule)


@register.filter
def tel_href(number: str) -> str:
    """``tel:`` URI of a printed number (``０４２−７２２−３１１１（代表）`` → ``tel:042-722-3111``);
    empty when there is nothing to dial."""
    text = unicodedata.normalize("NFKC", number).replace("−", "-").replace("‐", "-")
    match = _DIALABLE.search(text)
    if match is None or sum(ch.isdigit() for ch in match.group()) < 3:
        return ""
    return f"tel:{match.group()}"


@register.filter
def postal_code(code: str) -> str:
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", code) if ch.isdigit())
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 else code


@register.filter
def short_address(address: Address) -> str:
    """Town and street, e.g. 町田市森野2-2-22 (the list shows this)."""
    return f"{address.city}{address.address_1}"


@register.filter
def full_address(address: Address) -> str:
    parts = [address.state_province + address.city + address.address_1, address.address_2]
    return " ".join(p for p in parts if p)
