"""Operations on the escalation route. Each writes its change, the case's timeline and the
processing-log entry together, in one transaction."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

import structlog

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing

from . import workflow
from .models import (
    DecisionStatus,
    EventKind,
    Knelpunt,
    KnelpuntStatus,
    LetDecision,
    LetSession,
    LoketAttachment,
    LoketCase,
    LoketEvent,
    LoketStatus,
    Milestone,
    Overbrugging,
    ServiceLevel,
)
from .selectors import working_days_for
from .worktime import add_working_days

logger = structlog.get_logger(__name__)

LOKET = "maatwerkloket"
LET = "let-casus"
OVERBRUGGING = "overbrugging"
KNELPUNTEN = "knelpunten"

#: ``followup.Notification.kind`` for an outcome reported back (see README: the lead adds it
#: to ``NotificationKind``).
NOTIFICATION_KIND = "loket_uitkomst"


class NotAllowed(Exception):
    pass


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    data: bytes


def _event(case, actor, kind, text="", from_status="", to_status="") -> LoketEvent:
    return LoketEvent.objects.create(
        case=case,
        by=actor.user,
        by_organisation=actor.organisation,
        kind=kind,
        text=text,
        from_status=from_status,
        to_status=to_status,
    )


def _notify(case: LoketCase, text: str) -> None:
    """Tell the professional who submitted the case; nothing personal beyond the reference."""
    if case.submitted_by_id is None:
        return
    from doorbraak.followup.models import Notification

    Notification.objects.get_or_create(
        user_id=case.submitted_by_id,
        dedupe_key=f"loket:{case.uuid}:{case.status}:{timezone.now():%Y%m%d%H%M%S%f}"[:150],
        defaults={
            "kind": NOTIFICATION_KIND,
            "text": text[:300],
            "url": f"/loket/{case.uuid}/",
        },
    )


def log_cases_read(actor, cases, detail: str) -> None:
    """A list of cases is a read of each case's subject (one log call, one row per subject)."""
    if not cases:
        return
    subjects = []
    for case in cases:
        subjects.extend(Subject(type=t, id=str(i)) for t, i in case.processing_subjects())
    log_processing(
        actor, LOKET, Action.READ, subjects=subjects, controller=actor.organisation, detail=detail
    )


def case_read(actor, case: LoketCase, detail: str = "") -> None:
    log_processing(actor, LOKET, Action.READ, case, detail=detail)


# --- Submitting ------------------------------------------------------------------------------


@transaction.atomic
def loket_verzoek_indienen(
    *, actor, plan, data: dict, organisations=(), uploads: list[Upload] = ()
) -> LoketCase:
    """A professional of the household's team asks the Landelijk Maatwerkloket for help.

    The entry test (tried locally, regionally, who, why it failed) is checked by the form or
    serializer; the service refuses a case without it too, so no path skips it.
    """
    for field in ("tried_locally", "tried_regionally", "who_involved", "why_failed", "question"):
        if not (data.get(field) or "").strip():
            raise NotAllowed(f"De instaptoets is niet volledig: {field} ontbreekt.")
    if (data.get("identifying_details") or "").strip() and not (
        data.get("identifying_legal_basis") or ""
    ).strip():
        raise NotAllowed("Identificerende gegevens alleen met een grondslag.")
    household = plan.household
    submitted = timezone.now()
    day = timezone.localdate(submitted)
    case = LoketCase.objects.create(
        plan=plan,
        team=household.team,
        submitted_by=actor.user,
        submitted_at=submitted,
        household_reference=household.reference,
        household_uuid=household.uuid,
        gemeente=household.organisation,
        first_response_due=add_working_days(day, working_days_for(Milestone.EERSTE_REACTIE)),
        decision_due=add_working_days(day, working_days_for(Milestone.BESLUIT)),
        **{
            key: data.get(key, "")
            for key in (
                "laws",
                "other_organisations",
                "identifying_details",
                "identifying_legal_basis",
                "tried_locally",
                "tried_regionally",
                "who_involved",
                "why_failed",
                "question",
            )
        },
        life_domains=list(data.get("life_domains") or []),
    )
    if organisations:
        case.organisations.set(organisations)
    _event(case, actor, EventKind.STATUS, to_status=LoketStatus.INGEDIEND)
    for upload in uploads:
        _store_upload(case, actor, upload)
    log_processing(actor, LOKET, Action.CREATE, case, detail=f"{len(uploads)} bijlagen")
    return case


