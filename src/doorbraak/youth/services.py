"""Operations on transition plans (Big 5). Each writes its changes and its processing-log entry
in one transaction; the views only call these."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing
from doorbraak.households.models import Person

from . import rules_big5
from .models import TransitionDomain, TransitionPlan

ACTIVITY = "big5-overgangsplan"

DOMAIN_FIELDS = ("status", "note", "responsible_user", "responsible_text", "date")


class NotAllowed(Exception):
    """The operation is refused; ``code`` says why (a rules_big5 refusal code or a short tag)."""

    def __init__(self, code: str, not_arranged: list[str] | None = None):
        super().__init__(code)
        self.code = code
        self.not_arranged = not_arranged or []


def lijst_inzien(*, actor, people) -> None:
    """The list shows names and dates of birth: one record per person, per controller."""
    by_controller = defaultdict(list)
    for person in people:
        by_controller[person.household.organisation].append(person)
    for controller, persons in by_controller.items():
        log_processing(
            actor,
            ACTIVITY,
            Action.READ,
            subjects=[Subject("persoon", str(p.uuid)) for p in persons],
            controller=controller,
            detail="lijst jongeren (Big 5)",
        )


def plan_inzien(*, actor, person: Person, plan: TransitionPlan | None) -> None:
    log_processing(actor, ACTIVITY, Action.READ, plan or person, controller=person.controller)


@transaction.atomic
def plan_starten(*, actor, person: Person) -> TransitionPlan:
    if TransitionPlan.objects.filter(person=person).exists():
        raise NotAllowed("exists")
    plan = TransitionPlan.objects.create(person=person, created_by=actor.user)
    TransitionDomain.objects.bulk_create(
        [TransitionDomain(plan=plan, domain=domain) for domain in rules_big5.DOMAINS]
    )
    log_processing(actor, ACTIVITY, Action.CREATE, plan)
    return plan


@transaction.atomic
def plan_opslaan(*, actor, plan: TransitionPlan, toekomstplan: str, domains: dict) -> list[str]:
    """Save the toekomstplan and the five domains (``domains``: code -> every DOMAIN_FIELDS value).
    Returns the names of what changed (also in the log entry)."""
    plan = TransitionPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_open:
        raise NotAllowed("closed")
    changed = []
    if plan.toekomstplan != toekomstplan:
        plan.toekomstplan = toekomstplan
        plan.save(update_fields=["toekomstplan"])
        changed.append("toekomstplan")
    existing = {d.domain: d for d in plan.domains.all()}
    for code in rules_big5.DOMAINS:
        values = domains.get(code)
        if values is None:
            continue
        row = existing.get(code) or TransitionDomain(plan=plan, domain=code)
        fields = [name for name in DOMAIN_FIELDS if getattr(row, name) != values[name]]
        if fields or row.pk is None:
            for name in DOMAIN_FIELDS:
                setattr(row, name, values[name])
            row.save()
            changed.append(f"{code}: " + "/".join(fields or ["nieuw"]))
    if changed:
        log_processing(
            actor, ACTIVITY, Action.UPDATE, plan, detail="gewijzigd: " + ", ".join(changed)
        )
    return changed


@transaction.atomic
def plan_afsluiten(*, actor, plan: TransitionPlan, reason: str) -> TransitionPlan:
    """Close the trajectory through the Big 5 rule (``rules_big5.can_close``)."""
    plan = TransitionPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_open:
        raise NotAllowed("closed")
    statuses = plan.statuses()
    reason = (reason or "").strip()
    allowed, code = rules_big5.can_close(statuses, actor.role or "", reason)
    if not allowed:
        raise NotAllowed(code, rules_big5.not_arranged(statuses))
    open_domains = rules_big5.not_arranged(statuses)
    plan.closed_on = timezone.localdate()
    plan.closed_by = actor.user
    plan.close_reason = reason
    plan.save(update_fields=["closed_on", "closed_by", "close_reason"])
    detail = "afgesloten"
    if open_domains:
        detail += " met reden (teamleider); niet geregeld: " + ", ".join(open_domains)
    log_processing(actor, ACTIVITY, Action.UPDATE, plan, detail=detail)
    return plan
