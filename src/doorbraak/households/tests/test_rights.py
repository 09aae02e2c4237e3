"""Rights of the data subject (AVG art. 15–17): access as JSON and PDF, correction, erasure
within the retention rules of the register of processing activities."""

import datetime
import json

from django.urls import reverse
from django.utils import timezone

import pytest

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.models import ProcessingActivity, ProcessingLogEntry, Status
from doorbraak.audit.services import Subject
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, actor_for, member
from doorbraak.households import rights, services, zrm
from doorbraak.households.models import Assessment, Household, MemberRole, Person
from doorbraak.plans.models import Action, Plan, PlanStatus

from .factories import PersonFactory, household_of, share_with

pytestmark = pytest.mark.django_db
BSN = "999993653"


@pytest.fixture
def teamleider():
    return member(role=Role.TEAMLEIDER)


@pytest.fixture
def professional(teamleider):
    return member(
        role=Role.PROFESSIONAL, organisation=teamleider.organisation, team=teamleider.team
    )


def _scores():
    return {code: 4 for code, _label in zrm.DOMAINS_2017}


@pytest.fixture
def household(teamleider, professional):
    actor = actor_for(professional)
    household = services.huishouden_aanmaken(
        actor=actor,
        address={"straat": "Beijerlandselaan", "huisnummer": 12, "postcode": "3074 AE"},
        applicant={"voornamen": "Fatima", "achternaam": "El Amrani"},
        bsn=BSN,
    )
    applicant = household.members.get()
    partner = services.persoon_opslaan(
        actor=actor,
        household=household,
        person=None,
        data={"role": MemberRole.PARTNER, "voornamen": "Youssef", "achternaam": "El Amrani"},
        bsn="",
    )
    for person in (applicant, partner, None):
        services.zrm_vastleggen(
            actor=actor,
            household=household,
            person=person,
            assessed_on=timezone.localdate(),
            version=zrm.VERSION_2017,
            scores=_scores(),
        )
    cak = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(household, cak)
    plan = Plan.objects.create(household=household, breakthrough="Ontruiming stoppen")
    Action.objects.create(
        plan=plan,
        what="Betalingsregeling",
        owner_text="bewoner",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    return household


def _applicant(household):
    return household.members.get(role=MemberRole.AANVRAGER)


def _url(name, person):
    return reverse(name, kwargs={"uuid": person.household.uuid, "person_uuid": person.uuid})


def _pseudonym(person):
    return Subject("persoon", str(person.uuid)).pseudonym


def _make_erasable(household):
    """The retention of the household file has passed and no plan is open."""
    long_ago = timezone.now() - datetime.timedelta(days=5479 + 10)
    household.plans.update(status=PlanStatus.AFGESLOTEN, updated_at=long_ago)
    Household.objects.filter(pk=household.pk).update(updated_at=long_ago)


# --- Access (art. 15) ------------------------------------------------------------------------


def test_json_export_holds_everything_about_the_person_and_is_logged(
    client, professional, household
):
    person = _applicant(household)
    login_verified(client, professional.user)
    response = client.get(_url("households:person-export-json", person))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "Fatima" not in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["bsn"] == BSN
    assert data["person"]["voornamen"] == "Fatima"
    assert data["household"]["straat"] == "Beijerlandselaan"
    assert data["household"]["postcode"] == "3074 AE"
    assert [m["name"] for m in data["household"]["members"]] == ["Youssef El Amrani"]
    assert data["grounds"] and data["shares"]
    # The person's own assessment and the household's, not the partner's.
    assert sorted(a["about"] for a in data["assessments"]) == ["huishouden", "persoon"]
    assert data["plans"][0]["breakthrough"] == "Ontruiming stoppen"
    assert data["plans"][0]["actions"][0]["what"] == "Betalingsregeling"
    # The processing log about this person: the intake (create) and the ZRM.
    log = data["processing_log"]
    assert {e["activity"] for e in log} >= {"huishoudensdossier", "zrm-vastleggen"}
    assert all("actor_label" not in e for e in log)
    assert ProcessingLogEntry.objects.filter(
        activity__code=rights.ACTIVITY,
        action=LogAction.EXPORT,
        subject_pseudonym=_pseudonym(person),
        detail="inzage (json)",
    ).exists()


def test_pdf_export_is_a_pdf_and_is_logged(client, professional, household):
    person = _applicant(household)
    login_verified(client, professional.user)
    response = client.get(_url("households:person-export-pdf", person))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert ProcessingLogEntry.objects.filter(
        activity__code=rights.ACTIVITY,
        action=LogAction.EXPORT,
        subject_pseudonym=_pseudonym(person),
        detail="inzage (pdf)",
    ).exists()


def test_pdf_template_shows_the_data_readably(household):
    from django.template.loader import render_to_string

    html = render_to_string(
        "households/rights_export_pdf.html",
        {"data": rights.person_data(_applicant(household))},
    )
    assert BSN in html and "Beijerlandselaan" in html and "Ontruiming stoppen" in html
    assert timezone.localdate().strftime("%d-%m-%Y") in html
    assert "href=" not in html and "<script" not in html


def test_a_share_recipient_cannot_export_and_another_organisation_gets_404(client, household):
    person = _applicant(household)
    cak = household.shares.get().user
    login_verified(client, cak)
    assert client.get(_url("households:person-export-json", person)).status_code == 403
    client.logout()
    stranger = member(role=Role.PROFESSIONAL, organisation=OrganisationFactory())
    login_verified(client, stranger.user)
    assert client.get(_url("households:person-export-json", person)).status_code == 404


def test_a_member_of_another_household_gives_404(client, professional, household):
    elsewhere = PersonFactory(
        household=household_of(professional.organisation, team=professional.team)
    )
    login_verified(client, professional.user)
    url = reverse(
        "households:person-export-json",
        kwargs={"uuid": household.uuid, "person_uuid": elsewhere.uuid},
    )
    assert client.get(url).status_code == 404


def test_household_page_offers_the_rights_with_erasure_only_for_the_teamleider(
    client, professional, teamleider, household
):
    person = _applicant(household)
    detail = reverse("households:detail", kwargs={"uuid": household.uuid})
    login_verified(client, professional.user)
    html = client.get(detail).content.decode()
    assert _url("households:person-export-json", person) in html
    assert _url("households:person-export-pdf", person) in html
    assert _url("households:person-edit", person) in html
    assert _url("households:person-erase", person) not in html
    client.logout()
    login_verified(client, teamleider.user)
    assert _url("households:person-erase", person) in client.get(detail).content.decode()


# --- Erasure (art. 17) -----------------------------------------------------------------------


def test_a_professional_may_not_erase(client, professional, household):
    person = _applicant(household)
    login_verified(client, professional.user)
    url = _url("households:person-erase", person)
    assert client.get(url).status_code == 403
    response = client.post(url, {"ground": "onrechtmatig_verwerkt", "confirm": "on"})
    assert response.status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()


def test_erase_form_requires_a_legal_ground(client, teamleider, household):
    login_verified(client, teamleider.user)
    response = client.post(_url("households:person-erase", _applicant(household)), {})
    assert response.status_code == 400
    assert 'href="#id_ground' in response.content.decode()


def test_request_of_the_data_subject_is_refused_within_the_retention_period(
    client, teamleider, household
):
    _make_erasable(household)
    Household.objects.filter(pk=household.pk).update(updated_at=timezone.now())
    person = _applicant(household)
    login_verified(client, teamleider.user)
    response = client.post(
        _url("households:person-erase", person),
        {"ground": "verzoek_betrokkene", "confirm": "on"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    retention = ProcessingActivity.objects.get(code="huishoudensdossier")
    erasable_from = timezone.localdate() + datetime.timedelta(days=retention.retention_days)
    assert str(retention.retention_days) in html
    assert erasable_from.strftime("%d-%m-%Y") in html
    assert Person.objects.filter(pk=person.pk).exists()
    assert ProcessingLogEntry.objects.filter(
        activity__code=rights.ACTIVITY,
        action=LogAction.DELETE,
        status=Status.REFUSED,
        subject_pseudonym=_pseudonym(person),
    ).exists()


def test_request_is_refused_while_a_plan_is_open(teamleider, household):
    _make_erasable(household)
    Plan.objects.filter(household=household).update(status=PlanStatus.IN_UITVOERING)
    with pytest.raises(rights.ErasureRefused, match="maatwerkplan"):
        rights.verwijderen(
            actor=actor_for(teamleider),
            person=_applicant(household),
            ground=rights.ErasureGround.VERZOEK_BETROKKENE,
        )


def test_request_after_the_retention_period_erases_person_assessments_and_history(
    client, teamleider, household
):
    _make_erasable(household)
    person = _applicant(household)
    pseudonym = _pseudonym(person)
    assert Person.history.filter(uuid=person.uuid).exists()
    login_verified(client, teamleider.user)
    response = client.post(
        _url("households:person-erase", person),
        {"ground": "verzoek_betrokkene", "confirm": "on"},
    )
    assert response.status_code == 302
    assert not Person.objects.filter(uuid=person.uuid).exists()
    assert not Person.history.filter(uuid=person.uuid).exists()
    assert not Assessment.objects.filter(person_id=person.pk).exists()
    # The household's own assessment and the partner stay.
    assert Assessment.objects.filter(household=household, person__isnull=True).exists()
    assert household.members.filter(voornamen="Youssef").exists()
    entry = ProcessingLogEntry.objects.get(
        activity__code=rights.ACTIVITY, action=LogAction.DELETE, status=Status.OK
    )
    assert entry.subject_pseudonym == pseudonym
    assert entry.object_uuid == household.uuid  # not the person's id
    assert "Fatima" not in entry.detail and "El Amrani" not in entry.detail


@pytest.mark.parametrize("ground", ["onrechtmatig_verwerkt", "bezwaar_gegrond"])
def test_unlawful_processing_or_upheld_objection_erases_despite_retention(
    client, teamleider, household, ground
):
    person = _applicant(household)  # household changed today, plan open
    login_verified(client, teamleider.user)
    response = client.post(
        _url("households:person-erase", person), {"ground": ground, "confirm": "on"}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(uuid=person.uuid).exists()
    assert not Person.history.filter(uuid=person.uuid).exists()


def test_erase_page_warns_about_the_retention_before_submitting(client, teamleider, household):
    login_verified(client, teamleider.user)
    response = client.get(_url("households:person-erase", _applicant(household)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "utrecht-alert--warning" in html
    assert 'name="ground"' in html and 'value="onrechtmatig_verwerkt"' in html


def test_correction_uses_the_person_edit_page(client, professional, household):
    person = _applicant(household)
    login_verified(client, professional.user)
    response = client.post(
        _url("households:person-edit", person),
        {
            "role": MemberRole.AANVRAGER,
            "voornamen": "Fatima",
            "achternaam": "El-Amrani",
            "bsn": BSN,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.achternaam == "El-Amrani"
