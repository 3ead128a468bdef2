"""Writes to the directory. Every import, the demo loader and the HSDS importers store
data through ``DirectoryWriter``, which upserts by id, removes what a complete record no
longer has, and records an audit event for every create, update and delete in the same
transaction as the change.

How the import is fast: graphs are written in batches of a thousand records. Each
table's rows of a batch are looked up by id in one SELECT (``core.bulk.select_raw``,
values in their stored form: hex ids, ISO text); rows not found are INSERTed with one
``executemany``, and stored ones are compared in that form, so unchanged rows cost a
tuple comparison and no ORM object. (No savepoint and optimistic INSERT: on SQLite a
savepoint copies every page it touches, which cost more than the read.) Column order,
defaults and converters are worked out once per table (``_Shape``; ``core.bulk``
writes out one function per row shape that turns a row into its parameters), child
tables known to be empty are not searched for stale rows, and only services whose rows
changed are refreshed (``refresh_derived``).

What is derived from new services (inferred terms, search documents) comes with the
graphs (``directory/derive.py``, ``add_derived``): a first import reads nothing back.

A large import from the command line (``import_file(parallel=True)``) also uses the
second core: a child process reads the file, builds the graphs, derives from them and
prepares each batch's INSERT parameters and CREATE events (``directory/prepared.py``,
``add_prepared``), while this process, which alone holds the database connection, runs
the statements. When a large write does need the refresh, a child does its folding,
matching and bigrams (``refresh.py``). Cyclic garbage collection is paused for the
whole import (``core.bulk.paused_gc``). The readers do their part in
``importers/normalise.py`` (cached parsers for repeated cells) and ``importers/records.py``
(part ids derived from the service id without hashing)."""

from __future__ import annotations

import datetime as dt
import operator
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils import timezone

from tsunagari.audit.models import AuditAction
from tsunagari.audit.services import Actor, AuditBuffer, audit_record
from tsunagari.core.bulk import (
    Converter,
    as_param,
    concrete_fields,
    defaults,
    insert_params,
    insert_rows,
    param_converters,
    select_raw,
    update_rows,
)

from .hsds import BY_NAME, TABLES, Table, row_from_instance
from .inference import COLUMNS as INFERRED_COLUMNS
from .inference import LABEL_PREFIX, is_inferred_label
from .inference.facts import raw_id
from .models import Attribute, DataSource, Service
from .refresh import derived_changed, refresh_derived

if TYPE_CHECKING:
    from .prepared import Prepared

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
# Links to a service or a place, which the database enforces (add_prepared).
_PARENT_LINKS = ("service_id", "location_id")
# Bookkeeping that changes on every write and is not a change of content. (last_modified
# is compared only when the caller gives it, as an HSDS import does.)
NOT_COMPARED = {"imported_at"}


