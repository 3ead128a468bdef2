"""Every URL of the project × every role → the expected status (README.md here says how
entries are written). The test fails when a URL has no entry, so a new page or endpoint
cannot ship without someone deciding who may open it; an object of organisation A that
editor_b asks for answers 404 (its existence is not revealed).

The admin is covered by a prefix rule (matrix_core.py) with a sampled set of its pages:
one gate (``AdminSite.has_permission``) guards them all. One language prefix is enough:
``test_every_language_prefix_reaches_the_same_view`` shows each entry's /en/ form runs
the same view, and permissions live in the views."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import resolve
from django.utils import translation

from tests.staff_world import World, sign_in

from .framework import entry_path, entry_problems, load_matrix, project_urls, request_as
from .roles import ROLES

MATRIX = load_matrix()
CASES = [(key, role) for key in sorted(MATRIX.entries) for role in ROLES]


def _covered_by_rule(route: str) -> bool:
    return any(route.startswith(prefix) for prefix in MATRIX.prefix_rules)


def test_every_url_has_an_entry() -> None:
    missing = [
        f"{url.key}  (route {url.route!r})"
        for url in project_urls()
        if url.key not in MATRIX.entries and not _covered_by_rule(url.route)
    ]
    assert not missing, (
        "URLs without an entry in tests/permissions/matrix_*.py (see README.md there):\n  "
        + "\n  ".join(missing)
    )


def test_every_entry_names_a_url() -> None:
    keys = {url.key for url in project_urls()}
    stale = [f"{key} ({MATRIX.origin[key]})" for key in MATRIX.entries if key not in keys]
    assert not stale, f"entries for URLs that do not exist: {stale}"


def test_no_entry_is_defined_twice() -> None:
    assert not MATRIX.duplicates, "\n".join(MATRIX.duplicates)


def test_entries_are_well_formed() -> None:
    problems = [p for key, entry in MATRIX.entries.items() for p in entry_problems(key, entry)]
    assert not problems, "\n".join(problems)


def test_every_prefix_rule_is_sampled() -> None:
    routes = {url.key: url.route for url in project_urls()}
    unsampled = [
        prefix
        for prefix in MATRIX.prefix_rules
        if not any(routes.get(key, "").startswith(prefix) for key in MATRIX.entries)
    ]
    assert not unsampled, f"prefix rules without a sampled entry: {unsampled}"


@pytest.mark.django_db
def test_every_language_prefix_reaches_the_same_view(world: World) -> None:
    different = []
    for key, entry in MATRIX.entries.items():
        path = entry_path(key, entry, world)
        with translation.override("en"):
            english = entry_path(key, entry, world)
            english_view = resolve(english.split("?")[0]).func
        if resolve(path.split("?")[0]).func != english_view:
            different.append(f"{key}: {path} and {english}")
    assert not different, different


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "role"), CASES, ids=[f"{k}-{r}" for k, r in CASES])
def test_status(key: str, role: str, world: World, client: Client) -> None:
    entry = MATRIX.entries[key]
    if role != "anonymous":
        sign_in(client, world.users[role])
    response = request_as(client, key, entry, world)
    expected = entry["expect"][role]
    where = response.get("Location", "")
    assert response.status_code == expected, (
        f"{key} as {role}: {response.status_code} {where}, expected {expected}"
    )