def _store_upload(case, actor, upload: Upload) -> LoketAttachment:
    attachment = LoketAttachment.objects.create(
        case=case,
        name=upload.name[:200],
        content_type=upload.content_type,
        size=len(upload.data),
        data=upload.data,
        uploaded_by=actor.user,
    )
    _event(case, actor, EventKind.ATTACHMENT, text=attachment.name)
    return attachment


@transaction.atomic
def bijlage_toevoegen(*, actor, case: LoketCase, upload: Upload) -> LoketAttachment:
    if case.status == LoketStatus.AFGEROND:
        raise NotAllowed("De zaak is afgerond.")
    attachment = _store_upload(case, actor, upload)
    log_processing(actor, LOKET, Action.UPDATE, case, detail="bijlage toegevoegd")
    return attachment


def bijlage_inzien(*, actor, attachment: LoketAttachment) -> None:
    log_processing(actor, LOKET, Action.READ, attachment.case, detail="bijlage")


# --- Triage ----------------------------------------------------------------------------------

NOTE = "notitie"


@transaction.atomic
def triageren(
    *, actor, case: LoketCase, action: str, text: str = "", ministry=None, session=None
) -> LoketCase:
    """Loket staff take a case in hand, route it, close it, or add a note to the timeline."""
    case = LoketCase.objects.select_for_update().get(pk=case.pk)
    now = timezone.now()
    if case.first_response_at is None:
        case.first_response_at = now
    if case.handler_id is None:
        case.handler = actor.user
    if action == NOTE:
        if not text.strip():
            raise NotAllowed("Een notitie heeft tekst nodig.")
        case.save()
        _event(case, actor, EventKind.NOTE, text=text)
        log_processing(actor, LOKET, Action.UPDATE, case, detail="notitie")
        return case
    if not workflow.can_move(case.status, action):
        raise NotAllowed(f"Van {case.status} naar {action} kan niet.")
    if action == workflow.ADVIES_GEGEVEN:
        if not text.strip():
            raise NotAllowed("Schrijf het advies voor de professional.")
        case.advice = text
    if action == workflow.BELEIDSVRAAG:
        if ministry is None or not text.strip():
            raise NotAllowed("Een beleidsvraag heeft een ministerie en een vraag nodig.")
        case.routed_to = ministry
    if action == workflow.AFGEROND:
        if not text.strip():
            raise NotAllowed("Schrijf de uitkomst voor de professional.")
        case.outcome = text
        case.closed_at = now
    if action in workflow.DECIDED and case.decided_at is None:
        case.decided_at = now
    previous = case.status
    case.status = action
    case.save()
    _event(case, actor, EventKind.STATUS, text=text, from_status=previous, to_status=action)
    if action == workflow.BIJ_LET and session is not None:
        session.cases.add(case)
        _event(case, actor, EventKind.LET, text=f"Geagendeerd voor LET {session.held_on:%d-%m-%Y}")
    if action in workflow.REPORTED_BACK:
        _notify(
            case,
            f"Maatwerkloket {case.household_reference}: {LoketStatus(action).label}",
        )
    log_processing(actor, LOKET, Action.UPDATE, case, detail=f"{previous} -> {action}")
    return case


# --- Knelpunt from a case --------------------------------------------------------------------


