"""Reading the processing log, scoped to what the actor may see, with keyset pagination.

A privacy officer sees the records of their own organisation: what its people did, and what
anyone did with data it is responsible for. Pages are cut with a keyset on (time, id), so the
hundredth page costs the same as the first and nothing is ever counted.
"""

import heapq
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from doorbraak.core.pagination import after, decode_cursor, encode_cursor

from .models import ProcessingActivity, ProcessingLogEntry


@dataclass(frozen=True)
class LogFilters:
    subject: str = ""
    object_uuid: str = ""
    user_uuid: str = ""
    organisation_id: int | None = None
    activity_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Page:
    entries: list[ProcessingLogEntry]
    next_cursor: str | None


def _apply_filters(qs: QuerySet, filters: LogFilters) -> QuerySet:
    if filters.subject:
        qs = qs.filter(subject_pseudonym=filters.subject)
    if filters.object_uuid:
        qs = qs.filter(object_uuid=filters.object_uuid)
    if filters.user_uuid:
        qs = qs.filter(actor_user_uuid=filters.user_uuid)
    if filters.organisation_id:
        qs = qs.filter(
            Q(actor_organisation_id=filters.organisation_id)
            | Q(controller_id=filters.organisation_id)
        )
    if filters.activity_id:
        qs = qs.filter(activity_id=filters.activity_id)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=datetime.combine(filters.date_from, time.min, tzinfo=tz))
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=tz)
        qs = qs.filter(occurred_at__lt=end)
    return qs


def _scopes(actor) -> list[QuerySet]:
    """One queryset per way an entry can belong to the actor's organisation.

    Kept apart rather than OR-ed, so each uses its own index and stays fast at millions of rows.
    """
    organisation = actor.organisation
    if organisation is None:
        return []
    base = ProcessingLogEntry.objects.select_related("activity", "actor_organisation", "controller")
    return [
        base.filter(actor_organisation=organisation),
        base.filter(controller=organisation).exclude(actor_organisation=organisation),
    ]


def log_page(actor, filters: LogFilters, cursor: str | None = None, size: int = 100) -> Page:
    position = decode_cursor(cursor)
    streams = [
        list(
            after(_apply_filters(qs, filters), "occurred_at", position).order_by(
                "-occurred_at", "-id"
            )[: size + 1]
        )
        for qs in _scopes(actor)
    ]
    key = lambda entry: (entry.occurred_at, entry.pk)  # noqa: E731
    merged = list(heapq.merge(*streams, key=key, reverse=True))[: size + 1]
    entries = merged[:size]
    next_cursor = (
        encode_cursor(entries[-1].occurred_at, entries[-1].pk) if len(merged) > size else None
    )
    return Page(entries=entries, next_cursor=next_cursor)


def iter_log(actor, filters: LogFilters, chunk: int = 2000):
    """Every entry that matches, newest first, in chunks (for the CSV export)."""
    cursor = None
    while True:
        page = log_page(actor, filters, cursor=cursor, size=chunk)
        yield from page.entries
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def activities_for(actor) -> QuerySet:
    return ProcessingActivity.objects.all()
