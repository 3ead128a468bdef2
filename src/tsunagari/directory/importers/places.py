"""Municipalities and addresses while importing: one query per file for the whole
municipality list, then lookups in memory; Japanese addresses split into
都道府県 / 市区町村 / 町字・番地 with the list's names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Municipality
from . import normalise

_PREFECTURE = re.compile(r"^(北海道|東京都|大阪府|京都府|.{2,3}?県)")
_GUN = re.compile(r"^([^\d\s]{1,5}?郡)")
_WARD = re.compile(r"^([^\d\s]{1,4}?区)")
_CITY_FALLBACK = re.compile(r"^([^\d\s]{1,6}?[市町村])")


@dataclass(frozen=True)
class Address:
    state_province: str
    city: str
    address_1: str


class Municipalities:
    """The Municipality table in memory, loaded on first use."""

    def __init__(self) -> None:
        self._by_code: dict[str, tuple[str, str]] | None = None
        self._names: dict[str, list[str]] = {}
        self._codes: dict[tuple[str, str], str] = {}

    def load(self) -> None:
        """Read the list now (a reader in a child process must not query)."""
        self._load()

    def _load(self) -> dict[str, tuple[str, str]]:
        if self._by_code is None:
            self._by_code = {
                code: (prefecture, name)
                for code, prefecture, name in Municipality.objects.values_list(
                    "code", "prefecture", "name"
                )
            }
            for code, (prefecture, name) in self._by_code.items():
                if name:
                    self._names.setdefault(prefecture, []).append(name)
                    self._codes[(prefecture, name)] = code
            for names in self._names.values():
                names.sort(key=len, reverse=True)  # 富士見町 before 富士見 would match
        return self._by_code

    def check(self, text: str | None) -> str:
        """The normalised code, known to the Municipality table. ``""`` for a blank
        cell; ValueError for a bad check digit or a code not in the table."""
        code = normalise.municipality_code(text)
        if code and code not in self._load():
            raise ValueError(
                f"全国地方公共団体コード {code} は自治体の一覧にありません"
                "（`tsunagari load_reference` で一覧を読み込んでください）"
            )
        return code

    def exists(self, code: str) -> bool:
        return code in self._load()

    def names(self, code: str) -> tuple[str, str]:
        """(prefecture, municipality name); ("", "") when unknown."""
        return self._load().get(code, ("", ""))

    def code_of(self, address: Address) -> str:
        """The code of an address's municipality (郡 and 政令市 wards ignored); "" if unknown."""
        self._load()
        city = re.sub(r"^[^\d\s]{1,5}?郡", "", address.city)
        for candidate in (city, re.sub(r"(市)[^\d\s]{1,4}?区$", r"\1", city)):
            if code := self._codes.get((address.state_province, candidate)):
                return code
        return ""

    def label(self, code: str) -> str:
        prefecture, name = self.names(code)
        return name or prefecture

    def split_address(self, text: str | None, *, default_code: str = "") -> Address:
        """Split ``東京都町田市金井6-15-1`` into 都道府県, 市区町村 and the rest. A
        missing prefecture or municipality is taken from ``default_code``."""
        self._load()
        default_pref, default_city = self.names(default_code)
        return split_address(
            text, self._names, default_prefecture=default_pref, default_city=default_city
        )


def split_address(
    text: str | None,
    names_by_prefecture: dict[str, list[str]],
    *,
    default_prefecture: str = "",
    default_city: str = "",
) -> Address:
    """Pure address splitter: known municipality names per prefecture (longest first)
    decide where the 市区町村 ends; 郡 and 政令市 wards stay with the city."""
    rest = normalise.nfkc(text)
    prefecture = ""
    if m := _PREFECTURE.match(rest):
        candidate = m.group(1)
        if candidate in names_by_prefecture or candidate == default_prefecture:
            prefecture, rest = candidate, rest[m.end() :]
    city = ""
    names = names_by_prefecture.get(prefecture or default_prefecture, [])
    gun = ""
    if m := _GUN.match(rest):
        after = rest[m.end() :]
        if any(after.startswith(n) for n in names):
            gun, rest = m.group(1), after
    for name in names:
        if rest.startswith(name):
            city, rest = gun + name, rest[len(name) :]
            break
    else:
        if default_city and rest.startswith(default_city):
            city, rest = default_city, rest[len(default_city) :]
        elif not names and (m := _CITY_FALLBACK.match(rest)):
            city, rest = m.group(1), rest[m.end() :]
    if city.endswith("市") and (m := _WARD.match(rest)):
        city, rest = city + m.group(1), rest[m.end() :]
    return Address(
        state_province=prefecture or default_prefecture,
        city=city or default_city,
        address_1=rest.strip(),
    )
