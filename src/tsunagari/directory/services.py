"""Writes to the directory. Every import, the demo loader and the HSDS importers store
data through ``DirectoryWriter``, which upserts by id, removes what a complete record no
longer has, and records an audit event for every create, update and delete in the same
transaction as the change."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils import timezone

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, AuditBuffer

from .hsds import BY_NAME, TABLES, Table, to_hsds
from .models import DataSource

# A set of HSDS rows that belong together (usually one service with its parts):
# table name -> rows keyed by HSDS field name, values already converted (hsds.to_python).
Graph = dict[str, list[dict[str, Any]]]

# Tables whose rows hang off a service or a location; a complete graph replaces them.
SERVICE_CHILDREN = (
    "service_at_location",
    "contact",
    "phone",
    "language",
    "schedule",
    "service_area",
    "cost_option",
    "required_document",
    "funding",
)
LOCATION_CHILDREN = ("address", "accessibility", "contact", "phone", "language", "schedule")
# Bookkeeping fields that change on every write and are not a change of content.
NOT_COMPARED = {"imported_at", "last_modified"}


class DirectoryWriter:
    """Buffered upsert of HSDS graphs. Use inside ``transaction.atomic()``; call
    ``finish()`` at the end. Re-adding identical data changes nothing and records nothing."""

    def __init__(
        self,
        *,
        actor: Actor,
        source: DataSource | None = None,
        batch_size: int = 500,
        now: dt.datetime | None = None,
    ) -> None:
        self.actor = actor
        self.source = source
        self.batch_size = batch_size
        self.now = now or timezone.now()
        self.stats: Counter[tuple[str, str]] = Counter()
        self._audit = AuditBuffer(actor)
        self._pending: dict[str, dict[uuid.UUID, dict[str, Any]]] = defaultdict(dict)
        self._owned_services: set[uuid.UUID] = set()
        self._owned_locations: set[uuid.UUID] = set()
        self._graphs = 0

    def add(self, graph: Graph, *, complete: bool = True) -> None:
        """Queue a graph. ``complete`` means it is the whole of its services and
        locations: parts stored earlier but missing now are deleted."""
        for table_name, rows in graph.items():
            pending = self._pending[table_name]
            for row in rows:
                pending[row["id"]] = row
        if complete:
            self._owned_services.update(r["id"] for r in graph.get("service", ()))
            self._owned_locations.update(r["id"] for r in graph.get("location", ()))
        self._graphs += 1
        if self._graphs >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        for table in TABLES:
            rows = self._pending.get(table.name)
            if rows:
                self._upsert(table, rows)
        self._delete_stale()
        self._audit.flush()
        self._pending.clear()
        self._owned_services.clear()
        self._owned_locations.clear()
        self._graphs = 0

    def finish(self) -> Counter[tuple[str, str]]:
        self.flush()
        return self.stats

    def count(self, table: str, action: str) -> int:
        return self.stats[(table, action)]

    # -- internals ---------------------------------------------------------------------

    def _upsert(self, table: Table, rows: dict[uuid.UUID, dict[str, Any]]) -> None:
        model = table.model
        concrete = {f.attname for f in model._meta.concrete_fields}
        existing = _fetch(model, rows.keys())
        to_create: list[models.Model] = []
        to_update: list[models.Model] = []
        changed_fields: set[str] = set()
        for pk, row in rows.items():
            values = {table.attname(k): v for k, v in row.items()}
            if self.source is not None and "source_id" in concrete:
                values.setdefault("source_id", self.source.id)
            obj = existing.get(pk)
            if obj is None:
                if "imported_at" in concrete and self.source is not None:
                    values.setdefault("imported_at", self.now)
                if "last_modified" in concrete:
                    values.setdefault("last_modified", self.now)
                to_create.append(model(**values))
                self._audit.add(
                    action=AuditAction.CREATE,
                    object_type=table.name,
                    object_id=pk,
                    new={k: to_hsds(v) for k, v in values.items()},
                )
                continue
            diff = {
                k: (getattr(obj, k), v)
                for k, v in values.items()
                if k not in NOT_COMPARED and getattr(obj, k) != v
            }
            if "last_modified" in values and obj.last_modified != values["last_modified"]:  # type: ignore[attr-defined]
                diff["last_modified"] = (obj.last_modified, values["last_modified"])  # type: ignore[attr-defined]
            if not diff:
                self.stats[(table.name, "unchanged")] += 1
                continue
            for k, (_old, new) in diff.items():
                setattr(obj, k, new)
            if "imported_at" in concrete and self.source is not None:
                obj.imported_at = self.now  # type: ignore[attr-defined]
                changed_fields.add("imported_at")
            if "last_modified" in concrete and "last_modified" not in values:
                obj.last_modified = self.now  # type: ignore[attr-defined]
                changed_fields.add("last_modified")
            changed_fields.update(diff)
            to_update.append(obj)
            self._audit.add(
                action=AuditAction.UPDATE,
                object_type=table.name,
                object_id=pk,
                old={k: to_hsds(old) for k, (old, _new) in diff.items()},
                new={k: to_hsds(new) for k, (_old, new) in diff.items()},
            )
        if to_create:
            model.objects.bulk_create(to_create, batch_size=500)
            self.stats[(table.name, "created")] += len(to_create)
        if to_update:
            model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=500)
            self.stats[(table.name, "updated")] += len(to_update)

    def _delete_stale(self) -> None:
        linked_ids: set[uuid.UUID] = set()
        for name in ("service", "location", *SERVICE_CHILDREN, *LOCATION_CHILDREN):
            linked_ids.update(self._pending.get(name, {}).keys())
        for names, parent_field, parents in (
            (SERVICE_CHILDREN, "service_id", self._owned_services),
            (LOCATION_CHILDREN, "location_id", self._owned_locations),
        ):
            if not parents:
                continue
            for name in names:
                keep = self._pending.get(name, {}).keys()
                self._delete(BY_NAME[name], {f"{parent_field}__in": parents}, keep)
        if self._owned_services or self._owned_locations:
            keep = self._pending.get("attribute", {}).keys()
            self._delete(BY_NAME["attribute"], {"link_id__in": linked_ids}, keep)

    def _delete(self, table: Table, where: dict[str, Any], keep: Iterable[uuid.UUID]) -> None:
        stale = list(table.model.objects.filter(**where).exclude(pk__in=list(keep)))
        if not stale:
            return
        for obj in stale:
            self._audit.add(
                action=AuditAction.DELETE,
                object_type=table.name,
                object_id=obj.pk,
                old={f: to_hsds(getattr(obj, table.attname(f))) for f in table.all_fields},
            )
        table.model.objects.filter(pk__in=[o.pk for o in stale]).delete()
        self.stats[(table.name, "deleted")] += len(stale)


def _fetch(model: type[models.Model], ids: Iterable[uuid.UUID]) -> dict[Any, models.Model]:
    found: dict[Any, models.Model] = {}
    id_list = list(ids)
    for start in range(0, len(id_list), 500):
        for obj in model.objects.filter(pk__in=id_list[start : start + 500]):
            found[obj.pk] = obj
    return found
