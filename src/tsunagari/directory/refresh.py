"""What is derived from the directory, brought up to date after a write.

Every write path (imports, the demo, national lines, later the stewardship pages) ends in
``DirectoryWriter.finish()``, which calls ``refresh_derived`` with the services it wrote.
Order matters: inferred taxonomy first (directory.inference), then the search index,
which holds the inferred tags."""

from __future__ import annotations

import uuid
from collections.abc import Collection


def refresh_derived(service_ids: Collection[uuid.UUID] | None = None) -> None:
    """Refresh inferred taxonomy and the search index for ``service_ids`` (every service
    when None). Runs in the caller's transaction."""
    if service_ids is not None and not service_ids:
        return

    # 1. Inferred taxonomy (directory.inference) goes here, before the index.

    # 2. The search index, which holds the tags (stated and inferred) of each service.
    from tsunagari.search.index import index_rebuild, index_services

    if service_ids is None:
        index_rebuild()
    else:
        index_services(service_ids)
