"""How the Big 5 URLs may be reached (read by the access harness).

The young person lives in a household of the given organisation, in the harness's team of
that organisation (``team_for``), so the positive control (a team member of the owning
organisation) reaches it and everyone else gets 404.
"""

import datetime

from django.utils import timezone

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import UrlAccess, team_for
from doorbraak.households.tests.factories import PersonFactory, household_of

TEAM = {Role.PROFESSIONAL, Role.TEAMLEIDER}


def young_person(organisation, **fields):
    """A 17-year-old in youth care, six months before the 18th birthday."""
    household = household_of(organisation, team=team_for(organisation))
    born = timezone.localdate() - datetime.timedelta(days=round(17.5 * 365.25))
    fields = {"geboortedatum": born, "in_jeugdhulp": True, "role": "kind", **fields}
    return PersonFactory(household=household, **fields)


def _person(organisation):
    return {"person_uuid": young_person(organisation).uuid}


def _plan(organisation):
    from doorbraak.youth.models import TransitionDomain, TransitionPlan
    from doorbraak.youth.rules_big5 import DOMAINS

    person = young_person(organisation)
    plan = TransitionPlan.objects.create(person=person)
    TransitionDomain.objects.bulk_create(
        [TransitionDomain(plan=plan, domain=domain) for domain in DOMAINS]
    )
    return {"person_uuid": person.uuid}


def _young_person_name(organisation):
    name = f"Jeugdgeheim{organisation.pk}"
    young_person(organisation, achternaam=name)
    return name


URLS = {
    "youth:list": UrlAccess(roles=TEAM, leak_marker=_young_person_name),
    "youth:plan": UrlAccess(roles=TEAM, foreign_object=_person, methods=("GET", "POST")),
    "youth:close": UrlAccess(roles=TEAM, foreign_object=_plan, methods=("POST",)),
}
