"""Writing many rows at once: ``COPY`` and ``UPDATE … FROM (VALUES …)`` on PostgreSQL,
``bulk_create`` and ``bulk_update`` elsewhere.

``bulk_create`` renders one parameter per field per row and runs each value through the
field's ``get_db_prep_save``; for tens of thousands of rows that is most of the time. On
PostgreSQL ``copy_insert`` takes the primary keys from the table's sequence in one query and
streams the rows with ``COPY ... FROM STDIN``: several times faster, and the objects get their
primary key as with ``bulk_create``. The rows travel in COPY's binary format, each column with
the dumper of its type in the table (read from the catalogue once per table): about half the
client's work of the text format, and the server parses no text. Values go to psycopg as they
are on the object (Python ints, decimals, dates, datetimes, UUIDs, strings, bytes: what a
model's fields hold); JSON fields are converted by the field's encoder (jsonb's binary form is
a version byte and the JSON text), binary fields by the field itself.
Model ``save()`` and signals are not called, as with ``bulk_create``.

The objects need not be model instances: anything with the model's attribute names
(``Field.attname``, e.g. ``creditor_id``) will do, such as a slotted row class built in a bulk
intake. That spares creating a Django model instance per row (tens of microseconds each). On
other databases they are turned into model instances for ``bulk_create``.

``update_rows`` is the counterpart of ``bulk_update``: one ``UPDATE … FROM (VALUES …)`` per
batch, where Django writes a ``CASE WHEN`` per row and field (quadratic in the batch size).
"""

import contextlib
import gc
import json
import operator

from django.db import connection, models

from .lookups import array_literal

#: Young-generation threshold of the garbage collector during bulk work (Python's default: 700).
BULK_GC_THRESHOLD = 50_000

_SEQUENCES: dict[tuple[str, str], str] = {}
_COLUMN_TYPES: dict[str, dict[str, int]] = {}
#: Type OIDs of PostgreSQL: jsonb, json and bytea.
_JSONB, _JSON, _BYTEA = 3802, 114, 17


def _sequence(cursor, table: str, column: str) -> str:
    key = (table, column)
    if key not in _SEQUENCES:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        _SEQUENCES[key] = cursor.fetchone()[0]
    return _SEQUENCES[key]


def _column_types(cursor, table: str, columns: list[str]) -> dict[str, int]:
    """Column name → type OID of ``table``, read once per process, and again when a column is
    missing (a migration ran meanwhile)."""
    known = _COLUMN_TYPES.get(table)
    if known is None or any(column not in known for column in columns):
        cursor.execute(
            "SELECT attname, atttypid::int FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            [connection.ops.quote_name(table)],
        )
        _COLUMN_TYPES[table] = dict(cursor.fetchall())
    return _COLUMN_TYPES[table]


def _fields(model):
    return [f for f in model._meta.concrete_fields if not f.generated]


def copy_insert(model: type[models.Model], objects: list, batch_size: int = 1000) -> list:
    if not objects:
        return objects
    meta = model._meta
    pk = meta.pk
    fields = _fields(model)
    if connection.vendor != "postgresql":
        instances = [
            obj
            if isinstance(obj, model)
            else model(**{f.attname: getattr(obj, f.attname) for f in fields})
            for obj in objects
        ]
        model.objects.bulk_create(instances, batch_size=batch_size)
        for obj, instance in zip(objects, instances, strict=True):
            if obj is not instance:
                setattr(obj, pk.attname, instance.pk)
        return objects
    prepared = {f.attname for f in fields if isinstance(f, models.JSONField | models.BinaryField)}
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        missing = [obj for obj in objects if getattr(obj, pk.attname) is None]
        if missing:
            # The sequence named as a constant: pg_get_serial_sequence() inside the select
            # would be evaluated once per row (ten times slower).
            cursor.execute(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
                [_sequence(cursor, meta.db_table, pk.column), len(missing)],
            )
            for obj, (value,) in zip(missing, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, value)
        values_of = operator.attrgetter(*(f.attname for f in fields))  # a tuple, in C
        if len(fields) == 1:
            values_of = (lambda get: lambda obj: (get(obj),))(values_of)
        types = _column_types(cursor, meta.db_table, [f.column for f in fields])
        oids = [types[f.column] for f in fields]
        converters = [
            (
                index,
                _json_binary(f, oids[index]) if isinstance(f, models.JSONField) else _prepared(f),
            )
            for index, f in enumerate(fields)
            if f.attname in prepared
        ]
        # JSON columns get the bytes of their binary form, sent as they are.
        oids = [_BYTEA if oid in (_JSONB, _JSON) else oid for oid in oids]
        with cursor.cursor.copy(
            f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"  # noqa: S608
        ) as copy:
            copy.set_types(oids)
            write = copy.write_row
            for obj in objects:
                row = values_of(obj)
                if converters:
                    row = list(row)
                    for index, convert in converters:
                        row[index] = convert(row[index])
                write(row)
    for obj in objects:
        state = getattr(obj, "_state", None)
        if state is not None:
            state.adding = False
            state.db = connection.alias
    return objects


def _json_text(field):
    """JSON as the text COPY hands to PostgreSQL (what Django's adapter would send, without
    its wrapper object per value)."""
    encoder = field.encoder
    return lambda value: None if value is None else json.dumps(value, cls=encoder)


