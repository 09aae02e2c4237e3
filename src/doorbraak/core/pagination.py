"""Keyset pagination: a signed cursor on (ordering value, id), newest first.

The hundredth page costs the same as the first and nothing is counted (no ``COUNT(*)``, no
offset), which keeps lists fast at millions of rows.
"""

import base64
from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db.models import Q, QuerySet

_SALT = "doorbraak.core.keyset"


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None


def encode_cursor(moment: datetime, pk: int) -> str:
    value = signing.dumps([moment.isoformat(), pk], salt=_SALT)
    return base64.urlsafe_b64encode(value.encode()).decode()


def decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        moment, pk = signing.loads(raw, salt=_SALT)
        return datetime.fromisoformat(moment), int(pk)
    except (ValueError, TypeError, signing.BadSignature, UnicodeDecodeError):
        return None


def after(qs: QuerySet, field: str, position: tuple[datetime, int] | None) -> QuerySet:
    """Rows that come after ``position`` in the order (-field, -id)."""
    if position is None:
        return qs
    moment, pk = position
    # The redundant `field <= moment` bound becomes an index condition; the OR alone is only a
    # filter, which made every page read and discard all newer rows (bench_processing_log.py).
    return qs.filter(**{f"{field}__lte": moment}).filter(
        Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "pk__lt": pk})
    )


def keyset_page(qs: QuerySet, field: str, cursor: str | None, size: int) -> Page:
    rows = list(after(qs, field, decode_cursor(cursor)).order_by(f"-{field}", "-id")[: size + 1])
    items = rows[:size]
    next_cursor = (
        encode_cursor(getattr(items[-1], field), items[-1].pk) if len(rows) > size else None
    )
    return Page(items=items, next_cursor=next_cursor)
