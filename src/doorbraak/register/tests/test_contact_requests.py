"""Contact requests from a plan to a register entry: pseudonymous by default, each side sees
only its part, the receiver never the household file, and every read and change is logged."""

from django.urls import reverse

import pytest

from doorbraak.audit.models import Action, ProcessingLogEntry
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import AgencyFactory, actor_for, member
from doorbraak.households.tests.factories import household_of, share_with
from doorbraak.plans.models import Plan
from doorbraak.register import services
from doorbraak.register.models import ContactRequest, RequestStatus

from .factories import RegisterEntryFactory

pytestmark = pytest.mark.django_db

ACTIVITY = "contactverzoek-maatwerk"


@pytest.fixture
def professional():
    return member(role=Role.PROFESSIONAL)


@pytest.fixture
def household(professional):
    household = household_of(professional.organisation, team=professional.team)
    # Names no page shows by chance (Faker's could equal a user's).
    household.members.update(voornamen="Zwaantje-Uniek", achternaam="Geheimgehouden")
    return household


@pytest.fixture
def plan(household):
    return Plan.objects.create(household=household)


@pytest.fixture
def cak():
    return AgencyFactory(name="CAK", short_name="CAK")


@pytest.fixture
def cak_entry(cak):
    return RegisterEntryFactory(organisation=cak, name="Maatwerkfunctionaris CAK", nationwide=True)


@pytest.fixture
def cak_maatwerk(cak):
    return member(Role.MAATWERKFUNCTIONARIS, cak)


def applicant(household):
    return household.members.get(role="aanvrager")


def send(client, plan, entry, **data):
    url = reverse("register:plan-requests", kwargs={"uuid": plan.uuid})
    return client.post(
        url, {"entry": str(entry.uuid), "question": "Kan de premie wachten?", **data}
    )


def log_rows(action=None):
    rows = ProcessingLogEntry.objects.filter(activity__code=ACTIVITY)
    return rows.filter(action=action) if action else rows


# --- Sending and what the receiver sees -------------------------------------------------------


def test_the_register_offers_ask_links_for_a_plan_of_the_own_team(
    client, professional, plan, cak_entry
):
    login_verified(client, professional.user)
    page = client.get(reverse("register:search"), {"plan": plan.uuid})
    assert page.context["plan"] == plan
    ask = reverse("register:plan-requests", kwargs={"uuid": plan.uuid}) + f"?aan={cak_entry.uuid}"
    assert ask in page.content.decode()
    form_page = client.get(ask)
    assert form_page.status_code == 200
    assert form_page.context["entry"] == cak_entry
    # Another team's plan in the URL gives no links.
    other_plan = Plan.objects.create(household=household_of())
    page = client.get(reverse("register:search"), {"plan": other_plan.uuid})
    assert page.context["plan"] is None


def test_a_request_is_pseudonymous_by_default(
    client, professional, household, plan, cak_entry, cak_maatwerk
):
    login_verified(client, professional.user)
    assert send(client, plan, cak_entry).status_code == 302
    contact = ContactRequest.objects.get()
    assert (contact.entry, contact.from_organisation, contact.status) == (
        cak_entry,
        professional.organisation,
        RequestStatus.VERSTUURD,
    )
    assert not contact.share_identity and contact.shared_person is None
    login_verified(client, cak_maatwerk.user)
    body = client.get(reverse("register:request", kwargs={"uuid": contact.uuid})).content.decode()
    person = applicant(household)
    assert household.reference in body
    assert person.achternaam not in body and person.voornamen not in body
    assert person.geboortedatum.strftime("%d-%m-%Y") not in body


def test_with_a_legal_basis_the_receiver_sees_name_and_date_of_birth(
    client, professional, household, plan, cak_entry, cak_maatwerk
):
    login_verified(client, professional.user)
    response = send(
        client, plan, cak_entry, share_identity="on", legal_basis="Toestemming van 3 december"
    )
    assert response.status_code == 302
    contact = ContactRequest.objects.get()
    person = applicant(household)
    assert contact.shared_person == person and contact.legal_basis == "Toestemming van 3 december"
    login_verified(client, cak_maatwerk.user)
    body = client.get(reverse("register:request", kwargs={"uuid": contact.uuid})).content.decode()
    assert person.full_name in body
    assert person.geboortedatum.strftime("%d-%m-%Y") in body
    assert "Toestemming van 3 december" in body


def test_sharing_the_name_without_a_legal_basis_is_refused(client, professional, plan, cak_entry):
    login_verified(client, professional.user)
    assert send(client, plan, cak_entry, share_identity="on").status_code == 400
    assert not ContactRequest.objects.exists()


def test_a_question_with_a_bsn_is_refused(client, professional, plan, cak_entry):
    login_verified(client, professional.user)
    response = send(client, plan, cak_entry, question="Het gaat om BSN 999993653.")
    assert response.status_code == 400
    assert not ContactRequest.objects.exists()


def test_a_deactivated_entry_takes_no_requests(client, professional, plan, cak_entry):
    cak_entry.active = False
    cak_entry.save()
    login_verified(client, professional.user)
    assert send(client, plan, cak_entry).status_code == 400
    assert not ContactRequest.objects.exists()


# --- Both sides see only their part -----------------------------------------------------------


