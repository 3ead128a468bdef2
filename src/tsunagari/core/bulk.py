"""Bulk INSERT and UPDATE with ``executemany``, for imports of hundreds of thousands of
rows. Django's ``bulk_create`` compiles every value through the ORM, which costs more
than the database itself here; these helpers convert only values that need it (UUIDs,
dates, JSON) with the field's own ``get_db_prep_save``, so stored values are exactly
what the ORM would store."""

from __future__ import annotations

import gc
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

Converter = Callable[[Any], Any]
# Fields whose Python values the database drivers take as they are.
_AS_IS = (
    models.CharField,
    models.TextField,
    models.FloatField,
    models.IntegerField,
    models.BooleanField,
)


@contextmanager
def large_write_cache(mebibytes: int = 256) -> Iterator[None]:
    """A bigger SQLite page cache while a large import runs. Ids are random UUIDs, so
    index inserts land all over the file; once the indexes outgrow the cache, every
    insert reads pages back. PostgreSQL manages its own buffers: nothing to do there."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {-int(mebibytes) * 1024}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large import runs. The import holds a
    batch of many small dicts and tuples at a time, and each automatic collection walks
    every tracked object: 14% of a first import's time. Almost all of its garbage is
    freed by reference counting anyway; the few cycles wait for the next collection."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _converter(field: models.Field[Any, Any]) -> Converter | None:
    """How to turn a non-None value of ``field`` into a query parameter; None when the
    value can be passed as it is."""
    conn = connections[DEFAULT_DB_ALIAS]  # the real wrapper, not the thread-local proxy
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, models.UUIDField):
        if conn.features.has_native_uuid_field:
            return None
        # What UUIDField stores without a native type: 32 hex digits.
        return lambda value: "%032x" % value.int if isinstance(value, uuid.UUID) else value  # noqa: UP031 - faster than .hex
    if isinstance(target, models.JSONField):
        return lambda value: field.get_db_prep_save(value, conn)
    if isinstance(target, _AS_IS):
        return None
    return _remember_last(lambda value: field.get_db_prep_save(value, conn))


def _remember_last(convert: Converter) -> Converter:
    """``convert`` that reuses its last answer for the very same object: a write stamps
    every row with one ``now``, and Django's datetime preparation is slow."""
    last: list[Any] = [_NOTHING, None]

    def remembered(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return remembered


_NOTHING = object()


def _column(field: models.Field[Any, Any]) -> str:
    assert field.column is not None  # concrete fields always have a column
    return connection.ops.quote_name(field.column)


def concrete_fields(model: type[models.Model]) -> dict[str, models.Field[Any, Any]]:
    return {f.attname: f for f in model._meta.concrete_fields}


def defaults(model: type[models.Model]) -> dict[str, Any]:
    """Each concrete field's default, as the ORM would fill it in on create."""
    return {f.attname: f.get_default() for f in model._meta.concrete_fields if not f.primary_key}


def _params(
    fields: dict[str, models.Field[Any, Any]],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    prepared: Collection[str],
) -> list[list[Any]]:
    converters = [None if c in prepared else _converter(fields[c]) for c in columns]
    if not any(converters):
        return list(map(list, rows))
    make = _row_converter_factory(tuple(c is not None for c in converters))
    return list(map(make(*(c for c in converters if c is not None)), rows))


@lru_cache(maxsize=256)
def _row_converter_factory(converts: tuple[bool, ...]) -> Callable[..., Callable[..., list[Any]]]:
    """A function, written out for this row shape, that turns a row into its parameters:
    ``[v0, None if v1 is None else c1(v1), ...]`` (the factory takes the converters
    ``c1, ...``). A Python loop over the converting columns of every row cost more than
    the executemany of some tables. Generated code, as ``dataclasses`` and
    ``namedtuple`` do; it holds nothing but argument names."""
    names = [f"v{i}" for i in range(len(converts))]
    used = [f"c{i}" for i, convert in enumerate(converts) if convert]
    items = [
        f"None if {name} is None else c{i}({name})" if convert else name
        for i, (name, convert) in enumerate(zip(names, converts, strict=True))
    ]
    source = (
        f"def make({', '.join(used)}):\n"
        f"    def convert(row):\n"
        f"        {', '.join(names)}, = row\n"
        f"        return [{', '.join(items)}]\n"
        f"    return convert\n"
    )
    scope: dict[str, Any] = {}
    exec(source, scope)  # noqa: S102 - the source above holds argument names only
    make: Callable[..., Callable[..., list[Any]]] = scope["make"]
    return make


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    prepared: Collection[str] = (),
) -> int:
    """INSERT rows (values in ``columns`` order, by attname). Values of ``prepared``
    columns are already what the database takes (e.g. JSON text). Returns the count."""
    return insert_params(model, columns, as_params(model, columns, rows, prepared=prepared))


def as_params(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    prepared: Collection[str] = (),
) -> list[list[Any]]:
    """Rows (values in ``columns`` order) as the query parameters ``insert_params``
    takes. No database: a child process may prepare them (directory/prepared.py)."""
    return _params(concrete_fields(model), columns, rows, prepared)


def insert_params(model: type[models.Model], columns: Sequence[str], params: list[Any]) -> int:
    """INSERT rows already turned into query parameters (``as_params``)."""
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(insert_sql(model, columns), params)
    return len(params)


def update_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """UPDATE ... WHERE pk = row[0]; ``columns`` names the values after the pk."""
    fields = concrete_fields(model)
    pk = model._meta.pk
    assert pk is not None
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - quoted names only
        quote(model._meta.db_table),
        ", ".join(f"{_column(fields[c])} = %s" for c in columns),
        _column(pk),
    )
    # The pk goes last, for the WHERE clause.
    params = _params(fields, [*columns, pk.attname], ([*r[1:], r[0]] for r in rows), ())
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)


def param_converters(model: type[models.Model], columns: Sequence[str]) -> list[Converter | None]:
    fields = concrete_fields(model)
    return [_converter(fields[c]) for c in columns]


def insert_sql(model: type[models.Model], columns: Sequence[str]) -> str:
    """The INSERT statement for ``columns`` (attnames) of ``model``."""
    fields = concrete_fields(model)
    return "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - quoted names only
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(_column(fields[c]) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )


def as_param(convert: Converter | None, value: Any) -> Any:
    """A value as a query parameter, which is also how the driver returns it stored."""
    return value if convert is None or value is None else convert(value)


def select_raw(
    model: type[models.Model], columns: Sequence[str], where: str, values: Sequence[Any]
) -> list[tuple[Any, ...]]:
    """``columns`` of the rows whose ``where`` column is one of ``values``, as the driver
    returns them (no ORM conversion): comparing these with ``as_param`` of new values
    tells what changed, at a fraction of the cost of reading model values."""
    fields = concrete_fields(model)
    convert = _converter(fields[where])
    select = ", ".join(_column(fields[c]) for c in columns)
    found: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), 500):
            chunk = [as_param(convert, v) for v in values[start : start + 500]]
            sql = "SELECT {} FROM {} WHERE {} IN ({})".format(  # noqa: S608 - quoted names only
                select,
                connection.ops.quote_name(model._meta.db_table),
                _column(fields[where]),
                ", ".join(["%s"] * len(chunk)),
            )
            cursor.execute(sql, chunk)
            found.extend(cursor.fetchall())
    return found
