"""Insert many rows of one model fast: plain value tuples sent with binary COPY (PostgreSQL) or
executemany (SQLite), no model instances (ADR 11's writer, for imports into a live database).

Binary, not text, COPY: each value goes in its column's wire format (an int as 8 bytes, a
date-time as microseconds), so neither side formats or parses text for it; on the import of
a 167,136-row extract psycopg's share of the importer's time fell from 20 % to 1.4 % (ADR 22).
The column types are read from the table once, so every value is sent as its column's own
type.

Ids are reserved from the table's own sequence on PostgreSQL (`nextval`), so rows other users
save meanwhile never collide; SQLite has one writer at a time, so the next ids after the
largest are free inside the import's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from json.encoder import encode_basestring_ascii
from typing import Any

from django.db import connection, models
from django.utils import timezone


class EncodedJSON(str):
    """A JSON field's value already serialised: written as it is."""


class FastInsert:
    _cache: dict[type[models.Model], FastInsert] = {}

    @classmethod
    def of(cls, model: type[models.Model]) -> FastInsert:
        if model not in cls._cache:
            cls._cache[model] = cls(model)
        return cls._cache[model]

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.table = model._meta.db_table
        self.columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.pk = model._meta.pk
        self.postgres = connection.vendor == "postgresql"
        self.adapters = [_adapter(f, self.postgres) for f in self.fields]
        self.sequence: str | None = None  # PostgreSQL: the pk's sequence, looked up once
        self.types: list[int] | None = None  # PostgreSQL: the columns' type oids, read once

    def reserve(self, count: int) -> list[int]:
        """`count` new ids from the table's sequence (PostgreSQL: `nextval` per id, as an
        insert would take it, so other sessions never get the same id; the sequence is named
        once, not per id: `pg_get_serial_sequence` per row cost 5 times `nextval` itself)."""
        if count == 0:
            return []
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                if self.sequence is None:
                    cursor.execute(
                        "SELECT pg_get_serial_sequence(%s, %s)",
                        [connection.ops.quote_name(self.table), self.pk.column],
                    )
                    self.sequence = cursor.fetchone()[0]
                cursor.execute(
                    "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
                    [self.sequence, count],
                )
                return [row[0] for row in cursor.fetchall()]
            table = connection.ops.quote_name(self.table)
            cursor.execute(f"SELECT MAX({connection.ops.quote_name(self.pk.column)}) FROM {table}")  # noqa: S608
            start = (cursor.fetchone()[0] or 0) + 1
            return list(range(start, start + count))

    def defaults(self) -> dict[str, Any]:
        """Each column's value when a row does not give one (auto_now fields: now)."""
        now = timezone.now()
        out = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                out[f.attname] = now
            elif not f.primary_key:
                out[f.attname] = f.get_default()
        return out

    def insert(self, rows: list[dict[str, Any]]) -> list[int]:
        """Insert rows given as {attname: value}; returns their ids in order. Each row dict
        gets its id and the defaults filled in (so it can be audited as written)."""
        ids = self.reserve(len(rows))
        if not rows:
            return ids
        defaults = self.defaults()
        names = defaults.keys()
        values_of = operator.itemgetter(*(f.attname for f in self.fields))
        adapted = [(i, adapt) for i, adapt in enumerate(self.adapters) if adapt is not None]
        pk_name = self.pk.attname
        data = []
        # The defaults a row lacks, worked out again only when a row has other keys than the
        # one before (a handler's rows usually all have the same).
        shape: frozenset[str] | None = None
        missing: list[tuple[str, Any, bool]] = []
        for pk, row in zip(ids, rows, strict=True):
            if shape is None or row.keys() != shape:
                shape = frozenset(row)
                missing = [(n, defaults[n], callable(defaults[n])) for n in names - shape]
            for name, value, call in missing:
                row[name] = value() if call else value
            row[pk_name] = pk
            if adapted:
                values = list(values_of(row))
                for i, adapt in adapted:
                    if values[i] is not None:
                        values[i] = adapt(values[i])
            else:
                values = values_of(row)
            data.append(values)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                types = self.column_types(cursor)
                sql = (
                    f"COPY {connection.ops.quote_name(self.table)} ({self.columns}) "
                    "FROM STDIN (FORMAT BINARY)"
                )
                # The raw psycopg cursor: wrap its errors as Django's (IntegrityError ...).
                with connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
                    copy.set_types(types)
                    for values in data:
                        copy.write_row(values)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                sql = (
                    f"INSERT INTO {connection.ops.quote_name(self.table)} "  # noqa: S608
                    f"({self.columns}) VALUES ({marks})"
                )
                cursor.executemany(sql, data)
        return ids

    def column_types(self, cursor) -> list[int]:
        """The type oid each column is sent as in binary COPY: the column's own type, except
        JSON (jsonb), which goes as bytes already in jsonb's wire format (`_json_adapter`)."""
        if self.types is None:
            oids = {
                column.name: column.type_code
                for column in connection.introspection.get_table_description(cursor, self.table)
            }
            self.types = [
                BYTEA_OID if isinstance(f, models.JSONField) else oids[f.column]
                for f in self.fields
            ]
        return self.types


def _adapter(f: models.Field, postgres: bool):
    """How a value goes to the database: JSON serialised; on SQLite dates, times and decimals
    in Django's text forms (PostgreSQL takes them as they are)."""
    if isinstance(f, models.JSONField):
        return _json_adapter(f, postgres)
    if postgres:
        return None
    if isinstance(f, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(f, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(f, models.DecimalField):
        return lambda value: connection.ops.adapt_decimalfield_value(
            value, f.max_digits, f.decimal_places
        )
    return None


BYTEA_OID = 17  # bytes sent as they are
JSONB_VERSION = b"\x01"  # jsonb's binary input: a version byte, then the JSON text


def _json_adapter(f: models.JSONField, postgres: bool):
    """JSON for binary COPY as jsonb's wire format (PostgreSQL) or Django's form (SQLite);
    EncodedJSON is already JSON text."""
    if postgres:

        def dump(value):
            text = value if type(value) is EncodedJSON else json.dumps(value, cls=f.encoder)
            return JSONB_VERSION + text.encode()

        return dump

    def dump_sqlite(value):
        if type(value) is EncodedJSON:
            return str(value)
        return f.get_db_prep_save(value, connection)

    return dump_sqlite


def json_value(value: Any, plain) -> str:
    """The JSON text of one audited value (`plain` makes other types JSON-safe, as the audit
    service does); the common types without going through json.dumps."""
    kind = type(value)
    if kind is str:
        return encode_basestring_ascii(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is dt.date or kind is dt.datetime:
        return '"' + value.isoformat() + '"'
    if isinstance(value, str) and not isinstance(value, EncodedJSON):  # text choices
        return encode_basestring_ascii(value)
    return json.dumps(plain(value))


def created_changes(row: dict[str, Any], skip: frozenset[str], plain) -> EncodedJSON:
    """The audit's changes for a new record, `{field: [null, value]}` for every value it was
    written with (blank values and `skip` left out), serialised once."""
    parts = [
        f'"{name}":[null,{json_value(value, plain)}]'
        for name, value in row.items()
        if not (value is None or value == "" or name in skip)
    ]
    return EncodedJSON("{" + ",".join(parts) + "}")