@transaction.atomic
def knelpunt_uit_zaak(*, actor, case: LoketCase, data: dict) -> Knelpunt:
    knelpunt = Knelpunt.objects.create(
        loket_case=case,
        organisation=actor.organisation,
        recorded_by=actor.user,
        **data,
    )
    _event(case, actor, EventKind.KNELPUNT, text=f"{knelpunt.law} {knelpunt.article}".strip())
    log_processing(actor, KNELPUNTEN, Action.CREATE, case, detail="knelpunt uit loketzaak")
    return knelpunt


@transaction.atomic
def knelpunt_status(*, actor, knelpunt: Knelpunt, status: str, kind: str) -> Knelpunt:
    if status not in KnelpuntStatus.values:
        raise NotAllowed("Onbekende status.")
    previous = knelpunt.status
    knelpunt.status = status
    if kind:
        knelpunt.kind = kind
    knelpunt.save(update_fields=["status", "kind"])
    log_processing(
        actor,
        KNELPUNTEN,
        Action.UPDATE,
        knelpunt,
        controller=actor.organisation,
        detail=f"{previous} -> {status}",
    )
    return knelpunt


def knelpunten_inzien(*, actor, detail: str, action=Action.READ) -> None:
    log_processing(actor, KNELPUNTEN, action, controller=actor.organisation, detail=detail)


# --- LET -------------------------------------------------------------------------------------


@transaction.atomic
def let_sessie_plannen(*, actor, held_on: date, participants, representatives: str, notes: str):
    session = LetSession.objects.create(
        held_on=held_on, representatives=representatives, notes=notes, created_by=actor.user
    )
    session.participants.set(participants)
    log_processing(
        actor, LET, Action.CREATE, session, controller=actor.organisation, detail="sessie"
    )
    return session


def let_sessie_inzien(*, actor, session: LetSession, cases) -> None:
    subjects = []
    for case in cases:
        subjects.extend(Subject(type=t, id=str(i)) for t, i in case.processing_subjects())
    log_processing(
        actor,
        LET,
        Action.READ,
        session,
        subjects=subjects or None,
        controller=actor.organisation,
        detail="sessie",
    )


@transaction.atomic
def agenderen(*, actor, session: LetSession, case: LoketCase) -> None:
    if case.status != LoketStatus.BIJ_LET:
        raise NotAllowed("Alleen zaken die bij het LET liggen kunnen op de agenda.")
    session.cases.add(case)
    _event(case, actor, EventKind.LET, text=f"Geagendeerd voor LET {session.held_on:%d-%m-%Y}")
    log_processing(actor, LET, Action.UPDATE, case, detail="geagendeerd")


@transaction.atomic
def let_besluit_vastleggen(
    *, actor, session: LetSession, case: LoketCase, what: str, responsible, deadline: date
) -> LetDecision:
    if not session.cases.filter(pk=case.pk).exists():
        raise NotAllowed("De zaak staat niet op de agenda van deze sessie.")
    decision = LetDecision.objects.create(
        session=session,
        case=case,
        what=what,
        responsible_organisation=responsible,
        deadline=deadline,
        recorded_by=actor.user,
    )
    _event(
        case,
        actor,
        EventKind.LET,
        text=f"LET-besluit: {what} — {responsible}, uiterlijk {deadline:%d-%m-%Y}",
    )
    _notify(case, f"Maatwerkloket {case.household_reference}: LET-besluit vastgelegd")
    log_processing(actor, LET, Action.CREATE, decision, detail="besluit")
    return decision


@transaction.atomic
def let_besluit_opvolgen(
    *, actor, decision: LetDecision, status: str, done_on: date | None, note: str
) -> LetDecision:
    if status == DecisionStatus.AFGEROND:
        if done_on is None:
            raise NotAllowed("Vul de datum in waarop het besluit is uitgevoerd.")
        decision.done_on = done_on
    else:
        decision.done_on = None
    decision.status = status
    decision.done_note = note
    decision.save(update_fields=["status", "done_on", "done_note"])
    label = "uitgevoerd" if status == DecisionStatus.AFGEROND else "heropend"
    _event(decision.case, actor, EventKind.LET, text=f"LET-besluit {label}: {decision.what[:120]}")
    log_processing(actor, LET, Action.UPDATE, decision, detail=f"besluit {status}")
    return decision


