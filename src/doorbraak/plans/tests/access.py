from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import UrlAccess, team_for
from doorbraak.households.tests.factories import household_of
from doorbraak.plans.models import Action, Plan

TEAM = {Role.PROFESSIONAL, Role.TEAMLEIDER}


def _plan(organisation):
    household = household_of(organisation, team=team_for(organisation))
    return Plan.objects.create(household=household)


def _household(organisation):
    return {"uuid": household_of(organisation, team=team_for(organisation)).uuid}


def _plan_kwargs(organisation):
    return {"uuid": _plan(organisation).uuid}


def _action(organisation):
    import datetime

    plan = _plan(organisation)
    action = Action.objects.create(
        plan=plan,
        what="Huurachterstand regelen",
        owner_text="bewoner",
        due_on=datetime.date.today() + datetime.timedelta(days=7),
    )
    return {"uuid": plan.uuid, "action_uuid": action.uuid}


def _evaluation(organisation):
    import datetime

    from doorbraak.plans.models import Evaluation

    plan = _plan(organisation)
    evaluation = Evaluation.objects.create(plan=plan, planned_on=datetime.date.today())
    return {"uuid": plan.uuid, "evaluation_uuid": evaluation.uuid}


URLS = {
    "plans:create": UrlAccess(roles=TEAM, foreign_object=_household, methods=("POST",)),
    "plans:detail": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs),
    "plans:doorbraak": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs, methods=("POST",)),
    "plans:goal-create": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs, methods=("POST",)),
    "plans:action-create": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs, methods=("POST",)),
    "plans:action-status": UrlAccess(roles=TEAM, foreign_object=_action, methods=("POST",)),
    "plans:transition": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs, methods=("POST",)),
    "plans:evaluation-record": UrlAccess(roles=TEAM, foreign_object=_evaluation, methods=("POST",)),
    "plans:evaluation-create": UrlAccess(
        roles=TEAM, foreign_object=_plan_kwargs, methods=("POST",)
    ),
}

# The printed maatwerkplan and its PDF.
URLS.update(
    {
        "plans:print": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs),
        "plans:pdf": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs),
    }
)