def test_an_agency_never_sees_another_agencys_requests(
    client, professional, plan, cak_entry, cak_maatwerk
):
    uwv = AgencyFactory(name="UWV", short_name="UWV")
    uwv_entry = RegisterEntryFactory(organisation=uwv, name="Maatwerkfunctionaris UWV")
    actor = actor_for(professional)
    to_cak = services.verzoek_versturen(
        actor=actor, plan=plan, entry=cak_entry, question="Voor CAK"
    )
    to_uwv = services.verzoek_versturen(
        actor=actor, plan=plan, entry=uwv_entry, question="Voor UWV"
    )

    uwv_maatwerk = member(Role.MAATWERKFUNCTIONARIS, uwv)
    login_verified(client, uwv_maatwerk.user)
    inbox = client.get(reverse("register:inbox"))
    assert [c.pk for c in inbox.context["requests"]] == [to_uwv.pk]
    assert "Voor CAK" not in inbox.content.decode()
    cak_url = reverse("register:request", kwargs={"uuid": to_cak.uuid})
    assert client.get(cak_url).status_code == 404
    assert client.post(cak_url, {"answer": "Overgenomen"}).status_code == 404
    solve = reverse("register:request-solve", kwargs={"uuid": to_cak.uuid})
    assert client.post(solve).status_code == 404
    to_cak.refresh_from_db()
    assert to_cak.status == RequestStatus.VERSTUURD and to_cak.answer == ""

    login_verified(client, cak_maatwerk.user)
    assert [c.pk for c in client.get(reverse("register:inbox")).context["requests"]] == [to_cak.pk]


def test_the_receiver_gets_404_on_the_household_and_the_plan(
    client, professional, household, plan, cak_entry, cak_maatwerk
):
    services.verzoek_versturen(
        actor=actor_for(professional),
        plan=plan,
        entry=cak_entry,
        question="Vraag",
        share_identity=True,
        legal_basis="Toestemming",
    )
    login_verified(client, cak_maatwerk.user)
    assert (
        client.get(reverse("households:detail", kwargs={"uuid": household.uuid})).status_code == 404
    )
    assert client.get(reverse("plans:detail", kwargs={"uuid": plan.uuid})).status_code == 404
    beheerder = member(Role.FUNCTIONEEL_BEHEERDER, cak_entry.organisation)
    login_verified(client, beheerder.user)
    assert (
        client.get(reverse("households:detail", kwargs={"uuid": household.uuid})).status_code == 404
    )


def test_a_share_holder_does_not_see_the_plans_requests(client, household, plan):
    other = member(Role.PROFESSIONAL)
    share_with(household, other)
    login_verified(client, other.user)
    url = reverse("register:plan-requests", kwargs={"uuid": plan.uuid})
    assert client.get(url).status_code == 403


def test_answer_and_solve_show_on_the_plans_page(
    client, professional, plan, cak_entry, cak_maatwerk
):
    contact = services.verzoek_versturen(
        actor=actor_for(professional), plan=plan, entry=cak_entry, question="Vraag"
    )
    login_verified(client, cak_maatwerk.user)
    url = reverse("register:request", kwargs={"uuid": contact.uuid})
    assert client.post(url, {"answer": "De inhouding wacht drie maanden."}).status_code == 302
    contact.refresh_from_db()
    assert contact.status == RequestStatus.BEANTWOORD
    assert contact.answered_by == cak_maatwerk.user and contact.answered_at is not None

    login_verified(client, professional.user)
    page = client.get(reverse("register:plan-requests", kwargs={"uuid": plan.uuid}))
    assert "De inhouding wacht drie maanden." in page.content.decode()
    solve = reverse(
        "register:plan-request-solve", kwargs={"uuid": plan.uuid, "request_uuid": contact.uuid}
    )
    assert client.post(solve).status_code == 302
    contact.refresh_from_db()
    assert contact.status == RequestStatus.OPGELOST and contact.resolved_at is not None
    with pytest.raises(services.NotAllowed):
        services.verzoek_beantwoorden(actor=actor_for(cak_maatwerk), request=contact, answer="x")


# --- The processing log ----------------------------------------------------------------------


def test_every_read_and_change_of_a_request_is_logged_with_pseudonyms(
    client, professional, household, plan, cak_entry, cak_maatwerk
):
    login_verified(client, professional.user)
    send(client, plan, cak_entry, share_identity="on", legal_basis="Toestemming")
    contact = ContactRequest.objects.get()
    shared = log_rows(Action.SHARE)
    # One record per data subject: the household and the applicant whose name was shared.
    assert sorted(shared.values_list("subject_type", flat=True)) == ["huishouden", "persoon"]
    assert {r.object_uuid for r in shared} == {contact.uuid}
    assert str(household.uuid) not in {r.subject_pseudonym for r in shared}

    reads_before = log_rows(Action.READ).count()
    client.get(reverse("register:plan-requests", kwargs={"uuid": plan.uuid}))
    assert log_rows(Action.READ).count() == reads_before + 2

    login_verified(client, cak_maatwerk.user)
    client.get(reverse("register:inbox"))
    client.get(reverse("register:request", kwargs={"uuid": contact.uuid}))
    assert log_rows(Action.READ).filter(actor_user_uuid=cak_maatwerk.user.uuid).count() == 4
    assert log_rows(Action.READ).filter(object_uuid=contact.uuid).exists()

    client.post(reverse("register:request", kwargs={"uuid": contact.uuid}), {"answer": "Ja"})
    client.post(reverse("register:request-solve", kwargs={"uuid": contact.uuid}))
    updates = log_rows(Action.UPDATE).filter(object_uuid=contact.uuid)
    assert updates.count() == 4  # answered, solved: two subjects each
    assert set(updates.values_list("controller", flat=True)) == {household.organisation.pk}
    assert set(updates.values_list("actor_organisation", flat=True)) == {cak_entry.organisation.pk}
