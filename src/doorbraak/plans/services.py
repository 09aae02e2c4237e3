"""Operations on maatwerkplannen: each writes its changes and processing-log entry together."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import log_processing

from . import workflow
from .models import Action, ActionStatus, Evaluation, Goal, Plan, PlanStatus, Transition

ACTIVITY = "maatwerkplan"


class ConcurrentEdit(Exception):
    """Someone else saved the plan after this form was opened."""

    def __init__(self, current: Plan):
        super().__init__("concurrent edit")
        self.current = current


class NotAllowed(Exception):
    pass


def _bump(plan: Plan, expected_version: int, **changes) -> Plan:
    """Optimistic lock: write only when nobody saved a newer version in between."""
    now = timezone.now()
    updated = Plan.objects.filter(pk=plan.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now, **changes
    )
    fresh = Plan.objects.get(pk=plan.pk)
    if not updated:
        raise ConcurrentEdit(fresh)
    # The queryset update bypasses simple-history: record the new version explicitly.
    fresh.history.model.objects.create(
        **{f.attname: getattr(fresh, f.attname) for f in Plan._meta.concrete_fields},
        history_date=now,
        history_type="~",
        history_user=getattr(plan, "_actor_user", None),
        history_change_reason=", ".join(sorted(changes)) or "plan",
    )
    return fresh


@transaction.atomic
def plan_aanmaken(*, actor, household) -> Plan:
    if household.plans.exclude(status=PlanStatus.AFGESLOTEN).exists():
        raise NotAllowed("Dit huishouden heeft al een lopend maatwerkplan.")
    plan = Plan.objects.create(household=household, created_by=actor.user)
    log_processing(actor, ACTIVITY, LogAction.CREATE, plan)
    return plan


DOORBRAAK_FIELDS = [
    "blocking_domains",
    "blocking_problem",
    "blocking_party",
    "breakthrough",
    "why_it_unlocks",
]


@transaction.atomic
def doorbraak_opslaan(*, actor, plan: Plan, version: int, data: dict) -> Plan:
    if not plan.is_editable:
        raise NotAllowed("Het plan kan in deze fase niet worden gewijzigd.")
    changes = {k: v for k, v in data.items() if k in DOORBRAAK_FIELDS}
    plan._actor_user = actor.user
    fresh = _bump(plan, version, **changes)
    log_processing(
        actor, ACTIVITY, LogAction.UPDATE, fresh, detail="doorbraak: " + ", ".join(sorted(changes))
    )
    return fresh


@transaction.atomic
def doel_toevoegen(*, actor, plan: Plan, version: int, domain: str, description: str) -> Goal:
    if not plan.is_editable:
        raise NotAllowed("Het plan kan in deze fase niet worden gewijzigd.")
    plan._actor_user = actor.user
    _bump(plan, version)
    goal = Goal.objects.create(plan=plan, domain=domain, description=description)
    log_processing(actor, ACTIVITY, LogAction.UPDATE, plan, detail="doel toegevoegd")
    return goal


@transaction.atomic
def actie_toevoegen(*, actor, plan: Plan, version: int, data: dict) -> Action:
    if not plan.is_editable:
        raise NotAllowed("Het plan kan in deze fase niet worden gewijzigd.")
    if not (data.get("owner_user") or data.get("owner_organisation") or data.get("owner_text")):
        raise NotAllowed(
            "Een actie heeft een eigenaar: een persoon, een organisatie of een andere eigenaar."
        )
    plan._actor_user = actor.user
    _bump(plan, version)
    action = Action.objects.create(plan=plan, **data)
    log_processing(actor, ACTIVITY, LogAction.UPDATE, plan, detail="actie toegevoegd")
    return action


@transaction.atomic
def actie_status(*, actor, action: Action, status: str) -> Action:
    action.status = status
    action.completed_on = timezone.localdate() if status == ActionStatus.GEREED else None
    action.save(update_fields=["status", "completed_on"])
    log_processing(actor, ACTIVITY, LogAction.UPDATE, action.plan, detail=f"actie {status}")
    return action


@transaction.atomic
def status_wijzigen(*, actor, plan: Plan, version: int, target: str, note: str = "") -> Plan:
    try:
        workflow.check(plan.status, target, actor.role)
    except workflow.TransitionRefused as refused:
        if refused.reason.startswith("no_mandate"):
            raise NotAllowed("Voor deze stap is een rol met mandaat nodig (teamleider).") from None
        raise NotAllowed("Deze stap is vanuit de huidige fase niet mogelijk.") from None
    if target == PlanStatus.TER_VASTSTELLING and not (plan.breakthrough and plan.actions.exists()):
        raise NotAllowed("Een plan ter vaststelling heeft een doorbraak en minstens één actie.")
    changes = {"status": target}
    if target == PlanStatus.VASTGESTELD:
        changes.update(decided_by=actor.user, decided_role=actor.role, decided_at=timezone.now())
    plan._actor_user = actor.user
    fresh = _bump(plan, version, **changes)
    Transition.objects.create(
        plan=fresh,
        source=plan.status,
        target=target,
        by=actor.user,
        role=actor.role,
        organisation=actor.organisation,
        note=note,
    )
    log_processing(actor, ACTIVITY, LogAction.UPDATE, fresh, detail=f"{plan.status} → {target}")
    return fresh


@transaction.atomic
def evaluatie_plannen(*, actor, plan: Plan, planned_on) -> Evaluation:
    evaluation = Evaluation.objects.create(plan=plan, planned_on=planned_on)
    log_processing(actor, ACTIVITY, LogAction.UPDATE, plan, detail="evaluatie gepland")
    return evaluation


@transaction.atomic
def evaluatie_vastleggen(
    *, actor, evaluation: Evaluation, held_on, assessment, notes
) -> Evaluation:
    evaluation.held_on, evaluation.assessment, evaluation.notes = held_on, assessment, notes
    evaluation.save()
    log_processing(actor, ACTIVITY, LogAction.UPDATE, evaluation.plan, detail="evaluatie gehouden")
    return evaluation
