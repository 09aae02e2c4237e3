"""Objects of the escalation route for tests and the access harness."""

import datetime

from django.utils import timezone

from doorbraak.core.models import Organisation, OrganisationType
from doorbraak.core.tests.access_harness import team_for
from doorbraak.core.tests.factories import AgencyFactory, OrganisationFactory
from doorbraak.escalation.models import (
    Knelpunt,
    LetDecision,
    LetSession,
    LoketCase,
    LoketStatus,
    Overbrugging,
)
from doorbraak.households.tests.factories import household_of
from doorbraak.plans.models import Plan

ENTRY_TEST = {
    "tried_locally": "Wijkteam en schuldhulp hebben een betalingsregeling geprobeerd.",
    "tried_regionally": "Via het Maatwerkregister de maatwerkfunctionaris van het CAK benaderd.",
    "who_involved": "Wijkteam, schuldhulpverlening, CAK, zorgverzekeraar.",
    "why_failed": "De wanbetalersregeling laat geen afwijking toe zonder stabilisatie.",
    "question": "Kan de bestuursrechtelijke premie worden opgeschort?",
}


def plan_in_team(organisation, team=None) -> Plan:
    household = household_of(organisation, team=team or team_for(organisation))
    return Plan.objects.create(household=household)


def loket_case(organisation=None, *, plan=None, status=LoketStatus.INGEDIEND, **fields):
    """A case from a plan of the harness team of ``organisation`` (a gemeente)."""
    if plan is None:
        plan = plan_in_team(organisation or OrganisationFactory())
    household = plan.household
    today = timezone.localdate()
    values = {
        "plan": plan,
        "team": household.team,
        "household_reference": household.reference,
        "household_uuid": household.uuid,
        "gemeente": household.organisation,
        "laws": "Zvw art. 18c",
        "first_response_due": today + datetime.timedelta(days=7),
        "decision_due": today + datetime.timedelta(days=28),
        "status": status,
        **ENTRY_TEST,
    }
    values.update(fields)
    return LoketCase.objects.create(**values)


def let_session(**fields) -> LetSession:
    return LetSession.objects.create(held_on=fields.pop("held_on", timezone.localdate()), **fields)


def let_decision(responsible, *, case=None, session=None, **fields) -> LetDecision:
    case = case or loket_case(status=LoketStatus.BIJ_LET)
    session = session or let_session()
    session.cases.add(case)
    values = {
        "what": "Premie opschorten tot de schuldregeling loopt.",
        "deadline": timezone.localdate() + datetime.timedelta(days=14),
    }
    values.update(fields)
    return LetDecision.objects.create(
        session=session, case=case, responsible_organisation=responsible, **values
    )


def overbrugging(voorfinancier, *, case=None, **fields) -> Overbrugging:
    case = case or loket_case(status=LoketStatus.OVERBRUGGING)
    values = {
        "support": "Begeleid wonen start direct.",
        "starts_on": timezone.localdate() - datetime.timedelta(days=30),
        "regimes": ["wmo", "wlz"],
    }
    values.update(fields)
    return Overbrugging.objects.create(loket_case=case, voorfinancier=voorfinancier, **values)


def knelpunt(organisation=None, **fields) -> Knelpunt:
    values = {
        "law": "Zorgverzekeringswet",
        "article": "18c",
        "blocking_organisation": "CAK",
        "what_blocks": "De premie loopt door tijdens het traject.",
        "kind": "wettekst",
    }
    values.update(fields)
    return Knelpunt.objects.create(organisation=organisation or OrganisationFactory(), **values)


def rijk(name="Landelijk Maatwerkloket (test)") -> Organisation:
    return Organisation.objects.get_or_create(
        name=name, defaults={"type": OrganisationType.RIJK, "active": True}
    )[0]


def agency(name=None) -> Organisation:
    return AgencyFactory(name=name) if name else AgencyFactory()