class _Shape:
    """How rows of one table are written: every column in one order (the pk first), the
    value a new row gets for each column the caller leaves out, and how each value is
    passed to the database. Built once per table and writer, so the per-row work is a
    dict merge and a tuple."""

    def __init__(self, table: Table, source: DataSource | None, now: dt.datetime) -> None:
        model = table.model
        fields = concrete_fields(model)
        self.columns = list(fields)  # every concrete attname; the pk ("id") first
        self.position = {c: i for i, c in enumerate(self.columns)}
        self.converters = param_converters(model, self.columns)
        self.has_source = source is not None and "source_id" in fields
        self.source_id = source.id if source is not None else None
        self.stamp_imported = self.has_source and "imported_at" in fields
        self.stamp_modified = "last_modified" in fields
        base = defaults(model)
        if self.has_source:
            base["source_id"] = self.source_id
            if self.stamp_imported:
                base["imported_at"] = now
        if self.stamp_modified:
            base["last_modified"] = now
        # Callers name fields as HSDS does; the shape speaks both, so rows need no renaming.
        self.hsds_columns = [table.hsds_name(c) for c in self.columns]
        self.base = {table.hsds_name(c): v for c, v in base.items()}
        self.in_column_order = operator.itemgetter(*self.hsds_columns)
        self.renamed = table.renamed
        self._hsds_names = table.hsds_names
        self._attnames_renamed = tuple(table.renamed.values())
        source_converter = self.converters[self.position["source_id"]] if self.has_source else None
        self.source_param = as_param(source_converter, self.source_id)
        # What an import stamps on every row (its file, its time) is recorded once, with
        # the data source and in the IMPORT event, not in every CREATE event.
        stamps = ("source_id", "imported_at", "last_modified") if self.has_source else ()
        self.given = _given_values(self.columns, {c: base[c] for c in stamps if c in base})

    def new_row(self, row: dict[str, Any]) -> tuple[Any, ...]:
        """All values of a new row in column order: the row's, else the defaults."""
        # Named by attname, not by HSDS? (Only a few tables rename a field: no set
        # operation per row for the others.)
        if self._attnames_renamed and any(a in row for a in self._attnames_renamed):
            hsds_name = self._hsds_names
            row = {hsds_name.get(k, k): v for k, v in row.items()}
        return self.in_column_order({**self.base, **row})

    def comparison(
        self, keysets: set[tuple[str, ...]]
    ) -> tuple[list[str], dict[tuple[str, ...], list[tuple[str, int, Converter | None]]]]:
        """What to read back for rows with these sets of field names, and for each set
        (HSDS name, position in what is read, converter) of every compared field. Only
        those columns are read: decoding the others (times of import, say) costs more
        than the comparison itself."""
        wanted = {"id", "source_id"} if self.has_source else {"id"}
        for keys in keysets:
            wanted.update(self.renamed.get(k, k) for k in keys)
        read = [c for c in self.columns if c in wanted and (c == "id" or c not in NOT_COMPARED)]
        at = {c: j for j, c in enumerate(read)}
        plans = {}
        for keys in keysets:
            plan = []
            for key in keys:
                attname = self.renamed.get(key, key)
                if attname in at and attname != "id":
                    plan.append((key, at[attname], self.converters[self.position[attname]]))
            plans[keys] = plan
        return read, plans


