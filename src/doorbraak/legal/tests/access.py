from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import ALL_ROLES, UrlAccess
from doorbraak.plans.tests.access import _plan

TEAM = {Role.PROFESSIONAL, Role.TEAMLEIDER}


def _plan_kwargs(organisation):
    return {"uuid": _plan(organisation).uuid}


def _attached(organisation):
    from doorbraak.legal.models import PlanProvision, Provision

    plan = _plan(organisation)
    attached = PlanProvision.objects.create(
        plan=plan,
        provision=Provision.objects.get(catalogue__is_current=True, code="pw-18-1"),
        argument="Verplichtingen tijdelijk lager stellen.",
    )
    return {"uuid": plan.uuid, "attached_uuid": attached.uuid}


URLS = {
    "legal:plan": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs),
    "legal:attach": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs, methods=("POST",)),
    "legal:decision": UrlAccess(roles=TEAM, foreign_object=_attached, methods=("POST",)),
    "legal:detach": UrlAccess(roles=TEAM, foreign_object=_attached, methods=("POST",)),
    "legal:knelpunt-create": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs, methods=("POST",)),
    "legal:catalogue": UrlAccess(roles=ALL_ROLES),
}

URLS["api:legal-provisions"] = UrlAccess(roles=ALL_ROLES, api=True)
