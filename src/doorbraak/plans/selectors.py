from doorbraak.households.selectors import household_access

from .models import Plan


def plan_access(actor, uuid):
    """(plan, household access) when the actor may see the plan's household, else None."""
    plan = (
        Plan.objects.select_related("household", "decided_by", "created_by")
        .filter(uuid=uuid)
        .first()
    )
    if plan is None:
        return None
    access = household_access(actor, plan.household.uuid)
    if access is None:
        return None
    return plan, access


def plan_detail(plan: Plan) -> Plan:
    return (
        Plan.objects.select_related("household", "decided_by")
        .prefetch_related(
            "goals",
            "actions__owner_user",
            "actions__owner_organisation",
            "actions__goal",
            "evaluations",
            "transitions__by",
        )
        .get(pk=plan.pk)
    )
