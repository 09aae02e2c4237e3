"""``field__any=values``: the ``__in`` lookup for long lists.

Django writes ``IN (%s, %s, …)``, one parameter per value; psycopg (which binds parameters on
the client) then parses and converts a query with thousands of placeholders in Python, which
costs more than running it, and a list parameter is hardly better (each element goes through
psycopg's quoting in Python). On PostgreSQL ``__any`` writes the array literal itself and sends
it as ONE text parameter: ``= ANY(%s::type[])``. The planner sees the constant array, as with
``IN``. Elsewhere it is ``__in``. Used by the bulk intake of vroegsignalen, which looks up
thousands of ids, postcodes and address keys per chunk.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import CharField, Field, ForeignObject, TextField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


@Field.register_lookup
class AnyOf(In):
    lookup_name = "any"

    def get_prep_lookup(self):
        # Text for a text column needs no preparing: spares a Python call per element.
        if (
            isinstance(self.rhs, list | tuple | set | frozenset)
            and isinstance(self.lhs.output_field, CharField | TextField)
            and all(type(value) is str for value in self.rhs)
        ):
            return list(self.rhs)
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
        if not isinstance(self.rhs, list | tuple | set | frozenset):
            return self.as_sql(compiler, connection)  # a subquery: IN (SELECT …)
        lhs, params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = list(
            dict.fromkeys(
                value
                if type(value) is str or type(value) is int
                else field.get_db_prep_value(value, connection, prepared=True)
                for value in self.rhs
                if value is not None
            )
        )
        if not values:
            raise EmptyResultSet
        cast = field.cast_db_type(connection)
        return f"{lhs} = ANY(%s::{cast}[])", (*params, array_literal(values))


@ForeignObject.register_lookup
class RelatedAnyOf(RelatedIn):
    """``case__any=[…]`` / ``case_id__any=[…]``: ids or objects, as with ``__in``."""

    lookup_name = "any"
    as_postgresql = AnyOf.as_postgresql


def array_literal(values) -> str:
    """A PostgreSQL array literal of the values as text, each element quoted, None as NULL:
    ``{"a","b \\"c\\"",NULL}``."""
    return (
        "{"
        + ",".join(
            "NULL"
            if value is None
            else '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
            for value in values
        )
        + "}"
    )
