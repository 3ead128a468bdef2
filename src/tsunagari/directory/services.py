"""Writes to the directory. Every import, the demo loader and the HSDS importers store
data through ``DirectoryWriter``, which upserts by id, removes what a complete record no
longer has, and records an audit event for every create, update and delete in the same
transaction as the change."""

from __future__ import annotations

import datetime as dt
import operator
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, AuditBuffer, audit_record
from tsunagari.core.bulk import (
    as_param,
    concrete_fields,
    defaults,
    insert_rows,
    param_converters,
    select_raw,
    update_rows,
)

from .hsds import BY_NAME, TABLES, Table, row_from_instance
from .inference import is_inferred_label
from .models import DataSource
from .refresh import refresh_derived

# A set of HSDS rows that belong together (usually one service with its parts):
# table name -> rows keyed by HSDS field name, values already converted (hsds.to_python).
Graph = dict[str, list[dict[str, Any]]]

# A record, by its main row: ("service", id) for a service graph.
Record = tuple[str, uuid.UUID]

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
# Bookkeeping that changes on every write and is not a change of content. (last_modified
# is compared only when the caller gives it, as an HSDS import does.)
NOT_COMPARED = {"imported_at"}


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
        # table -> id -> (row, the record it belongs to)
        self._pending: dict[str, dict[uuid.UUID, tuple[dict[str, Any], Record]]] = defaultdict(dict)
        self._owned_services: set[uuid.UUID] = set()
        # Every service written, for what is derived from it (directory/refresh.py).
        self.touched_services: set[uuid.UUID] = set()
        self._owned_locations: set[uuid.UUID] = set()
        self._graphs = 0
        self._preexisting: dict[str, set[uuid.UUID]] = defaultdict(set)
        # Rows created in this batch with their record (the graph's service, or its first
        # row): rows created with their record are audited as one event.
        self._created: list[tuple[str, uuid.UUID, dict[str, Any], Record]] = []

    def add(self, graph: Graph, *, complete: bool = True) -> None:
        """Queue a graph. ``complete`` means it is the whole of its services and
        locations: parts stored earlier but missing now are deleted."""
        record = _record(graph)
        self.touched_services.update(r["id"] for r in graph.get("service", ()))
        for table_name, rows in graph.items():
            pending = self._pending[table_name]
            for row in rows:
                pending[row["id"]] = (row, record)
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
        self._audit_created()
        self._delete_stale()
        self._audit.flush()
        self._pending.clear()
        self._owned_services.clear()
        self._owned_locations.clear()
        self._preexisting.clear()
        self._created.clear()
        self._graphs = 0

    def finish(self) -> Counter[tuple[str, str]]:
        self.flush()
        refresh_derived(self.touched_services)
        return self.stats

    # -- internals ---------------------------------------------------------------------

    def _upsert(self, table: Table, rows: dict[uuid.UUID, tuple[dict[str, Any], Record]]) -> None:
        model = table.model
        fields = concrete_fields(model)
        columns = list(fields)  # every concrete attname; the pk ("id") first
        position = {c: i for i, c in enumerate(columns)}
        converters = param_converters(model, columns)
        to_param = converters[0]
        stored = {r[0]: r for r in select_raw(model, columns, "id", list(rows))}
        has_source = self.source is not None and "source_id" in fields
        # What a new row gets for the fields the caller leaves out.
        base = defaults(model)
        if has_source:
            base["source_id"] = self.source.id  # type: ignore[union-attr]
            if "imported_at" in fields:
                base["imported_at"] = self.now
        if "last_modified" in fields:
            base["last_modified"] = self.now
        in_column_order = operator.itemgetter(*columns)
        to_create: list[Sequence[Any]] = []
        changed: dict[uuid.UUID, dict[str, Any]] = {}
        renamed = table.renamed
        preexisting = self._preexisting[table.name]
        for pk, (row, record) in rows.items():
            if renamed:
                row = {renamed.get(k, k): v for k, v in row.items()}
            raw = stored.get(as_param(to_param, pk)) if stored else None
            if raw is None:
                full = {**base, **row}
                to_create.append(in_column_order(full))
                self._created.append((table.name, pk, full, record))
                continue
            preexisting.add(pk)
            values = row
            if has_source and "source_id" not in values:
                values = {**values, "source_id": self.source.id}  # type: ignore[union-attr]
            if any(
                as_param(converters[position[k]], v) != raw[position[k]]
                for k, v in values.items()
                if k not in NOT_COMPARED
            ):
                changed[pk] = values
            else:
                self.stats[(table.name, "unchanged")] += 1
        if to_create:
            self.stats[(table.name, "created")] += insert_rows(model, columns, to_create)
        if changed:
            self._update(table, columns, changed)

    def _update(
        self, table: Table, columns: list[str], changed: dict[uuid.UUID, dict[str, Any]]
    ) -> None:
        """Write rows that differ from what is stored, recording old and new values."""
        fields = concrete_fields(table.model)
        has_source = self.source is not None and "source_id" in fields
        in_column_order = operator.itemgetter(*columns)
        to_update: list[Sequence[Any]] = []
        stored = table.model._default_manager.filter(pk__in=list(changed)).values_list(*columns)
        for old_values in stored:
            old = dict(zip(columns, old_values, strict=True))
            values = changed[old["id"]]
            diff = {
                k: (old[k], v) for k, v in values.items() if k not in NOT_COMPARED and old[k] != v
            }
            if not diff:
                self.stats[(table.name, "unchanged")] += 1
                continue
            merged = {**old, **values}
            if has_source and "imported_at" in fields:
                merged["imported_at"] = self.now
            if "last_modified" in fields and "last_modified" not in values:
                merged["last_modified"] = self.now
            to_update.append(in_column_order(merged))
            self._audit.add(
                action=AuditAction.UPDATE,
                object_type=table.name,
                object_id=old["id"],
                old={k: o for k, (o, _n) in diff.items()},
                new={k: n for k, (_o, n) in diff.items()},
            )
        if to_update:
            self.stats[(table.name, "updated")] += update_rows(table.model, columns[1:], to_update)

    def _audit_created(self) -> None:
        """One CREATE event per new record with the values of all its new parts; a part
        added to a record that already existed gets an event of its own."""
        created_records = {(t, pk) for t, pk, _values, record in self._created if (t, pk) == record}
        records: dict[Record, dict[str, list[dict[str, Any]]]] = {}
        for table_name, pk, values, record in self._created:
            if record in created_records:
                records.setdefault(record, {}).setdefault(table_name, []).append(values)
            else:
                self._audit.add(
                    action=AuditAction.CREATE, object_type=table_name, object_id=pk, new=values
                )
        for (table_name, pk), parts in records.items():
            self._audit.add(
                action=AuditAction.CREATE, object_type=table_name, object_id=pk, new=parts
            )

    def _delete_stale(self) -> None:
        # Only records that existed before this batch can have parts that are now gone.
        services = self._owned_services & self._preexisting["service"]
        locations = self._owned_locations & self._preexisting["location"]
        for names, parent_field, parents in (
            (SERVICE_CHILDREN, "service_id", services),
            (LOCATION_CHILDREN, "location_id", locations),
        ):
            if parents:
                for name in names:
                    self._delete(BY_NAME[name], parent_field, parents)
        if services or locations:
            linked: set[uuid.UUID] = set(services | locations)
            for name in (*SERVICE_CHILDREN, *LOCATION_CHILDREN):
                linked.update(self._pending.get(name, {}).keys())
            # Inferred terms are derived (directory/inference), not part of the record:
            # refresh_derived keeps them in step after the write.
            self._delete(BY_NAME["attribute"], "link_id", linked, keep_inferred=True)

    def _delete(
        self,
        table: Table,
        parent_field: str,
        parents: set[uuid.UUID],
        *,
        keep_inferred: bool = False,
    ) -> None:
        """Delete rows of ``table`` under ``parents`` that the new graphs do not have."""
        model = table.model
        (to_param,) = param_converters(model, ["id"])
        keep = {as_param(to_param, pk) for pk in self._pending.get(table.name, {})}
        if keep_inferred:
            found = [
                (pk,)
                for pk, label, inferred in select_raw(
                    model, ["id", "label", "inferred"], parent_field, list(parents)
                )
                if not (inferred and is_inferred_label(label))
            ]
        else:
            found = select_raw(model, ["id"], parent_field, list(parents))
        stale_ids = [pk for (pk,) in found if pk not in keep]
        if not stale_ids:
            return
        manager = model._default_manager
        for obj in manager.filter(pk__in=stale_ids):
            self._audit.add(
                action=AuditAction.DELETE,
                object_type=table.name,
                object_id=obj.pk,
                old=row_from_instance(table, obj),
            )
        manager.filter(pk__in=stale_ids).delete()
        self.stats[(table.name, "deleted")] += len(stale_ids)


def record_import(
    *,
    actor: Actor,
    source: DataSource,
    records: int,
    stats: Counter[tuple[str, str]],
    only_if_changed: bool = False,
) -> None:
    """One IMPORT audit event for a whole load of ``source``: how many records, and how
    many rows of each table were created, updated, deleted or left unchanged."""
    changes = {f"{t}.{a}": n for (t, a), n in sorted(stats.items())}
    if only_if_changed and all(key.endswith(".unchanged") for key in changes):
        return
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type="data_source",
        object_id=source.pk,
        new={
            "file": source.file_name,
            "format": source.format,
            "records": records,
            "changes": changes,
        },
    )


def _record(graph: Graph) -> Record:
    if graph.get("service"):
        return ("service", graph["service"][0]["id"])
    table_name, rows = next((name, rows) for name, rows in graph.items() if rows)
    return (table_name, rows[0]["id"])
