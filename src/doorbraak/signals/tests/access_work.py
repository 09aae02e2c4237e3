"""How the vroegsignalering work URLs may be reached (read by the access harness).

The queue, cases and deadlines are for the gemeente's vroegsignalering team only; a case of
another gemeente is not found (404). The settings are for the gemeente's functioneel
beheerder. A noodstop belongs to a household: only its own team (professional, teamleider)
opens it; the vroegsignalering team sees the gemeente's list of running noodstops.
"""

import datetime

from django.utils import timezone

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import UrlAccess, team_for
from doorbraak.households.tests.factories import household_of

from .factories import case_with_signals

TEAM = {Role.VROEGSIGNALERING}
HOUSEHOLD_TEAM = {Role.PROFESSIONAL, Role.TEAMLEIDER}


def _case(organisation):
    return {"uuid": case_with_signals(organisation, count=2).uuid}


def _case_marker(organisation):
    case = case_with_signals(organisation, achternaam=f"Geheimnaam{organisation.pk}")
    return case.reference


def _household(organisation):
    return {"uuid": household_of(organisation, team=team_for(organisation)).uuid}


def _noodstop(organisation):
    from doorbraak.signals.models import Noodstop

    household = household_of(organisation, team=team_for(organisation))
    today = timezone.localdate()
    noodstop = Noodstop.objects.create(
        household=household,
        requested_on=today,
        reference="CJIB-1",
        ends_on=today + datetime.timedelta(days=120),
    )
    return {"uuid": noodstop.uuid}


def _noodstop_marker(organisation):
    from doorbraak.signals.models import Noodstop

    household = household_of(organisation, team=team_for(organisation))
    today = timezone.localdate()
    Noodstop.objects.create(
        household=household,
        requested_on=today,
        reference=f"CJIB-GEHEIM-{organisation.pk}",
        ends_on=today + datetime.timedelta(days=10),
    )
    return f"CJIB-GEHEIM-{organisation.pk}"


URLS = {
    "signals:queue": UrlAccess(TEAM, leak_marker=_case_marker),
    "signals:case": UrlAccess(TEAM, foreign_object=_case),
    "signals:case-contact": UrlAccess(TEAM, foreign_object=_case, methods=("POST",)),
    "signals:case-offer": UrlAccess(TEAM, foreign_object=_case, methods=("POST",)),
    "signals:case-accept": UrlAccess(TEAM, foreign_object=_case, methods=("POST",)),
    "signals:case-close": UrlAccess(TEAM, foreign_object=_case, methods=("POST",)),
    "signals:case-assign": UrlAccess(TEAM, foreign_object=_case, methods=("POST",)),
    "signals:deadlines": UrlAccess(TEAM, leak_marker=_case_marker),
    "signals:settings": UrlAccess({Role.FUNCTIONEEL_BEHEERDER}, methods=("GET", "POST")),
    "signals:noodstops": UrlAccess(HOUSEHOLD_TEAM | TEAM, leak_marker=_noodstop_marker),
    "signals:household-noodstop": UrlAccess(
        HOUSEHOLD_TEAM, foreign_object=_household, methods=("GET", "POST")
    ),
    "signals:noodstop-update": UrlAccess(
        HOUSEHOLD_TEAM, foreign_object=_noodstop, methods=("POST",)
    ),
}