class DirectoryWriter:
    """Buffered upsert of HSDS graphs. Use inside ``transaction.atomic()``; call
    ``finish()`` at the end. Re-adding identical data changes nothing and records nothing.
    (The module docstring says how it stays fast.)"""

    def __init__(
        self,
        *,
        actor: Actor,
        source: DataSource | None = None,
        batch_size: int = 1000,
        now: dt.datetime | None = None,
        parallel: bool = False,
    ) -> None:
        self.actor = actor
        self.parallel = parallel  # refresh_derived may fork (only the import command asks)
        self.source = source
        self.batch_size = batch_size
        self.now = now or timezone.now()
        self.stats: Counter[tuple[str, str]] = Counter()
        self._audit = AuditBuffer(actor)
        # table -> id -> (row, the record it belongs to)
        self._pending: dict[str, dict[uuid.UUID, tuple[dict[str, Any], Record]]] = defaultdict(dict)
        self._owned_services: set[uuid.UUID] = set()
        # Services of the graphs that had a row created, updated or deleted, for what is
        # derived from them (directory/refresh.py).
        self.touched_services: set[uuid.UUID] = set()
        self._graph_services: dict[Record, list[uuid.UUID]] = {}  # this batch's graphs
        self._changed_records: set[Record] = set()
        self._owned_locations: set[uuid.UUID] = set()
        self._graphs = 0
        self._preexisting: dict[str, set[uuid.UUID]] = defaultdict(set)
        # Rows created in this batch, in column order, with their record (the graph's
        # service, or its first row): rows created with their record are audited as one event.
        self._created: list[Created] = []
        self._shapes: dict[str, _Shape] = {}
        # Child tables known to hold no rows, so no stale rows to look for.
        self._empty: dict[str, bool] = {}
        # What the reader derived from the graphs (directory/derive.py), by service raw
        # id; used for records all of whose rows this write creates.
        self._derived: dict[Any, Any] = {}
        # Records of this batch that met a row of the same id with other values.
        self._conflicted: set[Record] = set()
        # Organisations whose name changed: their services' documents show it.
        self._renamed_organizations: set[uuid.UUID] = set()
        self.derived_written = 0  # services whose derivations were written
        self.stored_met = False  # whether a batch had services stored before it
        # Services that add_prepared found no attribute row linking, before it wrote
        # their own: _write_derived need not look for inferred rows of theirs again.
        self._unlinked: set[uuid.UUID] = set()

    def add(self, graph: Graph, *, complete: bool = True) -> None:
        """Queue a graph. ``complete`` means it is the whole of its services and
        locations: parts stored earlier but missing now are deleted."""
        record = record_of(graph)
        self._graph_services[record] = [r["id"] for r in graph.get("service", ())]
        for table_name, rows in graph.items():
            self._queue(table_name, rows, record)
        if complete:
            self._owned_services.update(r["id"] for r in graph.get("service", ()))
            self._owned_locations.update(r["id"] for r in graph.get("location", ()))
        self._graphs += 1
        if self._graphs >= self.batch_size:
            self.flush()

    def _queue(self, table_name: str, rows: list[dict[str, Any]], record: Record) -> None:
        met = queue_rows(self._pending[table_name], rows, record, self._conflicted)
        if met and table_name == "organization":
            # (Of the derived formats' rows only organisations are shared: a renamed one
            # has every service refreshed at the end.)
            self._renamed_organizations.update(met)

    def add_prepared(self, prepared: Prepared) -> bool:
        """Write a batch the reader prepared as INSERT parameters (directory/prepared.py)
        as it is, when none of its rows is stored yet. Otherwise (a re-import, say) add
        its graphs one by one, as ``add`` does, and return False."""
        self.flush()
        for row, record in prepared.organizations:  # shared: compared with what is stored
            self._queue("organization", [row], record)
        organizations = self._pending.pop("organization", None)
        if organizations:
            self._upsert(BY_NAME["organization"], organizations)
            self._audit_created()
            # A new organisation is its own event; its services are new, derived below.
            self._created.clear()
            self._changed_records.clear()
        # Indexed reads say whether any row is stored already (no savepoint to roll
        # back to: on SQLite one costs more than the reads). Attribute rows are found
        # by the services they link (one lookup per service, not per row).
        services = [sid for sids in prepared.records.values() for sid in sids]
        if _linked_attributes(services) or self._any_stored(prepared.tables):
            self.stored_met = True
            for graph in prepared.graphs():
                graph.pop("organization", None)  # written above
                self.add(graph, complete=True)
            self.flush()
            return False
        self._unlinked.update(services)
        for name, params in prepared.tables:
            table = BY_NAME[name]
            self.stats[(name, "created")] += insert_params(
                table.model, self._shape(table).columns, params
            )
        self._audit.events.extend(prepared.events)
        self._graph_services.update(prepared.records)
        self._changed_records.update(prepared.records)
        self._conflicted.update(prepared.conflicted)
        self.flush()  # the audit events, and what was derived
        return True

    def _any_stored(self, tables: list[tuple[str, list[list[Any]]]]) -> bool:
        """Whether any of these rows (INSERT parameters, the id first) is stored. A row
        that points at a service or place of the same batch is not looked up when
        those are not stored: the database keeps no row whose service or place is
        missing, and its id derives from its own service's (a first import made
        seven lookups per batch, now two)."""
        params = dict(tables)
        parents = {row[0] for name in ("service", "location") for row in params.get(name, ())}
        if any(
            _stored(BY_NAME[name].model, [row[0] for row in params.get(name, ())])
            for name in ("service", "location")
        ):
            return True
        for name, rows in tables:
            if name in {"service", "location", "attribute"}:
                continue
            columns = self._shape(BY_NAME[name]).columns
            links = [columns.index(c) for c in _PARENT_LINKS if c in columns]
            ids = [row[0] for row in rows if not any(row[i] in parents for i in links)]
            if _stored(BY_NAME[name].model, ids):
                return True
        return False

    def add_derived(self, derived: dict[Any, Any]) -> None:
        """What the reader derived from graphs it is about to ``add`` (service raw id ->
        ``derive.Derived``)."""
        self._derived.update(derived)

    def flush(self) -> None:
        for table in TABLES:
            rows = self._pending.get(table.name)
            if rows:
                self._upsert(table, rows)
        self._audit_created()
        self._delete_stale()
        self._audit.flush()
        fresh = self._write_derived()
        self._unlinked.clear()  # (true only until the batch's own rows are written)
        if self._preexisting.get("service"):
            self.stored_met = True
        for record in self._changed_records:
            if record not in fresh:
                self.touched_services.update(self._graph_services.get(record, ()))
        self._changed_records.clear()
        self._conflicted.clear()
        self._graph_services.clear()
        self._pending.clear()
        self._owned_services.clear()
        self._owned_locations.clear()
        self._preexisting.clear()
        self._created.clear()
        self._graphs = 0

    def finish(self) -> Counter[tuple[str, str]]:
        self.flush()
        self._touch_renamed_organizations()
        refresh_derived(self.touched_services, parallel=self.parallel)
        if self.derived_written:
            derived_changed()
        return self.stats

    # -- internals ---------------------------------------------------------------------

    def _shape(self, table: Table) -> _Shape:
        shape = self._shapes.get(table.name)
        if shape is None:
            shape = self._shapes[table.name] = _Shape(table, self.source, self.now)
        return shape

    def _touch(self, record: Record) -> None:
        self._changed_records.add(record)

    def _write_derived(self) -> set[Record]:
        """Write the inferred terms and search documents the reader derived, for the
        records of this batch whose rows were all created now (their stored rows are the
        graph: directory/derive.py). Returns those records; the others are refreshed
        from the database at ``finish``."""
        if not self._derived:
            return set()
        stale = set(self._conflicted)
        for table_name, ids in self._preexisting.items():
            if table_name != "organization":  # shared; a renamed one is handled at finish
                pending = self._pending[table_name]
                stale.update(pending[pk][1] for pk in ids)
        fresh: set[Record] = set()
        rows: list[tuple[Any, ...]] = []
        drafts: list[Any] = []
        derived = self._derived
        for record in self._changed_records:
            services = self._graph_services.get(record)
            if record in stale or not services:
                continue
            found = [derived.get(raw_id(sid)) for sid in services]
            if not all(found):
                continue
            fresh.add(record)
            for item in filter(None, found):
                rows.extend(item.inferred)
                if item.draft is not None:
                    drafts.append(item.draft)
        for services in self._graph_services.values():
            for sid in services:
                derived.pop(raw_id(sid), None)
        if not fresh:
            return fresh
        fresh_services = [sid for record in fresh for sid in self._graph_services[record]]
        unlinked = self._unlinked
        if _linked_attributes([s for s in fresh_services if s not in unlinked], inferred=True):
            # Inferred rows of a service deleted earlier (the admin can): refresh them.
            return set()
        from tsunagari.search.index import replace_documents

        insert_rows(Attribute, INFERRED_COLUMNS, rows)
        # (Replace: a document of a service deleted earlier may still be there.)
        replace_documents(fresh_services, drafts)
        self.derived_written += len(fresh)
        return fresh

    def _touch_renamed_organizations(self) -> None:
        """The services of an organisation whose name changed are refreshed: their
        search documents hold the name."""
        renamed = sorted(self._renamed_organizations)
        for start in range(0, len(renamed), 500):
            self.touched_services.update(
                Service.objects.filter(
                    organization_id__in=renamed[start : start + 500]
                ).values_list("id", flat=True)
            )
        self._renamed_organizations.clear()

    def _upsert(self, table: Table, rows: dict[uuid.UUID, tuple[dict[str, Any], Record]]) -> None:
        shape = self._shape(table)
        model = table.model
        columns = shape.columns
        to_param = shape.converters[0]
        read, plans = shape.comparison({tuple(row) for row, _record in rows.values()})
        stored = {r[0]: r for r in select_raw(model, read, "id", list(rows))}
        to_create: list[tuple[Any, ...]] = []
        changed: dict[uuid.UUID, tuple[dict[str, Any], Record]] = {}
        preexisting = self._preexisting[table.name]
        source_at = read.index("source_id") if shape.has_source else None
        source = shape.source_param
        for pk, (row, record) in rows.items():
            raw = stored.get(as_param(to_param, pk)) if stored else None
            if raw is None:
                values = shape.new_row(row)
                to_create.append(values)
                self._created.append((table.name, pk, values, record))
                continue
            preexisting.add(pk)
            if source_at is not None and "source_id" not in row and raw[source_at] != source:
                changed[pk] = (row, record)  # now comes from another file
                continue
            for key, i, convert in plans[tuple(row)]:
                value = row[key]
                stored_value = raw[i]
                if (
                    value if convert is None or value is None else convert(value)
                ) != stored_value and value != stored_value:  # SQLite decodes times, dates
                    changed[pk] = (row, record)
                    break
            else:
                self.stats[(table.name, "unchanged")] += 1
        if to_create:
            self.stats[(table.name, "created")] += insert_rows(model, columns, to_create)
            for _table, _pk, _values, record in self._created[-len(to_create) :]:
                self._touch(record)
        if changed:
            self._update(table, shape, changed)

    def _update(
        self, table: Table, shape: _Shape, changed: dict[uuid.UUID, tuple[dict[str, Any], Record]]
    ) -> None:
        """Write rows that differ from what is stored, recording old and new values."""
        columns = shape.columns
        in_column_order = operator.itemgetter(*columns)
        renamed = table.renamed
        to_update: list[Sequence[Any]] = []
        stored = table.model._default_manager.filter(pk__in=list(changed)).values_list(*columns)
        for old_values in stored:
            old = dict(zip(columns, old_values, strict=True))
            row, record = changed[old["id"]]
            values = {renamed.get(k, k): v for k, v in row.items()}
            if shape.has_source and "source_id" not in values:
                values["source_id"] = shape.source_id
            diff = {
                k: (old[k], v) for k, v in values.items() if k not in NOT_COMPARED and old[k] != v
            }
            if not diff:
                self.stats[(table.name, "unchanged")] += 1
                continue
            if table.name == "organization" and "name" in diff:
                self._renamed_organizations.add(old["id"])
            merged = {**old, **values}
            if shape.stamp_imported:
                merged["imported_at"] = self.now
            if shape.stamp_modified and "last_modified" not in values:
                merged["last_modified"] = self.now
            to_update.append(in_column_order(merged))
            self._touch(record)
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
        given_of = {name: shape.given for name, shape in self._shapes.items()}
        for table_name, pk, new in create_events(self._created, given_of):
            self._audit.add(
                action=AuditAction.CREATE, object_type=table_name, object_id=pk, new=new
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

    def _holds_nothing(self, table: Table) -> bool:
        """True when ``table`` has no rows at all (asked once; rows this writer adds count)."""
        if table.name in self._pending or self.stats[(table.name, "created")]:
            return False
        if table.name not in self._empty:
            self._empty[table.name] = not table.model._default_manager.exists()
        return self._empty[table.name]

    def _delete(
        self,
        table: Table,
        parent_field: str,
        parents: set[uuid.UUID],
        *,
        keep_inferred: bool = False,
    ) -> None:
        """Delete rows of ``table`` under ``parents`` that the new graphs do not have."""
        if self._holds_nothing(table):
            return
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
        deleted_parents: set[Any] = set()
        for obj in manager.filter(pk__in=stale_ids):
            deleted_parents.add(getattr(obj, parent_field))
            self._audit.add(
                action=AuditAction.DELETE,
                object_type=table.name,
                object_id=obj.pk,
                old=row_from_instance(table, obj),
            )
        manager.filter(pk__in=stale_ids).delete()
        self.stats[(table.name, "deleted")] += len(stale_ids)
        for parent in deleted_parents:
            record = self._record_of(parent)
            if record is not None:
                self._touch(record)

    def _record_of(self, pk: uuid.UUID) -> Record | None:
        """The record a queued row belongs to (deletions are rare: a plain search)."""
        for rows in self._pending.values():
            if found := rows.get(pk):
                return found[1]
        return None


Created = tuple[str, uuid.UUID, tuple[Any, ...], Record]  # (table, pk, values, record)


def _linked_attributes(services: list[uuid.UUID], *, inferred: bool = False) -> bool:
    """Whether any attribute row (or, with ``inferred``, any row inference owns) links
    one of ``services``. Plain SQL: the ORM's conversion of the ids cost ten times the
    lookups."""
    table = connection.ops.quote_name(Attribute._meta.db_table)
    owned = " AND label LIKE %s" if inferred else ""
    with connection.cursor() as cursor:
        for start in range(0, len(services), 500):
            ids = [raw_id(sid) for sid in services[start : start + 500]]
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE link_entity = 'service' "  # noqa: S608
                f"AND link_id IN ({', '.join(['%s'] * len(ids))}){owned} LIMIT 1",
                [*ids, *([LABEL_PREFIX + "%"] if inferred else [])],
            )
            if cursor.fetchone():
                return True
    return False


