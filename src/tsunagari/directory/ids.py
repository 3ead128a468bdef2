"""Stable ids. A record that comes from a source key (file + row id, a taxonomy code)
always gets the same UUID (uuid5), in every database, so re-imports update in place."""

from __future__ import annotations

import uuid

ID_NAMESPACE = uuid.UUID("6f1c4f4e-7d5a-5b0e-9a51-0c1d2e3f4a5b")


def stable_id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(ID_NAMESPACE, "\x1f".join(str(p) for p in parts))


def term_id(code: str) -> uuid.UUID:
    """The id of a tsunagari taxonomy term, e.g. ``term_id("need.talk")``."""
    return stable_id("taxonomy_term", code)


def taxonomy_id(key: str) -> uuid.UUID:
    return stable_id("taxonomy", key)
