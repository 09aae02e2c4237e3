"""The maatwerkplan's workflow: allowed and refused steps (pure), and optimistic locking."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import actor_for, member
from doorbraak.households.tests.factories import household_of
from doorbraak.plans import services, workflow
from doorbraak.plans.models import Plan, PlanStatus

HAPPY_PATH = [
    (workflow.CONCEPT, workflow.TER_VASTSTELLING, Role.PROFESSIONAL),
    (workflow.TER_VASTSTELLING, workflow.VASTGESTELD, Role.TEAMLEIDER),
    (workflow.VASTGESTELD, workflow.IN_UITVOERING, Role.PROFESSIONAL),
    (workflow.IN_UITVOERING, workflow.GEEVALUEERD, Role.PROFESSIONAL),
    (workflow.GEEVALUEERD, workflow.AFGESLOTEN, Role.TEAMLEIDER),
]


@pytest.mark.parametrize(("source", "target", "role"), HAPPY_PATH)
def test_allowed_steps(source, target, role):
    workflow.check(source, target, role)


@pytest.mark.parametrize(
    ("source", "target", "role", "reason"),
    [
        (workflow.TER_VASTSTELLING, workflow.VASTGESTELD, Role.PROFESSIONAL, "no_mandate"),
        (workflow.GEEVALUEERD, workflow.AFGESLOTEN, Role.PROFESSIONAL, "no_mandate"),
        (workflow.CONCEPT, workflow.VASTGESTELD, Role.TEAMLEIDER, "no_step"),
        (workflow.AFGESLOTEN, workflow.CONCEPT, Role.TEAMLEIDER, "no_step"),
        (workflow.CONCEPT, workflow.TER_VASTSTELLING, Role.ANALIST, "no_mandate"),
    ],
)
def test_refused_steps(source, target, role, reason):
    with pytest.raises(workflow.TransitionRefused) as refused:
        workflow.check(source, target, role)
    assert refused.value.reason.startswith(reason)


def test_every_status_is_reachable_and_the_end_is_final():
    reachable = {workflow.CONCEPT}
    for _ in workflow.ORDER:
        reachable |= {t for (s, t) in workflow.TRANSITIONS if s in reachable}
    assert reachable == set(workflow.ORDER)
    assert not [t for (s, t) in workflow.TRANSITIONS if s == workflow.AFGESLOTEN]


@pytest.fixture
def team():
    professional = member(role=Role.PROFESSIONAL)
    leader = member(
        role=Role.TEAMLEIDER, organisation=professional.organisation, team=professional.team
    )
    household = household_of(professional.organisation, team=professional.team)
    return professional, leader, household


def _ready_plan(professional, household) -> Plan:
    actor = actor_for(professional)
    plan = services.plan_aanmaken(actor=actor, household=household)
    plan = services.doorbraak_opslaan(
        actor=actor,
        plan=plan,
        version=plan.version,
        data={
            "blocking_problem": "Huurachterstand blokkeert schuldhulp",
            "breakthrough": "Huur bevriezen",
        },
    )
    services.actie_toevoegen(
        actor=actor,
        plan=plan,
        version=plan.version,
        data={
            "what": "Bel de corporatie",
            "owner_text": "bewoner",
            "due_on": timezone.localdate() + datetime.timedelta(days=7),
        },
    )
    return Plan.objects.get(pk=plan.pk)


@pytest.mark.django_db
def test_plan_goes_through_the_workflow_and_records_the_decision(team):
    professional, leader, household = team
    plan = _ready_plan(professional, household)
    plan = services.status_wijzigen(
        actor=actor_for(professional),
        plan=plan,
        version=plan.version,
        target=workflow.TER_VASTSTELLING,
    )
    with pytest.raises(services.NotAllowed, match="mandaat"):
        services.status_wijzigen(
            actor=actor_for(professional),
            plan=plan,
            version=plan.version,
            target=workflow.VASTGESTELD,
        )
    plan = services.status_wijzigen(
        actor=actor_for(leader), plan=plan, version=plan.version, target=workflow.VASTGESTELD
    )
    assert plan.decided_by == leader.user and plan.decided_role == Role.TEAMLEIDER
    assert plan.transitions.count() == 2
    assert plan.history.count() >= 4  # created, doorbraak, action, two steps


@pytest.mark.django_db
def test_plan_without_doorbraak_cannot_go_to_decision(team):
    professional, _leader, household = team
    plan = services.plan_aanmaken(actor=actor_for(professional), household=household)
    with pytest.raises(services.NotAllowed, match="doorbraak"):
        services.status_wijzigen(
            actor=actor_for(professional),
            plan=plan,
            version=plan.version,
            target=workflow.TER_VASTSTELLING,
        )


@pytest.mark.django_db
def test_second_save_on_an_old_version_is_refused(team):
    professional, leader, household = team
    plan = services.plan_aanmaken(actor=actor_for(professional), household=household)
    opened_at = plan.version
    services.doorbraak_opslaan(
        actor=actor_for(leader),
        plan=plan,
        version=opened_at,
        data={"breakthrough": "Eerste versie"},
    )
    with pytest.raises(services.ConcurrentEdit) as conflict:
        services.doorbraak_opslaan(
            actor=actor_for(professional),
            plan=plan,
            version=opened_at,
            data={"breakthrough": "Tweede versie"},
        )
    assert conflict.value.current.breakthrough == "Eerste versie"
    assert Plan.objects.get(pk=plan.pk).breakthrough == "Eerste versie"


@pytest.mark.django_db
def test_conflict_page_keeps_what_the_second_person_typed(client, team):
    professional, leader, household = team
    plan = services.plan_aanmaken(actor=actor_for(professional), household=household)
    services.doorbraak_opslaan(
        actor=actor_for(leader),
        plan=plan,
        version=plan.version,
        data={"breakthrough": "Tekst van de teamleider"},
    )
    login_verified(client, professional.user)
    response = client.post(
        reverse("plans:doorbraak", kwargs={"uuid": plan.uuid}),
        {
            "version": plan.version,
            "blocking_problem": "Mijn probleemomschrijving",
            "breakthrough": "Mijn eigen doorbraaktekst",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Mijn eigen doorbraaktekst" in html
    assert f'name="version" value="{plan.version + 1}"' in html
    assert Plan.objects.get(pk=plan.pk).breakthrough == "Tekst van de teamleider"


@pytest.mark.django_db
def test_plan_page_of_another_team_is_404(client, team):
    professional, _leader, household = team
    plan = services.plan_aanmaken(actor=actor_for(professional), household=household)
    outsider = member(role=Role.PROFESSIONAL, organisation=professional.organisation)
    login_verified(client, outsider.user)
    assert client.get(reverse("plans:detail", kwargs={"uuid": plan.uuid})).status_code == 404


@pytest.mark.django_db
def test_status_labels_are_all_translated():
    assert {s.value for s in PlanStatus} == set(workflow.ORDER)


@pytest.mark.django_db
def test_evaluation_is_planned_then_recorded_with_a_new_zrm(client, team):
    from doorbraak.households import services as household_services
    from doorbraak.households import zrm

    professional, _leader, household = team
    plan = services.plan_aanmaken(actor=actor_for(professional), household=household)
    assessment = household_services.zrm_vastleggen(
        actor=actor_for(professional),
        household=household,
        person=None,
        assessed_on=timezone.localdate(),
        version="2017",
        scores={code: 4 for code, _label in zrm.DOMAINS_2017},
    )
    login_verified(client, professional.user)
    client.post(
        reverse("plans:evaluation-create", kwargs={"uuid": plan.uuid}),
        {"planned_on": timezone.localdate().isoformat()},
    )
    evaluation = plan.evaluations.get()
    prefix = f"ev-{evaluation.uuid.hex[:8]}"
    url = reverse(
        "plans:evaluation-record", kwargs={"uuid": plan.uuid, "evaluation_uuid": evaluation.uuid}
    )
    refused = client.post(url, {f"{prefix}-held_on": "2999-01-01", f"{prefix}-notes": "x"})
    assert refused.status_code == 400
    client.post(
        url,
        {
            f"{prefix}-held_on": timezone.localdate().isoformat(),
            f"{prefix}-assessment": str(assessment.uuid),
            f"{prefix}-notes": "Huur bevroren; schuldhulp gestart.",
        },
    )
    evaluation.refresh_from_db()
    assert evaluation.held_on == timezone.localdate() and evaluation.assessment == assessment