def _stored(model: type[Any], ids: list[Any]) -> bool:
    """Whether any of ``ids`` (as query parameters) is a stored row of ``model``."""
    return bool(ids) and bool(select_raw(model, ["id"], "id", ids))


def queue_rows(
    pending: dict[uuid.UUID, tuple[dict[str, Any], Record]],
    rows: list[dict[str, Any]],
    record: Record,
    conflicted: set[Record],
) -> list[uuid.UUID]:
    """Queue ``rows`` of ``record`` by id; the last row of an id wins. Returns the ids
    that met an earlier row with other values, whose records go in ``conflicted``: what
    was derived from the earlier row is wrong (directory/derive.py)."""
    met = []
    for row in rows:
        pk = row["id"]
        earlier = pending.get(pk)
        if earlier is not None and earlier[0] != row:
            conflicted.update((earlier[1], record))
            met.append(pk)
        pending[pk] = (row, record)
    return met


def create_events(
    created: list[Created], given_of: dict[str, Callable[[Sequence[Any]], dict[str, Any]]]
) -> list[tuple[str, uuid.UUID, Any]]:
    """(object type, id, new values) of the CREATE events for rows just created: one per
    new record with the values of all its new parts (empty and null fields left out); a
    part added to a record that already existed, and an organisation (shared by many
    records), get an event of their own."""
    # (The table name first: comparing UUIDs is a Python method call, names are not.)
    records: dict[Record, dict[str, list[dict[str, Any]]]] = {
        record: {}
        for table_name, pk, _values, record in created
        if record[0] == table_name and record[1] == pk
    }
    places: dict[Record, list[uuid.UUID]] = defaultdict(list)  # each new record's locations
    for table_name, pk, _values, record in created:
        if table_name == "location" and record in records:
            places[record].append(pk)
    events: list[tuple[str, uuid.UUID, Any]] = []
    for table_name, pk, values, record in created:
        named = given_of[table_name](values)
        parts = records.get(record)
        if parts is None or table_name == "organization":
            events.append((table_name, pk, named))
        elif pk != record[1]:
            parts.setdefault(table_name, []).append(_nested(named, record, places.get(record)))
        else:
            parts.setdefault(table_name, []).append(named)
    events.extend((table_name, pk, parts) for (table_name, pk), parts in records.items())
    return events


