"""Small presentation helpers for directory pages (no queries here)."""

from __future__ import annotations

import re
import unicodedata

from django import template
from django.utils.translation import get_language, gettext

from ..models import Address, Schedule, TaxonomyTerm
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


@register.filter
def term_name(term: TaxonomyTerm) -> str:
    """A taxonomy term's name in the page's language (English where the taxonomy has
    one; Japanese otherwise, also for やさしい日本語)."""
    if get_language() == "en" and term.name_en:
        return term.name_en
    return term.name


@register.filter
def taxonomy_name(key: str) -> str:
    """The heading of a group of terms (種類, 困りごと, ...) in the page's language."""
    names = {
        "service_type": gettext("種類"),
        "need": gettext("困りごと"),
        "audience": gettext("対象"),
        "channel": gettext("つながり方"),
        "attribute": gettext("特徴"),
    }
    return names.get(key, "")


@register.filter
def channel_name(channel: str) -> str:
    """A channel (``phone`` or ``channel.phone``) in the page's language."""
    names = {
        "in_person": gettext("会って"),
        "phone": gettext("電話"),
        "chat": gettext("チャット"),
        "sns": gettext("SNS（LINE など）"),
        "email": gettext("メール"),
        "visit": gettext("訪問"),
        "online": gettext("オンライン"),
    }
    return names.get(channel.removeprefix("channel."), channel)
