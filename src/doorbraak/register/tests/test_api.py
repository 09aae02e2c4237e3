"""The register API: search with the same filters, a plan's requests for its team, and the
receiving organisation's requests and answers."""

import json

from django.urls import reverse

import pytest

from doorbraak.core import services as core_services
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import AgencyFactory, OrganisationFactory, actor_for, member
from doorbraak.households.tests.factories import household_of
from doorbraak.plans.models import Plan
from doorbraak.register.models import ContactRequest, RequestStatus

from .factories import RegisterEntryFactory

pytestmark = pytest.mark.django_db


def post_json(client, url, data, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **extra)


@pytest.fixture
def schiedam():
    return OrganisationFactory(name="Schiedam", cbs_code="GM0606")


@pytest.fixture
def cak():
    return AgencyFactory(name="CAK", short_name="CAK")


@pytest.fixture
def cak_entry(cak, schiedam):
    return RegisterEntryFactory(
        organisation=cak, name="Maatwerkfunctionaris CAK", nationwide=True, gemeenten=[schiedam]
    )


@pytest.fixture
def professional(schiedam):
    return member(Role.PROFESSIONAL, schiedam)


@pytest.fixture
def plan(professional):
    return Plan.objects.create(
        household=household_of(professional.organisation, team=professional.team)
    )


def test_api_search_uses_the_same_filters_and_pages_with_a_cursor(client, cak_entry, schiedam):
    for n in range(55):
        RegisterEntryFactory(name=f"Team {n:02d}", domains=["werk_opleiding"])
    login_verified(client, member(Role.ANALIST, schiedam).user)
    body = client.get(reverse("api:register-entries"), {"gemeente": "GM0606"}).json()
    assert [row["name"] for row in body["results"]] == ["Maatwerkfunctionaris CAK"]
    assert body["results"][0]["gemeenten"] == ["GM0606"]
    assert body["results"][0]["organisation"]["short_name"] == "CAK"
    first = client.get(reverse("api:register-entries"), {"leefgebied": "werk_opleiding"}).json()
    assert len(first["results"]) == 50 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None
    bad = client.get(reverse("api:register-entries"), {"gemeente": "GM9999"})
    assert bad.status_code == 400


def test_api_entry_detail_and_a_deactivated_one_is_404(client, cak_entry, schiedam):
    login_verified(client, member(Role.PROFESSIONAL, schiedam).user)
    url = reverse("api:register-entry", kwargs={"uuid": cak_entry.uuid})
    assert client.get(url).json()["mandate"] == cak_entry.mandate
    cak_entry.active = False
    cak_entry.save()
    assert client.get(url).status_code == 404


def test_api_send_list_and_answer_a_request(client, professional, plan, cak_entry, cak):
    login_verified(client, professional.user)
    url = reverse("api:plan-contact-requests", kwargs={"uuid": plan.uuid})
    refused = post_json(
        client, url, {"entry": str(cak_entry.uuid), "question": "x", "share_identity": True}
    )
    assert refused.status_code == 400 and "legal_basis" in refused.json()
    sent = post_json(
        client, url, {"entry": str(cak_entry.uuid), "question": "Kan de premie wachten?"}
    )
    assert sent.status_code == 201
    assert sent.json()["household_reference"] == plan.household.reference
    assert sent.json()["shared_name"] == ""
    assert [r["uuid"] for r in client.get(url).json()] == [sent.json()["uuid"]]

    receiver = member(Role.MAATWERKFUNCTIONARIS, cak)
    login_verified(client, receiver.user)
    inbox = client.get(reverse("api:register-requests")).json()["results"]
    assert [r["uuid"] for r in inbox] == [sent.json()["uuid"]]
    assert "plan" not in inbox[0]
    answer_url = reverse("api:register-request-answer", kwargs={"uuid": sent.json()["uuid"]})
    answered = post_json(client, answer_url, {"answer": "Ja, drie maanden.", "resolve": True})
    assert answered.status_code == 200 and answered.json()["status"] == RequestStatus.OPGELOST
    again = post_json(client, answer_url, {"answer": "Nogmaals"})
    assert again.status_code == 409
    contact = ContactRequest.objects.get()
    assert (contact.answer, contact.answered_by) == ("Ja, drie maanden.", receiver.user)


def test_api_another_agency_cannot_answer_or_list(client, professional, plan, cak_entry):
    contact = ContactRequest.objects.create(
        plan=plan, entry=cak_entry, from_organisation=professional.organisation, question="Vraag"
    )
    uwv_maatwerk = member(Role.MAATWERKFUNCTIONARIS, AgencyFactory(name="UWV"))
    login_verified(client, uwv_maatwerk.user)
    assert client.get(reverse("api:register-requests")).json()["results"] == []
    url = reverse("api:register-request-answer", kwargs={"uuid": contact.uuid})
    assert post_json(client, url, {"answer": "Overgenomen"}).status_code == 404
    contact.refresh_from_db()
    assert contact.answer == ""


def test_api_a_gemeente_system_reads_the_plans_requests_but_cannot_send(
    client, plan, cak_entry, schiedam
):
    beheerder = member(Role.FUNCTIONEEL_BEHEERDER, schiedam)
    _api_client, token = core_services.api_client_aanmaken(
        actor=actor_for(beheerder), name="Zaaksysteem"
    )
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    url = reverse("api:plan-contact-requests", kwargs={"uuid": plan.uuid})
    assert client.get(url, **auth).status_code == 200
    sent = post_json(client, url, {"entry": str(cak_entry.uuid), "question": "Vraag"}, **auth)
    assert sent.status_code == 403
    assert client.get(reverse("api:register-entries"), **auth).status_code == 200
    assert not ContactRequest.objects.exists()
