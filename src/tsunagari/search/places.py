"""A place name or code → a point to measure distance from.

Residents type 「町田市」, 「町田」, 「まちだ」 or a 全国地方公共団体コード; each names a
municipality, whose representative point (its office) stands for the place."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from django.db.models import Count, Max

from tsunagari.directory.models import Municipality
from tsunagari.directory.reference import normalise_code

from .normalise import fold

_CODE = re.compile(r"\d{5,6}")
_SUFFIXES = ("市", "区", "町", "村")


def resolve_place(text: str) -> tuple[float, float, str] | None:
    """(latitude, longitude, label) of the municipality ``text`` names, or None when
    it names none (or one without a known point). A name shared by several places
    (e.g. 府中市 in Tokyo and Hiroshima) resolves only when a prefecture is given."""
    text = text.strip()
    if not text:
        return None
    compact = re.sub(r"\s+", "", text)
    if _CODE.fullmatch(compact):
        code = normalise_code(compact)
        place = Municipality.objects.filter(code=code).first() if code else None
        return _point(place)
    state = Municipality.objects.aggregate(count=Count("code"), last=Max("code"))
    matches = _names(state["count"], state["last"]).get(fold(compact).replace(" ", ""), [])
    return matches[0] if len(matches) == 1 else None


def resolve_municipality(text: str) -> str | None:
    """The 6-digit code of the municipality ``text`` names (a code with or without its
    check digit, or a name as ``resolve_place`` reads it), or None."""
    compact = re.sub(r"\s+", "", text.strip())
    if not compact:
        return None
    if _CODE.fullmatch(compact):
        code = normalise_code(compact)
        return code if code and Municipality.objects.filter(code=code).exists() else None
    state = Municipality.objects.aggregate(count=Count("code"), last=Max("code"))
    matches = _codes(state["count"], state["last"]).get(fold(compact).replace(" ", ""), [])
    return matches[0] if len(matches) == 1 else None


@lru_cache(maxsize=2)
def _codes(count: int, last: str | None) -> dict[str, list[str]]:
    """Every way of writing each municipality → its code (see ``_names``)."""
    codes: dict[str, list[str]] = defaultdict(list)
    for place in Municipality.objects.exclude(name=""):
        for form in _forms(place):
            codes[form].append(place.code)
    return dict(codes)


@lru_cache(maxsize=2)
def _names(count: int, last: str | None) -> dict[str, list[tuple[float, float, str]]]:
    """Every way of writing each municipality → its point; built once per state of the
    municipality list (its size and last code)."""
    names: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    places = Municipality.objects.exclude(latitude=None).exclude(longitude=None).exclude(name="")
    for place in places:
        point = _point(place)
        if point is not None:
            for form in _forms(place):
                names[form].append(point)
    return dict(names)


def _forms(place: Municipality) -> set[str]:
    """How a resident may write the place: with or without prefecture or 市/町/村, in
    kanji or in its reading."""
    name = fold(place.name).replace(" ", "")
    prefecture = fold(place.prefecture).replace(" ", "")
    forms = {name, prefecture + name}
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > 2:
            forms.add(name[: -len(suffix)])
    kana = fold(place.name_kana).replace(" ", "")
    if kana:
        forms.add(kana)
        for suffix in ("し", "く", "まち", "ちょう", "むら", "そん"):
            if kana.endswith(suffix) and len(kana) > len(suffix) + 1:
                forms.add(kana[: -len(suffix)])
    return forms


def _point(place: Municipality | None) -> tuple[float, float, str] | None:
    if place is None or place.latitude is None or place.longitude is None:
        return None
    return place.latitude, place.longitude, place.full_name
