"""The permission matrix's machinery: the project's URLs, the entries of every
``matrix_*.py`` file, and one request per (entry, role). README.md describes the format."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve

from .roles import ROLES

HERE = Path(__file__).parent

ENTRY_KEYS = {
    "expect",
    "method",
    "kwargs",
    "path",
    "query",
    "data",
    "json",
    "session",
    "object_of",
}


@dataclass(frozen=True)
class Url:
    """One URL pattern of the project: its matrix key and its full route."""

    key: str
    route: str
    callback: Callable[..., Any]


def project_urls() -> list[Url]:
    """Every URL pattern, walked recursively from the root resolver. Static and media
    files (``django.views.static.serve``) are left out: they are files, not pages."""
    found: list[Url] = []

    def walk(resolver: URLResolver, route: str, namespaces: tuple[str, ...]) -> None:
        for pattern in resolver.url_patterns:
            # A language prefix (i18n_patterns) is one resolver whatever the language;
            # its str() is "" for the default language, which keeps routes readable.
            here = route + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
                walk(pattern, here, inner)
            elif isinstance(pattern, URLPattern):
                if pattern.callback is serve:
                    continue
                key = ":".join((*namespaces, pattern.name)) if pattern.name else here
                found.append(Url(key=key, route=here, callback=pattern.callback))

    walk(get_resolver(), "", ())
    return found


@dataclass
class Matrix:
    entries: dict[str, dict[str, Any]]
    prefix_rules: dict[str, str]
    origin: dict[str, str]  # key -> the file that defines it
    duplicates: list[str]  # "key: file1 and file2"


def load_matrix() -> Matrix:
    """The union of ``EXPECTED`` (and ``PREFIX_RULES``) of every ``matrix_*.py`` here."""
    matrix = Matrix(entries={}, prefix_rules={}, origin={}, duplicates=[])
    for info in sorted(pkgutil.iter_modules([str(HERE)]), key=lambda i: i.name):
        if not info.name.startswith("matrix_"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        file = f"{info.name}.py"
        for key, entry in getattr(module, "EXPECTED", {}).items():
            if key in matrix.entries:
                matrix.duplicates.append(
                    f"entry defined twice: {key!r} in {matrix.origin[key]} and {file}"
                )
                continue
            matrix.entries[key] = entry
            matrix.origin[key] = file
        for prefix, why in getattr(module, "PREFIX_RULES", {}).items():
            if prefix in matrix.prefix_rules:
                matrix.duplicates.append(f"prefix rule defined twice: {prefix!r} ({file})")
            matrix.prefix_rules[prefix] = why
    return matrix


def entry_problems(key: str, entry: dict[str, Any]) -> Iterator[str]:
    """What is malformed in one entry (an empty result: nothing)."""
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        yield f"{key}: unknown fields {sorted(unknown)} (allowed: {sorted(ENTRY_KEYS)})"
    expect = entry.get("expect")
    if not isinstance(expect, dict):
        yield f"{key}: 'expect' must be a dict role -> status"
        return
    missing = [r for r in ROLES if r not in expect]
    extra = [r for r in expect if r not in ROLES]
    if missing:
        yield f"{key}: no expected status for {missing}"
    if extra:
        yield f"{key}: unknown roles {extra}"
    if entry.get("method", "GET") not in ("GET", "POST"):
        yield f"{key}: method must be GET or POST"
    if entry.get("object_of") == "org_a" and expect.get("editor_b") != 404:
        yield f"{key}: an object of organisation A must answer 404 to editor_b"


def _value(spec: Any, world: Any) -> Any:
    return spec(world) if callable(spec) else spec


def entry_path(key: str, entry: dict[str, Any], world: Any) -> str:
    """The URL to request for an entry (reversed, or its explicit ``path``)."""
    if "path" in entry:
        return str(_value(entry["path"], world))
    return reverse(key, kwargs=_value(entry.get("kwargs") or {}, world))


def request_as(client: Client, key: str, entry: dict[str, Any], world: Any) -> Any:
    """Send the entry's request with ``client`` (already signed in, or anonymous)."""
    extra_session = _value(entry.get("session") or {}, world)
    if extra_session:
        session = client.session
        session.update(extra_session)
        session.save()
    path = entry_path(key, entry, world)
    if entry.get("method", "GET") == "POST":
        if "json" in entry:
            body = _value(entry["json"], world)
            return client.post(path, data=body, content_type="application/json")
        return client.post(path, data=_value(entry.get("data") or {}, world))
    return client.get(path, data=_value(entry.get("query") or {}, world))
