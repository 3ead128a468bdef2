"""What is derived from the directory, brought up to date after a write.

Every write path (imports, the demo, national lines, later the stewardship pages) ends in
``DirectoryWriter.finish()``, which calls ``refresh_derived`` with the services it wrote.
Order matters: inferred taxonomy first (directory.inference), then the search index,
which holds the inferred tags.

The services are done in batches, each in three steps: read what inference and the
index need (``inference.batch_input``, ``index.draft_input``), work out the inferred
rows and the documents (``batch_plan``, ``drafts_from``: folding, matching, bigrams,
no database), write them. Inference hands each service's term codes to the index, which
so does not read back what was just written. With ``parallel`` (a large import from the
command line) the middle step runs in a forked child (``directory.forked``) while this
process writes the batch before and reads the batch after: the middle step is most of
the work, and the database connection cannot be shared."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterator
from multiprocessing.connection import Connection
from typing import Any

from django.db import transaction

from . import forked
from .inference import (
    BatchInput,
    BatchPlan,
    InferenceStats,
    batch_apply,
    batch_input,
    batch_plan,
    default_matcher,
    infer_services,
    term_ids_read,
)
from .inference.facts import raw_id

BATCH = 1000  # services
# Fewer services than this are refreshed in-process: forking costs more than it saves.
PARALLEL_MIN_SERVICES = 4000

Batch = tuple[list[uuid.UUID], list[Any]]  # (ids, the same as the database keeps them)
Work = Callable[[BatchInput, Any], tuple[BatchPlan, Any]]


def refresh_derived(
    service_ids: Collection[uuid.UUID] | None = None, *, parallel: bool = False
) -> None:
    """Refresh inferred taxonomy and the search index for ``service_ids`` (every service
    when None). Runs in the caller's transaction. ``parallel`` allows a child process
    (only for a caller that may fork: the import command)."""
    if service_ids is not None and not service_ids:
        return
    if service_ids is None:
        from tsunagari.search.index import index_rebuild

        infer_services(None)  # 1. inferred taxonomy, first: the index holds the tags
        index_rebuild()  # 2. the search index
    else:
        _refresh(
            sorted(service_ids),
            parallel=parallel and len(service_ids) >= PARALLEL_MIN_SERVICES and forked.available(),
        )

    derived_changed()


def derived_changed() -> None:
    """Cached facts about the whole directory (the search form's list of places) are
    forgotten now and again once committed, so no request keeps the old ones."""
    from .selectors import forget_cached_choices

    forget_cached_choices()
    transaction.on_commit(forget_cached_choices)


def _refresh(ids: list[uuid.UUID], *, parallel: bool) -> None:
    from tsunagari.search.index import draft_input, drafts_from, replace_documents

    matcher, term_ids = default_matcher(), term_ids_read()
    stats = InferenceStats()

    def work(found: BatchInput, documents: Any) -> tuple[BatchPlan, Any]:
        plan = batch_plan(found, matcher, term_ids)
        return plan, drafts_from(documents, plan.codes)

    def read(batch: Batch) -> tuple[BatchInput, Any]:
        return batch_input(batch[1]), draft_input(batch[1])

    def write(batch: Batch, plan: BatchPlan, drafts: Any) -> None:
        batch_apply(plan, stats)
        replace_documents(batch[0], drafts)

    if not parallel:
        for batch in _batches(ids):
            write(batch, *work(*read(batch)))
        return
    process, to_child, from_child = forked.start(_worker, work)
    try:
        # One batch in the child at a time: while it works, this process writes the
        # batch before and reads the batch after.
        previous: Batch | None = None
        for batch in _batches(ids):
            found = read(batch)
            result = forked.receive(from_child, process)[1] if previous else None
            forked.send(to_child, found)
            if previous is not None and result is not None:
                write(previous, *result)
            previous = batch
        if previous is not None:
            write(previous, *forked.receive(from_child, process)[1])
    finally:
        forked.stop(process, to_child, from_child)


def _batches(ids: list[uuid.UUID]) -> Iterator[Batch]:
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        yield chunk, [raw_id(sid) for sid in chunk]


def _worker(to_parent: Connection, from_parent: Connection, work: Work) -> None:
    """The child: work each batch it is sent until the parent closes the pipe."""
    while (job := forked.receive_plain(from_parent)) is not None:
        forked.send(to_parent, ("done", work(*job)))
