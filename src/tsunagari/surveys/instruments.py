"""The survey instruments as data (``data/instruments.toml``): items with their wording in
three languages, option sets, and scoring and banding rules; the loader that checks the
file, and ``score()``.

A bad file raises ``InstrumentError`` naming the entry at fault, at the first use (the
app's checks and tests load it, so a broken file never reaches residents)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "instruments.toml"
LANGUAGES = ("ja", "ja-easy", "en")
CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
METHODS = ("value", "sum")
ITEM_TYPES = ("choice", "text")


class InstrumentError(ValueError):
    """The instruments file is wrong; the message names the file and the entry."""


@dataclass(frozen=True)
class Option:
    value: int
    label: Mapping[str, str]  # language -> wording


@dataclass(frozen=True)
class Item:
    code: str
    instrument: str
    text: Mapping[str, str]
    type: str = "choice"
    options: tuple[Option, ...] = ()
    max_length: int = 0

    @property
    def values(self) -> frozenset[int]:
        return frozenset(o.value for o in self.options)


@dataclass(frozen=True)
class Band:
    code: str
    min: int
    max: int
    label: Mapping[str, str]
    national: str = ""  # "indicator/category" of indicators/data/national_survey.csv

    def holds(self, total: int) -> bool:
        return self.min <= total <= self.max


@dataclass(frozen=True)
class Score:
    code: str
    method: str
    items: tuple[str, ...]
    min: int
    max: int
    bands: tuple[Band, ...] = ()
    flags: tuple[Band, ...] = ()


@dataclass(frozen=True)
class Instrument:
    code: str
    title: Mapping[str, str]
    source: str
    items: tuple[Item, ...]
    scores: tuple[Score, ...] = ()


@dataclass(frozen=True)
class ScoreResult:
    """One score of one response: ``total`` is None when an item was skipped, and so
    are ``band`` and every flag."""

    total: int | None
    band: str | None
    flags: Mapping[str, bool | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalogue:
    instruments: dict[str, Instrument]
    items: dict[str, Item]

    def instrument(self, code: str) -> Instrument:
        try:
            return self.instruments[code]
        except KeyError:
            raise InstrumentError(f"unknown instrument '{code}'") from None


def _fail(where: str, problem: str) -> InstrumentError:
    return InstrumentError(f"{DATA.name}: {where}: {problem}")


def _keys(table: Any, where: str, required: set[str], optional: set[str] | None = None) -> None:
    if not isinstance(table, dict):
        raise _fail(where, "must be a table")
    missing = required - table.keys()
    if missing:
        raise _fail(where, f"missing {', '.join(sorted(missing))}")
    unknown = table.keys() - required - (optional or set())
    if unknown:
        raise _fail(where, f"unknown key(s) {', '.join(sorted(unknown))}")


def _code(value: Any, where: str) -> str:
    if not isinstance(value, str) or not CODE.match(value):
        raise _fail(where, f"code {value!r} must be lower-case letters, digits and _ (≤ 40)")
    return value


def _wording(value: Any, where: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _fail(where, "wording must be a table of languages")
    for language in languages:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise _fail(where, f"wording in '{language}' is missing")
    unknown = value.keys() - set(LANGUAGES)
    if unknown:
        raise _fail(where, f"unknown language(s) {', '.join(sorted(unknown))}")
    return {k: str(v) for k, v in value.items()}


def _int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _fail(where, f"{value!r} must be a whole number")
    return value


def _scale(name: str, table: Any) -> tuple[Option, ...]:
    where = f"scale '{name}'"
    _keys(table, where, {"options"})
    options = []
    for n, raw in enumerate(table["options"], start=1):
        _keys(raw, f"{where} option {n}", {"value", "ja", "ja-easy", "en"})
        value = _int(raw["value"], f"{where} option {n}")
        label = _wording({k: raw[k] for k in LANGUAGES}, f"{where} option {n}")
        options.append(Option(value=value, label=label))
    values = [o.value for o in options]
    if len(options) < 2 or len(set(values)) != len(values):
        raise _fail(where, "needs two or more options with different values")
    if values != sorted(values):
        raise _fail(where, "option values must go up in order")
    return tuple(options)


def _item(raw: Any, instrument: str, scales: dict[str, tuple[Option, ...]]) -> Item:
    where = (
        f"instrument '{instrument}' item {raw.get('code', '?') if isinstance(raw, dict) else '?'}"
    )
    _keys(raw, where, {"code", "text"}, {"scale", "type", "max_length"})
    kind = raw.get("type", "choice")
    if kind not in ITEM_TYPES:
        raise _fail(where, f"type must be one of {', '.join(ITEM_TYPES)}")
    code = _code(raw["code"], where)
    text = _wording(raw["text"], where)
    if kind == "choice":
        if raw.get("scale") not in scales:
            raise _fail(where, f"scale {raw.get('scale')!r} is not defined")
        return Item(code, instrument, text, options=scales[raw["scale"]])
    max_length = _int(raw.get("max_length", 0), where)
    if not 1 <= max_length <= 200 or "scale" in raw:
        raise _fail(where, "a text item has max_length 1..200 and no scale")
    return Item(code, instrument, text, type="text", max_length=max_length)


def _bands(raw: Any, where: str) -> tuple[Band, ...]:
    bands = []
    for n, band in enumerate(raw, start=1):
        at = f"{where} #{n}"
        _keys(band, at, {"code", "min", "max", "ja", "en"}, {"national"})
        low, high = _int(band["min"], at), _int(band["max"], at)
        if low > high:
            raise _fail(at, "min is above max")
        bands.append(
            Band(
                code=str(band["code"]),
                min=low,
                max=high,
                label={"ja": band["ja"], "en": band["en"]},
                national=str(band.get("national", "")),
            )
        )
    return tuple(bands)


def _score(raw: Any, instrument: str, items: dict[str, Item]) -> Score:
    where = (
        f"instrument '{instrument}' score {raw.get('code', '?') if isinstance(raw, dict) else '?'}"
    )
    _keys(raw, where, {"code", "method", "items", "min", "max"}, {"bands", "flags"})
    if raw["method"] not in METHODS:
        raise _fail(where, f"method must be one of {', '.join(METHODS)}")
    codes = tuple(raw["items"])
    if not codes or any(c not in items or items[c].type != "choice" for c in codes):
        raise _fail(where, "items must be choice items of this instrument")
    if raw["method"] == "value" and len(codes) != 1:
        raise _fail(where, "a 'value' score has exactly one item")
    low, high = _int(raw["min"], where), _int(raw["max"], where)
    # The range is what the items can give: a typo in min/max would mis-band everyone.
    mins = [min(items[c].values) for c in codes]
    maxs = [max(items[c].values) for c in codes]
    if (low, high) != (sum(mins), sum(maxs)):
        raise _fail(where, f"min/max must be {sum(mins)}/{sum(maxs)}, what the items give")
    bands = _bands(raw.get("bands", []), f"{where} bands")
    flags = _bands(raw.get("flags", []), f"{where} flags")
    if bands:
        covered = sorted(t for b in bands for t in range(b.min, b.max + 1))
        if covered != list(range(low, high + 1)):
            raise _fail(where, f"bands must cover {low}..{high} once each, without gaps")
    for flag in flags:
        if flag.min < low or flag.max > high:
            raise _fail(where, f"flag '{flag.code}' lies outside {low}..{high}")
    return Score(raw["code"], raw["method"], codes, low, high, bands, flags)


def parse(data: dict[str, Any]) -> Catalogue:
    """Check and build the catalogue; InstrumentError names the first problem found."""
    _keys(data, "top level", {"version", "scales", "instruments"})
    scales = {name: _scale(name, table) for name, table in data["scales"].items()}
    instruments: dict[str, Instrument] = {}
    all_items: dict[str, Item] = {}
    score_codes: set[str] = set()
    for raw in data["instruments"]:
        where = f"instrument {raw.get('code', '?') if isinstance(raw, dict) else '?'}"
        _keys(raw, where, {"code", "title", "source", "items"}, {"scores"})
        code = _code(raw["code"], where)
        if code in instruments:
            raise _fail(where, "defined twice")
        items = [_item(item, code, scales) for item in raw["items"]]
        for item in items:
            if item.code in all_items:
                raise _fail(where, f"item code '{item.code}' is used twice")
            all_items[item.code] = item
        by_code = {i.code: i for i in items}
        scores = tuple(_score(s, code, by_code) for s in raw.get("scores", []))
        for score in scores:
            if score.code in score_codes:
                raise _fail(where, f"score code '{score.code}' is used twice")
            score_codes.add(score.code)
        instruments[code] = Instrument(
            code, _wording(raw["title"], where), str(raw["source"]), tuple(items), scores
        )
    return Catalogue(instruments, all_items)


def load(path: Path = DATA) -> Catalogue:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise InstrumentError(f"{path.name}: not valid TOML: {error}") from None
    return parse(data)


@cache
def catalogue() -> Catalogue:
    """The instruments shipped with the app, loaded once."""
    return load()


def _answer(answers: Mapping[str, Any], item: str) -> int | None:
    value = answers.get(item)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def score_one(score: Score, answers: Mapping[str, Any], items: Mapping[str, Item]) -> ScoreResult:
    values = [_answer(answers, code) for code in score.items]
    if any(v is None or v not in items[c].values for v, c in zip(values, score.items, strict=True)):
        # Skipped (or out of scale): no score, as the national survey leaves it unscored.
        return ScoreResult(None, None, {f.code: None for f in score.flags})
    total = sum(v for v in values if v is not None)
    band = next((b.code for b in score.bands if b.holds(total)), None)
    return ScoreResult(total, band, {f.code: f.holds(total) for f in score.flags})


def score(instrument: str | Instrument, answers: Mapping[str, Any]) -> dict[str, ScoreResult]:
    """Every score of ``instrument`` for one response's ``answers`` (item code -> option
    value), keyed by score code."""
    cat = catalogue()
    found = cat.instrument(instrument) if isinstance(instrument, str) else instrument
    return {s.code: score_one(s, answers, cat.items) for s in found.scores}


def label(wording: Mapping[str, str], language: str) -> str:
    """The wording in ``language``, falling back to Japanese."""
    return wording.get(language) or wording.get("ja") or ""
