"""How the API URLs of households and maatwerkplannen may be reached (read by the access harness).

The harness calls them as a person with a browser session; a person reaches a household through
its team (professional, teamleider) or a share. Objects belong to a household in the harness's
team of the given organisation (``team_for``), so the owner's team members are the positive
control and every other organisation's member gets 403 or 404. System clients are covered by
``test_api.py``.
"""

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import UrlAccess, team_for
from doorbraak.plans.models import Plan

from .factories import household_of

TEAM = {Role.PROFESSIONAL, Role.TEAMLEIDER}


def _household(organisation):
    return {"uuid": household_of(organisation, team=team_for(organisation)).uuid}


def _plan(organisation):
    household = household_of(organisation, team=team_for(organisation))
    return {"uuid": Plan.objects.create(household=household).uuid}


def _household_marker(organisation):
    """A household of the organisation: its uuid must not show in another's list."""
    household = household_of(organisation, team=team_for(organisation))
    person = household.members.first()
    person.achternaam = f"Api-geheimnaam{organisation.pk}"
    person.save()
    return str(household.uuid)


URLS = {
    "api:households": UrlAccess(
        roles=TEAM, methods=("GET", "POST"), api=True, leak_marker=_household_marker
    ),
    "api:household": UrlAccess(roles=TEAM, foreign_object=_household, api=True),
    "api:household-members": UrlAccess(
        roles=TEAM, foreign_object=_household, methods=("GET", "POST"), api=True
    ),
    "api:household-assessments": UrlAccess(roles=TEAM, foreign_object=_household, api=True),
    "api:plan": UrlAccess(roles=TEAM, foreign_object=_plan, api=True),
    "api:plan-actions": UrlAccess(
        roles=TEAM, foreign_object=_plan, methods=("GET", "POST"), api=True
    ),
}
