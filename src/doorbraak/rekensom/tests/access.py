from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import ALL_ROLES, UrlAccess
from doorbraak.plans.tests.access import _plan

TEAM = {Role.PROFESSIONAL, Role.TEAMLEIDER}


def _plan_with_rekensom(organisation):
    from doorbraak.rekensom.models import Catalogue, Rekensom

    plan = _plan(organisation)
    catalogue = Catalogue.objects.get(is_current=True)
    Rekensom.objects.create(
        plan=plan, catalogue=catalogue, price_year=catalogue.price_year, starts_on="2026-12-01"
    )
    return {"uuid": plan.uuid}


def _plan_kwargs(organisation):
    return {"uuid": _plan(organisation).uuid}


def _item(_organisation):
    return {"code": "bijstand-alleenstaande"}


URLS = {
    "rekensom:plan": UrlAccess(
        roles=TEAM, foreign_object=_plan_with_rekensom, methods=("GET", "POST")
    ),
    "rekensom:create": UrlAccess(roles=TEAM, foreign_object=_plan_kwargs, methods=("POST",)),
    "rekensom:preview": UrlAccess(
        roles=TEAM, foreign_object=_plan_with_rekensom, methods=("POST",)
    ),
    # The catalogue is the same for everyone; a gemeente's own amounts are its own.
    "rekensom:catalogue": UrlAccess(roles=ALL_ROLES),
    "rekensom:local-amount": UrlAccess(
        roles={Role.FUNCTIONEEL_BEHEERDER},
        foreign_object=_item,
        shared=True,
        methods=("GET", "POST"),
    ),
    "rekensom:programme": UrlAccess(
        roles={Role.ANALIST, Role.LOKET, Role.TEAMLEIDER, Role.FUNCTIONEEL_BEHEERDER}
    ),
}

# The API (read by the access harness with a browser session, as in households.access_api).
URLS.update(
    {
        "api:plan-rekensom": UrlAccess(
            roles=TEAM, foreign_object=_plan_with_rekensom, methods=("GET", "PUT"), api=True
        ),
        "api:rekensom-catalogue": UrlAccess(roles=ALL_ROLES, api=True),
    }
)