def _nested(part: dict[str, Any], record: Record, places: list[uuid.UUID] | None) -> dict[str, Any]:
    """A part inside its record's CREATE event, without its link to the record's own
    service, or to its one place: where it sits in the event says so."""
    if record[0] == "service":
        if part.get("service_id") == record[1]:
            del part["service_id"]
        if part.get("link_id") == record[1] and part.get("link_entity") == "service":
            del part["link_id"], part["link_entity"]
    if places is not None and len(places) == 1 and part.get("location_id") == places[0]:
        del part["location_id"]
    return part


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
            "sha256": source.sha256,
            # Stamped on every row written, so the CREATE events leave it out.
            "imported_at": source.imported_at,
            "records": records,
            "changes": changes,
        },
    )


def _given_values(
    columns: Sequence[str], stamps: dict[str, Any]
) -> Callable[[Sequence[Any]], dict[str, Any]]:
    """A function from a row's values (in ``columns`` order) to the fields that hold
    something: a CREATE event holds what was given, empty and null fields are not
    repeated, nor a value the write stamped (``stamps``: the very object, not an equal
    one). Written out per table (as ``core.bulk`` does for parameters): a dict
    comprehension over every value of every created row cost a tenth of an import."""
    names = [f"v{i}" for i in range(len(columns))]
    lines = [
        f"    if {name} is not None and ({name}.__class__ is not str or {name})"
        + (f" and {name} is not s_{column}" if column in stamps else "")
        + f":\n        given[{column!r}] = {name}\n"
        for name, column in zip(names, columns, strict=True)
    ]
    source = (
        f"def given_values(values):\n    {', '.join(names)}, = values\n    given = {{}}\n"
        + "".join(lines)
        + "    return given\n"
    )
    scope: dict[str, Any] = {f"s_{column}": value for column, value in stamps.items()}
    exec(source, scope)  # noqa: S102 - the source holds column names (repr) only
    given_values: Callable[[Sequence[Any]], dict[str, Any]] = scope["given_values"]
    return given_values


def record_of(graph: Graph) -> Record:
    if graph.get("service"):
        return ("service", graph["service"][0]["id"])
    table_name, rows = next((name, rows) for name, rows in graph.items() if rows)
    return (table_name, rows[0]["id"])
