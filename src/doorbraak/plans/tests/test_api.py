"""The maatwerkplan API: reading a plan, adding actions with optimistic locking, scope, log."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core import services as core_services
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory, actor_for, member
from doorbraak.households.tests.factories import household_of, share_with
from doorbraak.plans import services
from doorbraak.plans.models import Action, Plan, PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def professional():
    return member(role=Role.PROFESSIONAL)


@pytest.fixture
def plan(professional):
    household = household_of(professional.organisation, team=professional.team)
    plan = services.plan_aanmaken(actor=actor_for(professional), household=household)
    services.doel_toevoegen(
        actor=actor_for(professional),
        plan=plan,
        version=plan.version,
        domain="financien",
        description="Schulden stabiliseren",
    )
    return Plan.objects.get(pk=plan.pk)


def _due() -> str:
    return (timezone.localdate() + datetime.timedelta(days=14)).isoformat()


def _add(client, plan, headers=None, **data):
    body = {
        "version": plan.version,
        "what": "Betalingsregeling",
        "owner_text": "bewoner",
        "due_on": _due(),
        **data,
    }
    return client.post(
        reverse("api:plan-actions", kwargs={"uuid": plan.uuid}),
        body,
        content_type="application/json",
        **(headers or {}),
    )


def test_plan_with_goals_and_actions_by_uuid(client, professional, plan):
    Action.objects.create(plan=plan, what="Bellen", owner_text="bewoner", due_on=_due())
    login_verified(client, professional.user)
    body = client.get(reverse("api:plan", kwargs={"uuid": plan.uuid})).json()
    assert body["uuid"] == str(plan.uuid) and body["version"] == plan.version
    assert body["household"] == str(plan.household.uuid)
    assert [g["description"] for g in body["goals"]] == ["Schulden stabiliseren"]
    assert [a["what"] for a in body["actions"]] == ["Bellen"]
    assert "id" not in body and "id" not in body["actions"][0]


def test_action_is_added_and_returns_the_new_version(client, professional, plan):
    goal = plan.goals.get()
    login_verified(client, professional.user)
    before = ProcessingLogEntry.objects.count()
    response = _add(client, plan, goal=str(goal.uuid), owner_user=str(professional.user.uuid))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["plan_version"] == plan.version + 1
    assert body["goal"] == str(goal.uuid) and body["owner_user"] == str(professional.user.uuid)
    assert Action.objects.get(uuid=body["uuid"]).plan == plan
    assert ProcessingLogEntry.objects.count() > before


def test_stale_version_gives_409_and_adds_nothing(client, professional, plan):
    stale = plan.version
    services.doorbraak_opslaan(
        actor=actor_for(professional),
        plan=plan,
        version=stale,
        data={"breakthrough": "Kwijtschelding"},
    )
    login_verified(client, professional.user)
    response = client.post(
        reverse("api:plan-actions", kwargs={"uuid": plan.uuid}),
        {"version": stale, "what": "Bellen", "owner_text": "bewoner", "due_on": _due()},
        content_type="application/json",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale_version"
    assert body["current_version"] == stale + 1
    assert str(stale + 1) in body["detail"]
    assert not plan.actions.exists()


def test_plan_that_cannot_change_gives_409_not_allowed(client, professional, plan):
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.TER_VASTSTELLING)
    login_verified(client, professional.user)
    response = _add(client, plan)
    assert response.status_code == 409 and response.json()["code"] == "not_allowed"


def test_action_without_owner_or_with_a_past_date_is_400(client, professional, plan):
    login_verified(client, professional.user)
    no_owner = _add(client, plan, owner_text="")
    assert no_owner.status_code == 400 and "owner_user" in no_owner.json()
    past = _add(
        client, plan, due_on=(timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    )
    assert past.status_code == 400 and "due_on" in past.json()
    stranger = _add(client, plan, owner_user=str(member().user.uuid))
    assert stranger.status_code == 400 and "owner_user" in stranger.json()


def test_professional_of_another_team_gets_404(client, plan):
    other = member(
        role=Role.PROFESSIONAL,
        organisation=plan.household.organisation,
        team=TeamFactory(organisation=plan.household.organisation),
    )
    login_verified(client, other.user)
    assert client.get(reverse("api:plan", kwargs={"uuid": plan.uuid})).status_code == 404
    assert _add(client, plan).status_code == 404


def test_shared_professional_reads_but_cannot_add(client, plan):
    recipient = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(plan.household, recipient)
    login_verified(client, recipient.user)
    assert client.get(reverse("api:plan-actions", kwargs={"uuid": plan.uuid})).status_code == 200
    assert _add(client, plan).status_code == 403


def test_token_client_reads_plans_of_its_gemeente_only(client, plan):
    def token(organisation):
        beheerder = actor_for(member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=organisation))
        return core_services.api_client_aanmaken(actor=beheerder, name="Zaaksysteem")[1]

    own = {"HTTP_AUTHORIZATION": f"Token {token(plan.household.organisation)}"}
    other = {"HTTP_AUTHORIZATION": f"Token {token(OrganisationFactory())}"}
    url = reverse("api:plan", kwargs={"uuid": plan.uuid})
    assert client.get(url, **own).status_code == 200
    assert client.get(url, **other).status_code == 404
    assert _add(client, plan, headers=own).status_code == 403


def test_reads_write_processing_log_rows(client, professional, plan):
    login_verified(client, professional.user)
    for name in ("api:plan", "api:plan-actions"):
        before = ProcessingLogEntry.objects.count()
        assert client.get(reverse(name, kwargs={"uuid": plan.uuid})).status_code == 200
        entries = ProcessingLogEntry.objects.order_by("id")[before:]
        assert entries and {e.object_uuid for e in entries} == {plan.uuid}
