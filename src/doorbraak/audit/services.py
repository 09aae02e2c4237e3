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

from doorbraak.core.crypto import keyed_hash
from doorbraak.core.lookups import array_literal

from . import tracing
from .models import Action, ProcessingActivity, ProcessingLogEntry, Status

logger = structlog.get_logger(__name__)

#: From this many records at once (a bulk intake), PostgreSQL builds the records itself
#: (``_insert_bulk``) instead of Django model instances.
BULK_FROM = 50
#: The values that differ per record of one call; everything else is the same for all.
_PER_RECORD = ("span_id", "subject_type", "subject_pseudonym")


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
    controllers: list | None = None,
    objects: list | None = None,
    status: Status | str = Status.OK,
    detail: str = "",
) -> int:
    """Write one record per data subject (one without subject when there are none). Call it
    inside the service's transaction. Returns the number of records written.

    ``controllers``: the controller of each subject (a list as long as ``subjects``), for one
    call that covers data of several controllers (a bulk intake routes to many gemeenten);
    otherwise ``controller`` (or the object's) holds for all records. ``objects``, likewise:
    the object of each subject (model instances; their type and ``uuid`` are logged), for one
    call that covers many objects (retention anonymises thousands of signals at once);
    otherwise ``obj`` holds for all records.
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
    controller_ids = None
    if controllers is not None:
        if len(controllers) != len(subject_list):
            raise ValueError("controllers must give one controller per subject")
        controller_ids = [c.pk if c is not None else None for c in controllers]
    per_object = None
    if objects is not None:
        if len(objects) != len(subject_list):
            raise ValueError("objects must give one object per subject")
        per_object = [(o._meta.label_lower, getattr(o, "uuid", None)) for o in objects]
    if len(subject_list) >= BULK_FROM and connection.vendor == "postgresql":
        written = _insert_bulk(common, subject_list, controller_ids, per_object)
    else:
        span = tracing.new_span_id
        entries = [
            ProcessingLogEntry(
                span_id=span(),
                subject_type=subject.type,
                subject_pseudonym=subject.pseudonym,
                **common,
            )
            for subject in subject_list
        ] or [ProcessingLogEntry(span_id=span(), **common)]
        if controller_ids is not None:
            for entry, controller_id in zip(entries, controller_ids, strict=True):
                entry.controller_id = controller_id
        if per_object is not None:
            for entry, (object_type, object_uuid) in zip(entries, per_object, strict=True):
                entry.object_type, entry.object_uuid = object_type, object_uuid
        with transaction.atomic():
            written = len(ProcessingLogEntry.objects.bulk_create(entries))
    logger.info(
        "processing_logged",
        activity=activity,
        action=str(action),
        records=written,
        trace_id=context.trace_id,
    )
    return written


def _insert_bulk(
    common: dict,
    subjects: list[Subject],
    controller_ids: list | None,
    per_object: list[tuple] | None = None,
) -> int:
    """PostgreSQL: the records of one call in ONE ``INSERT … SELECT … FROM unnest(…)``.

    What all records share (who, why, when, the activity's purpose and legal basis: most of a
    record's bytes) is sent once; per record only its span id and subject (and controller
    and object, when given per record), as array literals. PostgreSQL builds the rows, in the
    order of ``subjects``. For the records of a bulk intake (tens of thousands per delivery) this
    spares a Python object and a COPY line of twenty columns per record.
    """
    meta = ProcessingLogEntry._meta
    quote = connection.ops.quote_name
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    per_record = _PER_RECORD + (("controller_id",) if controller_ids is not None else ())
    per_record += ("object_type", "object_uuid") if per_object is not None else ()
    values, params = [], []
    for f in fields:
        if f.attname in per_record:
            values.append(f"s.{f.attname}")
        else:
            values.append(f"%s::{f.cast_db_type(connection)}")
            params.append(f.get_db_prep_save(common[f.attname], connection))
    arrays = {
        "span_id": ("text", tracing.new_span_ids(len(subjects))),
        "subject_type": ("text", [s.type for s in subjects]),
        "subject_pseudonym": ("text", [s.pseudonym for s in subjects]),
        "controller_id": ("bigint", controller_ids),
        "object_type": ("text", per_object and [t for t, _u in per_object]),
        "object_uuid": ("uuid", per_object and [u for _t, u in per_object]),
    }
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
        f"SELECT {', '.join(values)} "
        f"FROM unnest({', '.join(f'%s::{arrays[name][0]}[]' for name in per_record)}) "
        f"WITH ORDINALITY AS s({', '.join(per_record)}, n) ORDER BY s.n"
    )
    params += [array_literal(arrays[name][1]) for name in per_record]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