def _json_binary(field, oid: int):
    """JSON as COPY's binary format wants it: for jsonb a version byte (1) and the JSON text
    (what Django's adapter would send as text); for json the text alone."""
    text = _json_text(field)
    version = b"\x01" if oid == _JSONB else b""
    return lambda value: None if value is None else version + text(value).encode()


def _prepared(field):
    return lambda value: field.get_db_prep_save(value, connection)


def update_rows(
    model: type[models.Model], objects: list, field_names: list[str], batch_size: int = 1000
) -> int:
    """Write ``field_names`` of ``objects`` (model instances or ``row_class`` rows, with a
    primary key)."""
    if not objects:
        return 0
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    if connection.vendor != "postgresql":
        instances = [
            obj
            if isinstance(obj, model)
            else model(pk=obj.pk, **{f.attname: getattr(obj, f.attname) for f in fields})
            for obj in objects
        ]
        return model.objects.bulk_update(instances, field_names, batch_size=batch_size)
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    pk = meta.pk
    names = [quote(pk.column)] + [quote(f.column) for f in fields]
    # One array literal per column, each cast to an array of the column's type: a handful of
    # parameters instead of one per value (which psycopg converts one by one, in Python).
    arrays = ", ".join(
        f"%s::{cast}[]"
        for cast in [pk.db_type(connection)] + [f.cast_db_type(connection) for f in fields]
    )
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
    sql = (
        f"UPDATE {table} SET {assignments} FROM unnest({arrays}) "  # noqa: S608 - names quoted
        f"AS v ({', '.join(names)}) WHERE {table}.{names[0]} = v.{names[0]}"
    )
    texts = [_as_text(pk)] + [_as_text(f) for f in fields]
    getters = [pk.attname] + [f.attname for f in fields]
    updated = 0
    with connection.cursor() as cursor:
        for start in range(0, len(objects), batch_size):
            batch = objects[start : start + batch_size]
            cursor.execute(
                sql,
                [
                    array_literal([text(getattr(obj, name)) for obj in batch])
                    for text, name in zip(texts, getters, strict=True)
                ],
            )
            updated += cursor.rowcount
    return updated


def _as_text(field):
    """How a value of ``field`` is written as an element of a PostgreSQL array literal (None:
    NULL); the cast to the column's type does the rest."""
    if isinstance(field, models.JSONField):
        return _json_text(field)
    if isinstance(field, models.BinaryField):
        return lambda value: None if value is None else "\\x" + bytes(value).hex()
    if isinstance(field, models.BooleanField):
        return lambda value: None if value is None else ("t" if value else "f")
    return lambda value: None if value is None else str(value)


@contextlib.contextmanager
def fewer_collections():
    """Bulk work: let the cyclic garbage collector run a young collection per 50,000 new
    objects instead of per 700 (and the older generations correspondingly less often).

    A bulk intake makes millions of short-lived objects (rows, tuples, query results) in a
    process that also holds Django's large, long-lived object graph; with the default
    thresholds the collector ran thousands of times per delivery and the full collections
    walked that whole graph: about a tenth of the intake's time (bench_signals.py). Nothing
    is switched off: cycles are still collected, a little later. The previous thresholds
    come back afterwards (they are process-wide; nesting is fine).
    """
    previous = gc.get_threshold()
    gc.set_threshold(
        max(previous[0], BULK_GC_THRESHOLD), max(previous[1], 20), max(previous[2], 100)
    )
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def row_class(model: type[models.Model], extra: tuple = (), bases: tuple = ()) -> type:
    """A slotted class with the attribute names of ``model``'s columns, for ``copy_insert``.

    ``Row(creditor_id=3, ...)``: what is not given gets the field's default, as on a model
    instance (a callable default is called per row). ``extra`` names more attributes (not
    written); ``bases`` adds methods (e.g. a mixin). ``row.pk`` is the primary key.
    About ten times cheaper to create than a model instance.
    """
    fields = _fields(model)
    plan = tuple(
        (f.attname, f.default, True)
        if f.has_default() and callable(f.default)
        else (f.attname, f.get_default(), False)
        for f in fields
    )
    pk_name = model._meta.pk.attname
    __init__ = _row_init(plan)

    def _get_pk(self):
        return getattr(self, pk_name)

    def _set_pk(self, value):
        setattr(self, pk_name, value)

    return type(
        f"{model.__name__}Row",
        (*bases, object) if bases else (object,),
        {
            "__slots__": tuple(name for name, _d, _c in plan) + tuple(extra),
            "__init__": __init__,
            "pk": property(_get_pk, _set_pk),
            "__module__": model.__module__,
        },
    )


def _row_init(plan) -> object:
    """An ``__init__`` with one keyword parameter per column, written out as dataclasses do:
    Python binds the arguments in C, several times faster than a loop over ``setattr``."""
    namespace = {"_MISSING": object()}
    parameters, body = [], []
    for index, (name, default, call) in enumerate(plan):
        namespace[f"_default_{index}"] = default
        if call:
            parameters.append(f"{name}=_MISSING")
            body.append(f"    self.{name} = _default_{index}() if {name} is _MISSING else {name}")
        else:
            parameters.append(f"{name}=_default_{index}")
            body.append(f"    self.{name} = {name}")
    body.append("    for name, value in extra.items():")
    body.append("        setattr(self, name, value)")
    source = f"def __init__(self, *, {', '.join(parameters)}, **extra):\n" + "\n".join(body)
    exec(source, namespace)  # noqa: S102 - the source is built from field names only
    return namespace["__init__"]
