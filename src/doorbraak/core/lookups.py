"""``field__any=values``: the ``__in`` lookup for long lists.

Django writes ``IN (%s, %s, …)``, one parameter per value; psycopg then parses and converts a
query with thousands of placeholders in Python, which costs more than running it. On PostgreSQL
``__any`` sends ``= ANY(%s)`` with the whole list as one array parameter; elsewhere it is
``__in``. Used by the bulk intake of vroegsignalen, which looks up thousands of ids, postcodes
and address keys per chunk.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


@Field.register_lookup
class AnyOf(In):
    lookup_name = "any"

    def as_postgresql(self, compiler, connection):
        if not isinstance(self.rhs, list | tuple | set | frozenset):
            return self.as_sql(compiler, connection)  # a subquery: IN (SELECT …)
        lhs, params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = list(
            dict.fromkeys(
                field.get_db_prep_value(value, connection, prepared=True)
                for value in self.rhs
                if value is not None
            )
        )
        if not values:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", (*params, values)


@ForeignObject.register_lookup
class RelatedAnyOf(RelatedIn):
    """``case__any=[…]`` / ``case_id__any=[…]``: ids or objects, as with ``__in``."""

    lookup_name = "any"
    as_postgresql = AnyOf.as_postgresql
