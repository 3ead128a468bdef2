"""The roles of the permission matrix and helpers to write an entry's ``expect``."""

from __future__ import annotations

ROLES = (
    "anonymous",
    "viewer_a",
    "editor_a",
    "owner_a",
    "editor_b",
    "coord_x",
    "coord_y",
    "admin",
)
MEMBERS = ("viewer_a", "editor_a", "owner_a", "editor_b")
COORDINATORS = ("coord_x", "coord_y")


def everyone(status: int) -> dict[str, int]:
    """The same status for every role (public pages, the API)."""
    return dict.fromkeys(ROLES, status)


def roles(default: int, **overrides: int) -> dict[str, int]:
    """``default`` for every role except those named: ``roles(200, anonymous=302)``."""
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    return {role: overrides.get(role, default) for role in ROLES}
