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

import hashlib
import uuid
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from tsunagari.core.bulk import insert_rows, update_rows

from ..ids import ID_NAMESPACE, stable_id
from ..models import Attribute, Service, TaxonomyTerm
from .facts import FactRows, RawId, as_uuid, attributes_read, fact_rows, facts_from, raw_id
from .rules import Matcher, default_matcher
from .text import fold

__all__ = ["LABEL_PREFIX", "InferenceStats", "fold", "infer_services", "is_inferred_label"]

LABEL_PREFIX = "inferred: "
BATCH = 1000
COLUMNS = [
    "id",
    "link_id",
    "taxonomy_term_id",
    "link_type",
    "link_entity",
    "value",
    "label",
    "inferred",
]


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


_NAMESPACE = ID_NAMESPACE.bytes
# uuid5's version (5) and variant bits, applied to the first 16 bytes of the SHA-1.
_KEEP = ~(0xF << 76) & ~(0x3 << 62)
_SET = (0x5 << 76) | (0x2 << 62)


def _raw_inferred_id(sid: RawId, code: str) -> RawId:
    """``raw_id(inferred_id(as_uuid(sid), code))``, the same value, computed without the
    UUID objects on the way (they were a fifth of inference's time in an import)."""
    if isinstance(sid, uuid.UUID):
        text = str(sid)
    else:  # 32 hex digits, written as str(UUID) writes them
        text = f"{sid[:8]}-{sid[8:12]}-{sid[12:16]}-{sid[16:20]}-{sid[20:]}"
    digest = hashlib.sha1(  # noqa: S324 - uuid5 is SHA-1 by definition
        _NAMESPACE + f"inferred\x1f{text}\x1f{code}".encode()
    ).digest()
    value = (int.from_bytes(digest[:16], "big") & _KEEP) | _SET
    return raw_id(uuid.UUID(int=value)) if isinstance(sid, uuid.UUID) else "%032x" % value  # noqa: UP031


def infer_services(
    service_ids: Collection[uuid.UUID] | None = None, *, matcher: Matcher | None = None
) -> InferenceStats:
    """Bring the inferred terms of ``service_ids`` (every service when None) in line with
    the rules. Runs in the caller's transaction; a few queries per 1,000 services."""
    matcher = matcher or default_matcher()
    stats = InferenceStats()
    term_ids = term_ids_read()
    if not term_ids:
        return stats  # no taxonomy loaded yet: nothing can be linked
    for batch in _batches(service_ids):
        _infer_batch(batch, matcher, term_ids, stats)
    return stats


def _batches(service_ids: Collection[uuid.UUID] | None) -> Iterator[list[RawId]]:
    """Raw ids (as the driver returns them) in batches."""
    if service_ids is None:
        ids = Service.objects.order_by("id").values_list("id", flat=True)
        batch: list[RawId] = []
        for sid in ids.iterator(chunk_size=BATCH):
            batch.append(raw_id(sid))
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch
        return
    ordered = [raw_id(sid) for sid in service_ids]
    for start in range(0, len(ordered), BATCH):
        yield ordered[start : start + BATCH]


def _infer_batch(
    ids: list[RawId],
    matcher: Matcher,
    term_ids: dict[str, RawId],
    stats: InferenceStats,
) -> None:
    batch_apply(batch_plan(batch_input(ids), matcher, term_ids), stats)


def term_ids_read() -> dict[str, RawId]:
    """Code -> raw id of every taxonomy term with a code."""
    return {
        code: raw_id(tid)
        for code, tid in TaxonomyTerm.objects.exclude(code="").values_list("code", "id")
    }


@dataclass
class BatchInput:
    """What inference reads about a batch of services (plain rows, see ``batch_plan``)."""

    facts: FactRows
    attributes: list[tuple[Any, ...]]


@dataclass
class BatchPlan:
    """The inferred rows a batch needs written, and the term codes each of its services
    has once they are: the search index's tags, without reading them back."""

    services: int
    to_create: list[tuple[Any, ...]]
    to_relabel: list[tuple[Any, str]]
    stale: list[RawId]
    codes: dict[RawId, list[str]]


def batch_input(ids: list[RawId]) -> BatchInput:
    return BatchInput(fact_rows(ids), attributes_read(ids))


def batch_plan(found: BatchInput, matcher: Matcher, term_ids: dict[str, RawId]) -> BatchPlan:
    """Which inferred rows to create, relabel and delete. No database, so it can run in
    another process (directory/refresh.py)."""
    facts = facts_from(found.facts)
    code_of = {tid: code for code, tid in term_ids.items()}
    given: dict[RawId, set[RawId]] = {}  # terms from the source, per service
    mine: dict[tuple[RawId, RawId], tuple[RawId, str]] = {}  # (service, term) -> our row
    for row_id, sid, tid, label, inferred in found.attributes:
        if inferred and is_inferred_label(label) and tid in code_of:
            mine[(sid, tid)] = (row_id, label)
        else:
            given.setdefault(sid, set()).add(tid)
    wanted: dict[tuple[RawId, RawId], tuple[str, str]] = {}  # -> (code, label)
    codes: dict[RawId, list[str]] = {}
    for sid, service_facts in facts.items():
        terms = matcher.terms(
            name=service_facts.name, text=service_facts.text, facts=service_facts.facts
        )
        source_terms = given.get(sid, set())
        have = codes[sid] = [code_of[tid] for tid in source_terms if tid in code_of]
        for code, rule_id in terms.items():
            tid = term_ids.get(code)
            if tid is not None and tid not in source_terms:
                wanted[(sid, tid)] = (code, LABEL_PREFIX + rule_id)
                have.append(code)
    return BatchPlan(
        services=len(facts),
        to_create=[
            (_raw_inferred_id(sid, code), sid, tid, "", "service", "", label, True)
            for (sid, tid), (code, label) in wanted.items()
            if (sid, tid) not in mine
        ],
        to_relabel=[
            (mine[key][0], label)
            for key, (_code, label) in wanted.items()
            if key in mine and mine[key][1] != label
        ],
        stale=[row_id for key, (row_id, _label) in mine.items() if key not in wanted],
        codes=codes,
    )


def batch_apply(plan: BatchPlan, stats: InferenceStats) -> None:
    """Write what ``batch_plan`` worked out."""
    stats.services += plan.services
    if plan.to_create:
        stats.created += insert_rows(Attribute, COLUMNS, plan.to_create)
    if plan.to_relabel:
        stats.updated += update_rows(Attribute, ["label"], plan.to_relabel)
    stale = plan.stale
    for start in range(0, len(stale), 500):
        Attribute.objects.filter(id__in=[as_uuid(i) for i in stale[start : start + 500]]).delete()
    stats.deleted += len(stale)