def let_besluiten_inzien(*, actor, decisions) -> None:
    if not decisions:
        return
    subjects = []
    for decision in decisions:
        subjects.extend(Subject(type=t, id=str(i)) for t, i in decision.processing_subjects())
    log_processing(
        actor,
        LET,
        Action.READ,
        subjects=subjects,
        controller=actor.organisation,
        detail="besluiten",
    )


# --- Overbrugging ----------------------------------------------------------------------------


@transaction.atomic
def overbrugging_starten(
    *, actor, case: LoketCase, support: str, voorfinancier, starts_on: date, regimes: list[str]
) -> Overbrugging:
    if case.status != LoketStatus.OVERBRUGGING:
        raise NotAllowed("Leid de zaak eerst naar de overbruggingsprocedure.")
    overbrugging = Overbrugging.objects.create(
        loket_case=case,
        support=support,
        voorfinancier=voorfinancier,
        starts_on=starts_on,
        regimes=list(regimes),
        created_by=actor.user,
    )
    _event(
        case,
        actor,
        EventKind.OVERBRUGGING,
        text=f"Overbrugging vanaf {starts_on:%d-%m-%Y}, voorfinancier {voorfinancier}",
    )
    _notify(case, f"Maatwerkloket {case.household_reference}: overbrugging gestart")
    log_processing(actor, OVERBRUGGING, Action.CREATE, overbrugging)
    return overbrugging


@transaction.atomic
def overbrugging_verrekenen(
    *,
    actor,
    overbrugging: Overbrugging,
    final_payer,
    amount: Decimal,
    settled_on: date,
    note: str = "",
) -> Overbrugging:
    if overbrugging.is_settled:
        raise NotAllowed("Deze overbrugging is al verrekend.")
    if amount < 0:
        raise NotAllowed("Het bedrag kan niet negatief zijn.")
    if settled_on < overbrugging.starts_on:
        raise NotAllowed("De verrekening ligt voor de start van de ondersteuning.")
    overbrugging.final_payer = final_payer
    overbrugging.amount = amount
    overbrugging.settled_on = settled_on
    overbrugging.settlement_note = note
    overbrugging.settled_by = actor.user
    overbrugging.save()
    _event(
        overbrugging.loket_case,
        actor,
        EventKind.OVERBRUGGING,
        text=f"Verrekend op {settled_on:%d-%m-%Y}: {final_payer} betaalt",
    )
    log_processing(actor, OVERBRUGGING, Action.UPDATE, overbrugging, detail="verrekend")
    return overbrugging


def overbrugging_inzien(*, actor, overbrugging: Overbrugging) -> None:
    log_processing(actor, OVERBRUGGING, Action.READ, overbrugging)


def overbruggingen_inzien(*, actor, overbruggingen) -> None:
    if not overbruggingen:
        return
    subjects = []
    for o in overbruggingen:
        subjects.extend(Subject(type=t, id=str(i)) for t, i in o.processing_subjects())
    log_processing(
        actor,
        OVERBRUGGING,
        Action.READ,
        subjects=subjects,
        controller=actor.organisation,
        detail="lijst",
    )


# --- Service levels --------------------------------------------------------------------------


@transaction.atomic
def servicenorm_wijzigen(*, actor, milestone: str, working_days: int, description: str = ""):
    level, _created = ServiceLevel.objects.update_or_create(
        milestone=milestone,
        defaults={
            "working_days": working_days,
            "description": description,
            "updated_at": timezone.now(),
            "updated_by": actor.user,
        },
    )
    logger.info("service_level_changed", milestone=milestone, working_days=working_days)
    return level
