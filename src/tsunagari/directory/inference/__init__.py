"""Inferred meaning: taxonomy terms derived from what a service says.

Imported data often has no taxonomy, yet search filters and the navigator work on it.
``infer_services`` reads names, descriptions, schedules, phones and places, applies the
rules in ``data/inference_rules.csv`` (see ``rules.py``) and keeps the service's inferred
terms in step:

* each inferred term is one ``Attribute(link_entity="service", inferred=True,
  label="inferred: <rule id>")`` with a stable id (service + code), so running it again
  changes nothing and an HSDS export → import round trip keeps the same rows;
* a term the service already has from its source (any other attribute row: stated by the
  publisher, or given by an importer's own rules) is never duplicated or overridden;
* inferred rows whose rule no longer applies are removed.

Inferred rows are derived data, recomputed from the audited records on every write, so
they are not audited row by row (the audit log records the facts they come from).
``tsunagari infer`` recomputes them for every service."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator
from dataclasses import dataclass


from tsunagari.core.bulk import insert_rows, update_rows

from ..ids import stable_id
from ..models import Attribute, Service, TaxonomyTerm
from .facts import facts_read
from .rules import Matcher, default_matcher
from .text import fold

__all__ = ["LABEL_PREFIX", "InferenceStats", "fold", "infer_services", "is_inferred_label"]

LABEL_PREFIX = "inferred: "
BATCH = 1000
COLUMNS = ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value", "label"]


@dataclass
class InferenceStats:
    services: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0


def is_inferred_label(label: str) -> bool:
    """Whether an attribute row with this label is one inference owns."""
    return label.startswith(LABEL_PREFIX)


def inferred_id(service_id: uuid.UUID, code: str) -> uuid.UUID:
    return stable_id("inferred", service_id, code)


def infer_services(
    service_ids: Collection[uuid.UUID] | None = None, *, matcher: Matcher | None = None
) -> InferenceStats:
    """Bring the inferred terms of ``service_ids`` (every service when None) in line with
    the rules. Runs in the caller's transaction; a few queries per 1,000 services."""
    matcher = matcher or default_matcher()
    stats = InferenceStats()
    term_ids = dict(TaxonomyTerm.objects.exclude(code="").values_list("code", "id"))
    if not term_ids:
        return stats  # no taxonomy loaded yet: nothing can be linked
    for batch in _batches(service_ids):
        _infer_batch(batch, matcher, term_ids, stats)
    return stats


def _batches(service_ids: Collection[uuid.UUID] | None) -> Iterator[list[uuid.UUID]]:
    if service_ids is None:
        ids = Service.objects.order_by("id").values_list("id", flat=True)
        batch: list[uuid.UUID] = []
        for sid in ids.iterator(chunk_size=BATCH):
            batch.append(sid)
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch
        return
    ordered = list(service_ids)
    for start in range(0, len(ordered), BATCH):
        yield ordered[start : start + BATCH]


def _infer_batch(
    ids: list[uuid.UUID],
    matcher: Matcher,
    term_ids: dict[str, uuid.UUID],
    stats: InferenceStats,
) -> None:
    facts = facts_read(ids)
    stats.services += len(facts)
    code_of = {tid: code for code, tid in term_ids.items()}
    given: dict[uuid.UUID, set[uuid.UUID]] = {}  # terms from the source, per service
    mine: dict[uuid.UUID, tuple[uuid.UUID, str]] = {}  # our row id -> (service, label)
    rows = Attribute.objects.filter(link_entity="service", link_id__in=ids).values_list(
        "id", "link_id", "taxonomy_term_id", "label", "inferred"
    )
    for row_id, sid, tid, label, inferred in rows:
        if inferred and is_inferred_label(label) and tid in code_of:
            mine[row_id] = (sid, label)
        else:
            given.setdefault(sid, set()).add(tid)
    wanted: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID, str]] = {}
    for sid, found in facts.items():
        terms = matcher.terms(name=found.name, text=found.text, facts=found.facts)
        source_terms = given.get(sid, set())
        for code, rule_id in terms.items():
            tid = term_ids.get(code)
            if tid is not None and tid not in source_terms:
                wanted[inferred_id(sid, code)] = (sid, tid, LABEL_PREFIX + rule_id)
    to_create = [
        (row_id, sid, tid, "", "service", "", label)
        for row_id, (sid, tid, label) in wanted.items()
        if row_id not in mine
    ]
    to_relabel = [
        (row_id, label)
        for row_id, (_sid, _tid, label) in wanted.items()
        if row_id in mine and mine[row_id][1] != label
    ]
    stale = [row_id for row_id in mine if row_id not in wanted]
    if to_create:
        stats.created += insert_rows(
            Attribute, [*COLUMNS, "inferred"], [(*row, True) for row in to_create]
        )
    if to_relabel:
        stats.updated += update_rows(Attribute, ["label"], to_relabel)
    if stale:
        for start in range(0, len(stale), 500):
            Attribute.objects.filter(id__in=stale[start : start + 500]).delete()
        stats.deleted += len(stale)
