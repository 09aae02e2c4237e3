"""Writing the processing log: one line in a service records who processed whose data, why.

    log_processing(actor, "huishouden-inzien", Action.READ, household)

An object tells whose data it holds through ``processing_subjects()`` (a list of
(subject type, stable id) pairs) and who is responsible through ``controller`` (an
organisation). Objects without them are logged as themselves.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

import structlog

from doorbraak.core.bulk import copy_insert, row_class
from doorbraak.core.crypto import keyed_hash

from . import tracing
from .models import Action, ProcessingActivity, ProcessingLogEntry, Status

logger = structlog.get_logger(__name__)

#: From this many records at once (a bulk intake), the log is written with COPY on PostgreSQL,
#: from light rows (``core.bulk.row_class``) instead of model instances.
COPY_FROM = 50
_EntryRow = row_class(ProcessingLogEntry)


class UnknownActivity(LookupError):
    """The code names no active processing activity: register it before processing."""


@dataclass(frozen=True)
class Subject:
    type: str
    id: str

    @property
    def pseudonym(self) -> str:
        return keyed_hash(f"subject:{self.type}", self.id)


def subjects_of(obj) -> list[Subject]:
    if obj is None:
        return []
    if hasattr(obj, "processing_subjects"):
        return [Subject(type=t, id=str(i)) for t, i in obj.processing_subjects()]
    identifier = getattr(obj, "uuid", None) or getattr(obj, "pk", None)
    return [Subject(type=obj._meta.model_name, id=str(identifier))]


def _activity(code: str) -> ProcessingActivity:
    try:
        return ProcessingActivity.objects.get(code=code, active=True)
    except ProcessingActivity.DoesNotExist as exc:
        raise UnknownActivity(code) from exc


def log_processing(
    actor,
    activity: str,
    action: Action | str,
    obj=None,
    *,
    subjects: Iterable[Subject] | None = None,
    controller=None,
    status: Status | str = Status.OK,
    detail: str = "",
) -> list[ProcessingLogEntry]:
    """Write one record per data subject. Call it inside the service's transaction.

    Returns the records: model instances, or from ``COPY_FROM`` records on PostgreSQL light
    rows with the same attributes (``pk``, ``subject_pseudonym``, …).
    """
    registered = _activity(activity)
    context = tracing.current()
    subject_list = list(subjects) if subjects is not None else subjects_of(obj)
    if controller is None and obj is not None:
        controller = getattr(obj, "controller", None) or getattr(obj, "organisation", None)
    common = {
        "occurred_at": timezone.now(),
        "trace_id": context.trace_id,
        "parent_span_id": context.span_id,
        "activity_id": registered.pk,
        "action": action,
        "status": status,
        "purpose": registered.purpose,
        "legal_basis": registered.legal_basis,
        "actor_user_uuid": actor.user.uuid if actor.user is not None else None,
        "actor_label": actor.label,
        "actor_organisation_id": actor.organisation.pk if actor.organisation else None,
        "actor_role": actor.role or "",
        "api_client_uuid": actor.client.uuid if actor.client is not None else None,
        "controller_id": controller.pk if controller is not None else None,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_uuid": getattr(obj, "uuid", None) if obj is not None else None,
        "detail": detail[:300],
    }
    bulk = len(subject_list) >= COPY_FROM and connection.vendor == "postgresql"
    entry = _EntryRow if bulk else ProcessingLogEntry
    span = tracing.new_span_id
    entries = [
        entry(
            span_id=span(),
            subject_type=subject.type,
            subject_pseudonym=subject.pseudonym,
            **common,
        )
        for subject in subject_list
    ] or [entry(span_id=span(), **common)]
    with transaction.atomic():
        created = (
            copy_insert(ProcessingLogEntry, entries)
            if bulk
            else ProcessingLogEntry.objects.bulk_create(entries)
        )
    logger.info(
        "processing_logged",
        activity=activity,
        action=str(action),
        records=len(created),
        trace_id=context.trace_id,
    )
    return created
