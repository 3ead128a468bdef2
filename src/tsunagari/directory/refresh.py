"""What is derived from the directory, brought up to date after a write.

Every write path (imports, the demo, national lines, later the stewardship pages) ends in
``DirectoryWriter.finish()``, which calls ``refresh_derived`` with the services it wrote.
Order matters: inferred taxonomy first (directory.inference), then the search index,
which holds the inferred tags."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from django.db import transaction

from .inference import infer_services


def refresh_derived(service_ids: Collection[uuid.UUID] | None = None) -> None:
    """Refresh inferred taxonomy and the search index for ``service_ids`` (every service
    when None). Runs in the caller's transaction."""
    if service_ids is not None and not service_ids:
        return
    # 1. Inferred taxonomy, first: the index holds each service's tags.
    infer_services(service_ids)

    # 2. The search index (stated and inferred tags, text, places, weekly hours).
    from tsunagari.search.index import index_rebuild, index_services

    if service_ids is None:
        index_rebuild()
    else:
        index_services(service_ids)

    # 3. Cached facts about the whole directory (the search form's list of places):
    # forget them now and again once committed, so no request keeps the old ones.
    from .selectors import forget_cached_choices

    forget_cached_choices()
    transaction.on_commit(forget_cached_choices)
