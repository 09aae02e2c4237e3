"""Operations on a plan's juridische paragraaf: each writes its change and log entry together."""

from django.db import IntegrityError, transaction

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import log_processing
from doorbraak.escalation.models import Knelpunt
from doorbraak.plans.services import ACTIVITY, NotAllowed

from .models import Decision, PlanProvision, ProvisionCatalogue


def current_catalogue() -> ProvisionCatalogue:
    return ProvisionCatalogue.objects.get(is_current=True)


def _editable(plan) -> None:
    if not plan.is_editable:
        raise NotAllowed("Het plan kan in deze fase niet worden gewijzigd.")


@transaction.atomic
def bepaling_toevoegen(*, actor, plan, provision, argument: str) -> PlanProvision:
    _editable(plan)
    try:
        with transaction.atomic():
            attached = PlanProvision.objects.create(
                plan=plan, provision=provision, argument=argument, added_by=actor.user
            )
    except IntegrityError:
        raise NotAllowed("Deze bepaling staat al in de juridische paragraaf.") from None
    log_processing(
        actor, ACTIVITY, LogAction.UPDATE, plan, detail=f"juridische grond {provision.code}"
    )
    return attached


@transaction.atomic
def bepaling_verwijderen(*, actor, attached: PlanProvision) -> None:
    _editable(attached.plan)
    code = attached.provision.code
    attached.delete()
    log_processing(
        actor, ACTIVITY, LogAction.UPDATE, attached.plan, detail=f"juridische grond {code} weg"
    )


@transaction.atomic
def besluit_vastleggen(*, actor, attached: PlanProvision, data: dict) -> PlanProvision:
    """Who decided on applying the provision, on whose behalf and under which mandate."""
    for field in ("decision", "decided_by", "decided_for", "mandate", "decided_on"):
        setattr(attached, field, data.get(field) or ("" if field != "decided_on" else None))
    if attached.decision == Decision.OPEN:
        attached.decided_by = attached.decided_for = attached.mandate = ""
        attached.decided_on = None
        attached.decision_recorded_by = None
    else:
        attached.decision_recorded_by = actor.user
    attached.save()
    log_processing(
        actor,
        ACTIVITY,
        LogAction.UPDATE,
        attached.plan,
        detail=f"besluit {attached.provision.code}: {attached.decision}",
    )
    return attached


@transaction.atomic
def knelpunt_vastleggen(*, actor, plan, data: dict) -> Knelpunt:
    knelpunt = Knelpunt.objects.create(
        plan=plan,
        organisation=plan.household.organisation,
        recorded_by=actor.user,
        **data,
    )
    log_processing(actor, ACTIVITY, LogAction.CREATE, plan, detail="knelpunt")
    return knelpunt
