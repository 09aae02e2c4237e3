"""The printed maatwerkplan and its PDF: content for the resident, access, special categories,
and the processing log."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.audit.services import Subject
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, actor_for, member
from doorbraak.households import services as household_services
from doorbraak.households import zrm
from doorbraak.households.selectors import household_access
from doorbraak.households.tests.factories import household_of, share_with
from doorbraak.plans.models import Action, Goal, Plan, PlanStatus
from doorbraak.plans.views_print import PDF_BASE, plan_context

pytestmark = pytest.mark.django_db

BREAKTHROUGH = "Woonstichting zet de ontruiming stop zodra de betalingsregeling loopt"


@pytest.fixture
def professional():
    return member(role=Role.PROFESSIONAL)


@pytest.fixture
def plan(professional):
    household = household_of(professional.organisation, team=professional.team)
    applicant = household.members.get()
    applicant.voornamen, applicant.achternaam = "Fatima", "El Amrani"
    applicant.save()
    teamleider = member(
        role=Role.TEAMLEIDER,
        organisation=professional.organisation,
        team=professional.team,
        first_name="Tessa",
        last_name="Leider",
    )
    plan = Plan.objects.create(
        household=household,
        status=PlanStatus.VASTGESTELD,
        blocking_problem="Dreigende ontruiming door huurachterstand",
        blocking_party="Woonstichting De Brug",
        breakthrough=BREAKTHROUGH,
        why_it_unlocks="Met een vaste woning kan de schuldhulp beginnen",
        blocking_domains=["huisvesting", "financien"],
        decided_by=teamleider.user,
        decided_role=Role.TEAMLEIDER,
        decided_at=timezone.now(),
    )
    goal = Goal.objects.create(plan=plan, domain="huisvesting", description="Blijven wonen")
    Action.objects.create(
        plan=plan,
        goal=goal,
        what="Betalingsregeling afspreken met de woonstichting",
        owner_text="Fatima en wijkteam",
        due_on=datetime.date(2026, 3, 15),
    )
    scores = {code: 3 for code, _label in zrm.DOMAINS_2017}
    scores["geestelijke_gezondheid"] = 1
    household_services.zrm_vastleggen(
        actor=actor_for(professional),
        household=household,
        person=None,
        assessed_on=timezone.localdate(),
        version=zrm.VERSION_2017,
        scores=scores,
    )
    return plan


def _label(code: str) -> str:
    with translation.override("nl"):
        return str(zrm.ALL_DOMAINS[code])


def _print(client, plan):
    return client.get(reverse("plans:print", kwargs={"uuid": plan.uuid}))


def test_print_page_has_what_the_resident_needs(client, professional, plan):
    login_verified(client, professional.user)
    response = _print(client, plan)
    assert response.status_code == 200
    html = response.content.decode()
    assert BREAKTHROUGH in html
    assert "Fatima El Amrani" in html
    assert "Betalingsregeling afspreken met de woonstichting" in html
    assert "Fatima en wijkteam" in html and "15-03-2026" in html
    assert "Tessa Leider" in html  # the decision: who
    assert _label("huisvesting") in html and _label("geestelijke_gezondheid") in html
    assert html.count("doorbraak-signature__line--sign") == 2
    assert 'href="/static/css/print.css"' in html or "css/print.css" in html


def test_print_page_is_logged_as_a_read_for_the_household_and_each_member(
    client, professional, plan
):
    login_verified(client, professional.user)
    _print(client, plan)
    person = plan.household.members.get()
    entries = ProcessingLogEntry.objects.filter(
        activity__code="maatwerkplan", action=LogAction.READ, object_uuid=plan.uuid
    )
    assert entries.filter(subject_pseudonym=Subject("persoon", str(person.uuid)).pseudonym)
    assert entries.filter(
        subject_pseudonym=Subject("huishouden", str(plan.household.uuid)).pseudonym
    )


def test_pdf_is_a_pdf_and_logged_as_an_export(client, professional, plan):
    login_verified(client, professional.user)
    response = client.get(reverse("plans:pdf", kwargs={"uuid": plan.uuid}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert plan.household.reference in response["Content-Disposition"]
    assert ProcessingLogEntry.objects.filter(
        activity__code="maatwerkplan", action=LogAction.EXPORT, object_uuid=plan.uuid
    ).exists()


def test_pdf_template_is_the_print_template_without_the_page_shell(professional, plan):
    access = household_access(actor_for(professional), plan.household.uuid)
    context = plan_context(plan, access) | {"base_template": PDF_BASE, "pdf": True}
    html = render_to_string("plans/print.html", context)
    assert BREAKTHROUGH in html
    assert "<nav" not in html and "<script" not in html and "href=" not in html


def test_share_without_special_categories_prints_no_health_or_justice_scores(client, plan):
    cak = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(plan.household, cak, special=False)
    login_verified(client, cak.user)
    html = _print(client, plan).content.decode()
    assert BREAKTHROUGH in html
    assert _label("financien") in html
    for code in zrm.SPECIAL_CATEGORY_DOMAINS:
        assert _label(code) not in html


def test_share_with_special_categories_prints_them(client, plan):
    cak = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(plan.household, cak, special=True)
    login_verified(client, cak.user)
    html = _print(client, plan).content.decode()
    assert _label("geestelijke_gezondheid") in html


def test_share_without_special_categories_can_download_the_pdf(client, plan):
    cak = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(plan.household, cak, special=False)
    login_verified(client, cak.user)
    response = client.get(reverse("plans:pdf", kwargs={"uuid": plan.uuid}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_another_organisation_gets_404_and_nothing_is_logged(client, plan):
    stranger = member(role=Role.PROFESSIONAL, organisation=OrganisationFactory())
    login_verified(client, stranger.user)
    before = ProcessingLogEntry.objects.count()
    assert _print(client, plan).status_code == 404
    assert client.get(reverse("plans:pdf", kwargs={"uuid": plan.uuid})).status_code == 404
    assert ProcessingLogEntry.objects.count() == before


def test_plan_page_links_to_print_and_pdf(client, professional, plan):
    login_verified(client, professional.user)
    html = client.get(reverse("plans:detail", kwargs={"uuid": plan.uuid})).content.decode()
    assert reverse("plans:print", kwargs={"uuid": plan.uuid}) in html
    assert reverse("plans:pdf", kwargs={"uuid": plan.uuid}) in html


def test_undecided_plan_says_it_is_a_draft(client, professional, plan):
    Plan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.CONCEPT, decided_by=None, decided_at=None, decided_role=""
    )
    login_verified(client, professional.user)
    html = _print(client, plan).content.decode()
    assert "Tessa Leider" not in html
