"""Changes in the vroegsignalering work: contact attempts, the offer of help, opening a
household file, closing a case with its DDAS outcome, settings and the CJIB noodstop.

Each service writes its change and its processing-log entry in one transaction. The creditor
learns only ``Signal.feedback`` (opgepakt / niet opgepakt), never the reason or the outcome.

Decisions (see docs/vroegsignalering.md):

* ``datum_opgepakt`` is the date of the first contact attempt; from then on the creditor's
  signals read "opgepakt".
* "Aanbod aanvaard" opens the household file and closes the case at once with an outcome from
  the help outcomes (default "Vervolghulp en/of verwijzing financieel"): the follow-up lives in
  the household file.
* Closing with a not-taken-up outcome sets each signal's DDAS status to that outcome (the
  values are the same) and the feedback to "niet opgepakt"; any other outcome means the case
  was taken up.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing

from . import noodstop as noodstop_rule
from .codes import HELP_OUTCOMES, NOT_TAKEN_UP_OUTCOMES, Eindresultaat
from .models import (
    CaseStatus,
    CheckRule,
    ContactAttempt,
    Feedback,
    Noodstop,
    SignalCase,
    SignalSettings,
)

ACTIVITY = "vroegsignalering-uitvoeren"
NOODSTOP = "cjib-noodstop"
DOSSIER = "huishoudensdossier"
DEFAULT_ACCEPTED_OUTCOME = Eindresultaat.VERVOLGHULP_FINANCIEEL


class NotAllowed(Exception):
    """The operation is refused; the message (Dutch) says why."""


def _subjects(case: SignalCase, signals=None) -> list[Subject]:
    signals = signals if signals is not None else list(case.signals.all())
    subjects = [Subject("vroegsignaalzaak", str(case.uuid))]
    for signal in signals:
        subjects += [Subject(t, str(i)) for t, i in signal.processing_subjects()]
    return subjects


def _require_open(case: SignalCase) -> None:
    if not case.is_open:
        raise NotAllowed("Deze zaak is gesloten; er kan niets meer aan worden veranderd.")


def queue_read(*, actor, cases) -> None:
    if cases:
        log_processing(
            actor,
            ACTIVITY,
            Action.READ,
            subjects=[Subject("vroegsignaalzaak", str(c.uuid)) for c in cases],
            controller=actor.organisation,
            detail="werkvoorraad",
        )


def case_read(*, actor, case: SignalCase, signals) -> None:
    log_processing(actor, ACTIVITY, Action.READ, case, subjects=_subjects(case, signals))


def _taken_up(case: SignalCase, on: datetime.date) -> None:
    if case.datum_opgepakt is None:
        case.datum_opgepakt = on
    case.signals.filter(feedback=Feedback.PENDING).update(feedback=Feedback.OPGEPAKT)


@transaction.atomic
def toewijzen(*, actor, case: SignalCase) -> SignalCase:
    _require_open(case)
    case.assigned_to = actor.user
    case.save(update_fields=["assigned_to"])
    log_processing(actor, ACTIVITY, Action.UPDATE, case, detail="toegewezen")
    return case


@transaction.atomic
def contactpoging_vastleggen(*, actor, case: SignalCase, data: dict) -> ContactAttempt:
    """A DDAS contactpoging; the first one marks the case as picked up."""
    _require_open(case)
    attempt = ContactAttempt.objects.create(case=case, created_by=actor.user, **data)
    _taken_up(case, attempt.datum)
    case.save(update_fields=["datum_opgepakt"])
    log_processing(
        actor,
        ACTIVITY,
        Action.CREATE,
        case,
        subjects=_subjects(case),
        detail=f"contactpoging {attempt.soort}, {'bereikt' if attempt.bereikt else 'niet bereikt'}",
    )
    return attempt


@transaction.atomic
def aanbod_gedaan(*, actor, case: SignalCase, on: datetime.date) -> SignalCase:
    _require_open(case)
    case.offer_made_on = on
    _taken_up(case, on)
    case.save(update_fields=["offer_made_on", "datum_opgepakt"])
    log_processing(actor, ACTIVITY, Action.UPDATE, case, detail="aanbod gedaan")
    return case


def _postcode(value: str) -> str:
    value = (value or "").replace(" ", "").upper()
    return f"{value[:4]} {value[4:]}" if len(value) == 6 else ""


def _number(value: str):
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    return int(digits) if digits and int(digits) <= 99999 else None


@transaction.atomic
def aanbod_aanvaard(
    *,
    actor,
    case: SignalCase,
    team,
    applicant: dict,
    take_bsn: bool,
    outcome: str = DEFAULT_ACCEPTED_OUTCOME,
    on: datetime.date | None = None,
):
    """The resident accepts help: a household file in the chosen team, with the case's
    signals attached; the case closes with a help outcome."""
    from doorbraak.households.models import Household, MemberRole, Person

    _require_open(case)
    if team.organisation_id != case.organisation_id:
        raise NotAllowed("Kies een team van de eigen gemeente.")
    if outcome not in HELP_OUTCOMES:
        raise NotAllowed("Kies bij een aanvaard aanbod een uitkomst waarin hulp is gegeven.")
    on = on or timezone.localdate()
    signals = list(case.signals.order_by("-signaaldatum", "-id"))
    source = next((s for s in signals if s.postcode), signals[0] if signals else None)
    household = Household.objects.create(
        organisation=case.organisation,
        team=team,
        created_by=actor.user,
        last_contact_on=on,
        straat=source.straatnaam if source else "",
        huisnummer=_number(source.huisnummer) if source else None,
        toevoeging=source.huisnummertoevoeging if source else "",
        postcode=_postcode(source.postcode) if source else "",
        plaats=source.plaatsnaam if source else "",
        wijk_code=case.wijk_code,
    )
    person = Person(household=household, role=MemberRole.AANVRAGER, **applicant)
    bsn = next((s.bsn for s in signals if s.bsn_encrypted), "") if take_bsn else ""
    person.set_bsn(bsn)
    person.save()
    log_processing(actor, DOSSIER, Action.CREATE, household, detail="uit vroegsignalering")
    log_processing(actor, DOSSIER, Action.CREATE, person, detail="uit vroegsignalering")

    case.household = household
    case.team = team
    case.offer_made_on = case.offer_made_on or on
    case.offer_accepted_on = on
    _close(case, outcome, on)
    case.save()
    log_processing(
        actor,
        ACTIVITY,
        Action.UPDATE,
        case,
        subjects=_subjects(case, signals),
        detail=f"aanbod aanvaard; dossier {household.reference}",
    )
    return household


def _close(case: SignalCase, outcome: str, on: datetime.date) -> None:
    case.status = CaseStatus.CLOSED
    case.resultaat = outcome
    case.closed_at = timezone.now()
    if outcome in NOT_TAKEN_UP_OUTCOMES:
        case.signals.update(status=outcome, feedback=Feedback.NIET_OPGEPAKT)
    else:
        _taken_up(case, on)


@transaction.atomic
def afsluiten(*, actor, case: SignalCase, outcome: str) -> SignalCase:
    _require_open(case)
    if outcome not in Eindresultaat.values:
        raise NotAllowed("Kies een uitkomst uit de lijst.")
    _close(case, outcome, timezone.localdate())
    case.save()
    log_processing(
        actor,
        ACTIVITY,
        Action.UPDATE,
        case,
        subjects=_subjects(case),
        detail=f"gesloten: {outcome}",
    )
    return case


# --- settings -----------------------------------------------------------------------------


@transaction.atomic
def instellingen_opslaan(*, actor, values: dict, checks: dict) -> SignalSettings:
    """``values``: SignalSettings fields; ``checks``: code → (active, parameters)."""
    settings, _created = SignalSettings.objects.get_or_create(organisation=actor.organisation)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.updated_at = timezone.now()
    settings.updated_by = actor.user
    settings.full_clean()
    settings.save()
    for code, (active, parameters) in checks.items():
        CheckRule.objects.update_or_create(
            code=code,
            organisation=actor.organisation,
            defaults={"active": active, "parameters": parameters},
        )
    log_processing(
        actor,
        ACTIVITY,
        Action.UPDATE,
        settings,
        controller=actor.organisation,
        detail="instellingen vroegsignalering",
    )
    return settings


# --- CJIB noodstop ------------------------------------------------------------------------


@transaction.atomic
def noodstop_vastleggen(
    *,
    actor,
    household,
    requested_on: datetime.date,
    reference: str,
    debt_help_started_on: datetime.date | None = None,
    note: str = "",
) -> Noodstop:
    noodstop = Noodstop.objects.create(
        household=household,
        requested_on=requested_on,
        reference=reference,
        debt_help_started_on=debt_help_started_on,
        ends_on=noodstop_rule.noodstop_end(requested_on, debt_help_started_on),
        note=note,
        created_by=actor.user,
    )
    log_processing(actor, NOODSTOP, Action.CREATE, noodstop, detail="noodstop aangevraagd")
    return noodstop


@transaction.atomic
def noodstop_bijwerken(
    *,
    actor,
    noodstop: Noodstop,
    debt_help_started_on: datetime.date | None,
    ended_on: datetime.date | None,
) -> Noodstop:
    noodstop.debt_help_started_on = debt_help_started_on
    noodstop.ended_on = ended_on
    noodstop.ends_on = noodstop_rule.noodstop_end(noodstop.requested_on, debt_help_started_on)
    noodstop.save(update_fields=["debt_help_started_on", "ended_on", "ends_on"])
    log_processing(actor, NOODSTOP, Action.UPDATE, noodstop, detail="noodstop bijgewerkt")
    return noodstop
