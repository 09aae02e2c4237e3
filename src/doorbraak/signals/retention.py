"""Retention: personal data of signals that led to no help are removed after a period.

Per gemeente ``SignalSettings.retention_days_no_help`` (default 90 days) after:

- the case was closed without help (its ``resultaat`` is not one of ``HELP_OUTCOMES`` and it
  has no household file): all signals of the case;
- the signal was received, for a signal that never became part of a case.

Signals nobody could route (no gemeente) use the platform default (90 days) after receipt, and
so do rejected rows (deleted: they are the creditor's rows, not a gemeente's) and the payload of
deliveries that is still there.

Removed: BSN (encrypted value and look-up hash), initials, prefix, surname, date of birth and
year of birth (no statistic of the platform needs an age: the monitor counts per month, type,
wijk and outcome), street, postcode, house number, town, phone and e-mail; the notes of the
case's contact attempts. Kept, anonymous: creditor, type, amount, dates, status, gemeente, wijk,
the address key (a keyed hash, needed to recognise a repeated signal at the same address), the
case with its outcome and its contact attempts (kind, date, part of day, reached). The monitor's
counts are the same before and after.

Each anonymised signal gets one processing-log record (``Action.DELETE``, activity
``vroegsignaal-ontvangen`` — the activity the data was collected for, whose register entry
names this retention), naming the signal as its object.

Signals are anonymised in batches of ``BATCH``, each batch one transaction (its log records,
the cleared fields, the notes and the cases it completes): memory and lock time stay bounded
however many signals are due, and a run that stops half-way leaves whole batches done and the
rest for the next run. A batch reads only the columns the log needs, walks the due signals in
primary-key order (each batch continues after the last) and logs and updates with one
statement each (see bench/bench_retention.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing
from doorbraak.core.models import Organisation, OrganisationType

from .codes import HELP_OUTCOMES
from .models import (
    CaseStatus,
    ContactAttempt,
    Delivery,
    DeliveryStatus,
    RejectedRow,
    RoutingStatus,
    Signal,
    SignalCase,
    SignalSettings,
)

ACTIVITY = "vroegsignaal-ontvangen"
#: Signals anonymised per transaction.
BATCH = 5000
DEFAULT_DAYS = SignalSettings._meta.get_field("retention_days_no_help").default

PERSONAL_FIELDS = {
    "bsn_encrypted": "",
    "bsn_hash": "",
    "voorletters": "",
    "voorvoegsel": "",
    "achternaam": "",
    "geboortedatum": None,
    "birth_year": None,
    "straatnaam": "",
    "postcode": "",
    "huisnummer": "",
    "huisnummertoevoeging": "",
    "plaatsnaam": "",
    "telefoon": "",
    "email": "",
}


@dataclass(frozen=True)
class SystemActor:
    """The platform itself, for the processing log of a scheduled task."""

    label: str = "systeem: bewaartermijn vroegsignalering"
    user: None = None
    client: None = None
    organisation: None = None
    role: str = ""


@dataclass
class PurgeResult:
    signals: int = 0
    cases: int = 0
    rejected_rows: int = 0
    payloads: int = 0


def retention_days(gemeente: Organisation) -> int:
    found = SignalSettings.objects.filter(organisation=gemeente).first()
    return found.retention_days_no_help if found else DEFAULT_DAYS


_READ = ("pk", "uuid", "bsn_hash", "case_id", "creditor_id", "organisation_id")


def _anonymise(due, now, actor, controllers: dict) -> tuple[int, int]:
    """Anonymise the signals of the queryset ``due`` batch by batch; returns (signals, cases
    completed). ``controllers``: organisation pk → Organisation, filled as needed."""
    signals = cases = 0
    last = 0
    while True:
        with transaction.atomic():
            batch = [
                Signal(**dict(zip(_READ, values, strict=True)))
                for values in due.filter(pk__gt=last).order_by("pk").values_list(*_READ)[:BATCH]
            ]
            if not batch:
                return signals, cases
            last = batch[-1].pk
            wanted = {s.organisation_id or s.creditor_id for s in batch} - set(controllers)
            controllers.update(Organisation.objects.in_bulk(wanted))
            subjects, owners, objects = [], [], []
            for signal in batch:
                # Logged before clearing: the subject is the BSN's pseudonym (or the signal),
                # as in the records of its intake.
                for kind, identifier in signal.processing_subjects():
                    subjects.append(Subject(kind, str(identifier)))
                    owners.append(controllers[signal.organisation_id or signal.creditor_id])
                    objects.append(signal)
            log_processing(
                actor,
                ACTIVITY,
                Action.DELETE,
                subjects=subjects,
                controllers=owners,
                objects=objects,
                detail="bewaartermijn zonder hulp verstreken: persoonsgegevens verwijderd",
            )
            Signal.objects.filter(pk__any=[s.pk for s in batch]).update(
                anonymised_at=now, **PERSONAL_FIELDS
            )
            case_ids = sorted({s.case_id for s in batch if s.case_id})
            ContactAttempt.objects.filter(case_id__any=case_ids).exclude(note="").update(note="")
            cases += (
                SignalCase.objects.filter(pk__any=case_ids, anonymised_at__isnull=True)
                .exclude(signals__anonymised_at__isnull=True)
                .update(anonymised_at=now)
            )
            signals += len(batch)


def due_signals(gemeente: Organisation, now: datetime.datetime):
    """Signals of ``gemeente`` whose personal data are due for removal at ``now``."""
    cutoff = now - datetime.timedelta(days=retention_days(gemeente))
    closed = (
        SignalCase.objects.filter(
            organisation=gemeente,
            status=CaseStatus.CLOSED,
            closed_at__lt=cutoff,
            household__isnull=True,
        )
        .exclude(resultaat__in=HELP_OUTCOMES)
        .values("pk")
    )
    live = Signal.objects.filter(organisation=gemeente, anonymised_at__isnull=True)
    return live.filter(case__in=closed) | live.filter(case__isnull=True, received_at__lt=cutoff)


def purge(now: datetime.datetime | None = None) -> PurgeResult:
    now = now or timezone.now()
    actor = SystemActor()
    result = PurgeResult()
    controllers: dict = {}
    gemeenten = Organisation.objects.filter(
        type=OrganisationType.GEMEENTE, received_signals__isnull=False
    ).distinct()
    for gemeente in gemeenten:
        controllers[gemeente.pk] = gemeente
        signals, cases = _anonymise(due_signals(gemeente, now), now, actor, controllers)
        result.signals += signals
        result.cases += cases

    default_cutoff = now - datetime.timedelta(days=DEFAULT_DAYS)
    unroutable = Signal.objects.filter(
        organisation__isnull=True,
        routing=RoutingStatus.UNROUTABLE,
        anonymised_at__isnull=True,
        received_at__lt=default_cutoff,
    )
    result.signals += _anonymise(unroutable, now, actor, controllers)[0]
    with transaction.atomic():
        result.rejected_rows, _per_model = RejectedRow.objects.filter(
            delivery__received_at__lt=default_cutoff
        ).delete()
        result.payloads = (
            Delivery.objects.filter(
                received_at__lt=default_cutoff,
                status__in=[DeliveryStatus.PROCESSED, DeliveryStatus.FAILED],
            )
            .exclude(payload=b"")
            .update(payload=b"")
        )
    return result
