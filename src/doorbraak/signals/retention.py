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
names this retention).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from doorbraak.audit.models import Action
from doorbraak.audit.services import log_processing, subjects_of
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


def _anonymise(signals: list[Signal], now, actor) -> int:
    for signal in signals:
        # Log before clearing: the subject is the BSN's pseudonym (or the signal) as before.
        log_processing(
            actor,
            ACTIVITY,
            Action.DELETE,
            signal,
            subjects=subjects_of(signal),
            detail="bewaartermijn zonder hulp verstreken: persoonsgegevens verwijderd",
        )
    Signal.objects.filter(pk__in=[s.pk for s in signals]).update(
        anonymised_at=now, **PERSONAL_FIELDS
    )
    return len(signals)


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
    gemeenten = Organisation.objects.filter(
        type=OrganisationType.GEMEENTE, received_signals__isnull=False
    ).distinct()
    for gemeente in gemeenten:
        with transaction.atomic():
            signals = list(due_signals(gemeente, now).select_related("organisation"))
            if not signals:
                continue
            result.signals += _anonymise(signals, now, actor)
            case_ids = {s.case_id for s in signals if s.case_id}
            ContactAttempt.objects.filter(case__in=case_ids).exclude(note="").update(note="")
            done = SignalCase.objects.filter(pk__in=case_ids, anonymised_at__isnull=True).exclude(
                signals__anonymised_at__isnull=True
            )
            result.cases += done.update(anonymised_at=now)

    default_cutoff = now - datetime.timedelta(days=DEFAULT_DAYS)
    with transaction.atomic():
        unroutable = list(
            Signal.objects.filter(
                organisation__isnull=True,
                routing=RoutingStatus.UNROUTABLE,
                anonymised_at__isnull=True,
                received_at__lt=default_cutoff,
            ).select_related("creditor")
        )
        if unroutable:
            result.signals += _anonymise(unroutable, now, actor)
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
