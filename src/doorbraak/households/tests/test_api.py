"""The household API: scope per caller, BSN handling, special categories, processing log."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core import services as core_services
from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory, actor_for, member
from doorbraak.households import services, zrm
from doorbraak.households.models import Household, Person

from .factories import household_of, share_with

pytestmark = pytest.mark.django_db
BSN = "999993653"


def _token(organisation) -> str:
    beheerder = actor_for(member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=organisation))
    return core_services.api_client_aanmaken(actor=beheerder, name="Zaaksysteem")[1]


def _auth(token) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


def _with_bsn(household, bsn=BSN) -> Person:
    person = household.members.first()
    person.set_bsn(bsn)
    person.save()
    return person


def _assessment(household, professional):
    scores = dict.fromkeys((code for code, _label in zrm.DOMAINS_2017), 3)
    return services.zrm_vastleggen(
        actor=actor_for(professional),
        household=household,
        person=household.members.first(),
        assessed_on=timezone.localdate(),
        version="2017",
        scores=scores,
        note="Zorgen over gezondheid",
    )


@pytest.fixture
def gemeente_a():
    return OrganisationFactory(name="Gemeente A")


@pytest.fixture
def professional(gemeente_a):
    return member(role=Role.PROFESSIONAL, organisation=gemeente_a)


def _post(client, url, data, **extra):
    return client.post(url, data, content_type="application/json", **extra)


# --- Scope ---------------------------------------------------------------------------------


def test_token_client_of_a_gemeente_lists_only_its_own_households(client, gemeente_a):
    own = [
        household_of(gemeente_a),
        household_of(gemeente_a, team=TeamFactory(organisation=gemeente_a)),
    ]
    other = household_of(OrganisationFactory(name="Gemeente B"))
    response = client.get(reverse("api:households"), **_auth(_token(gemeente_a)))
    assert response.status_code == 200
    listed = {row["uuid"] for row in response.json()["results"]}
    assert listed == {str(h.uuid) for h in own}
    assert str(other.uuid) not in response.content.decode()


def test_token_client_gets_404_for_another_gemeentes_household(client, gemeente_a):
    other = household_of(OrganisationFactory())
    headers = _auth(_token(gemeente_a))
    for name in ("api:household", "api:household-members", "api:household-assessments"):
        assert client.get(reverse(name, kwargs={"uuid": other.uuid}), **headers).status_code == 404


def test_list_is_newest_change_first_with_a_cursor(client, gemeente_a):
    old = household_of(gemeente_a, updated_at=timezone.now() - datetime.timedelta(days=3))
    new = household_of(gemeente_a, updated_at=timezone.now())
    body = client.get(reverse("api:households"), **_auth(_token(gemeente_a))).json()
    assert set(body) == {"next", "previous", "results"}
    assert [row["uuid"] for row in body["results"]] == [str(new.uuid), str(old.uuid)]


def test_client_of_a_creditor_has_no_household_api(client):
    creditor = OrganisationFactory(type=OrganisationType.CREDITEUR, cbs_code=None)
    response = client.get(reverse("api:households"), **_auth(_token(creditor)))
    assert response.status_code == 403


def test_professional_of_another_team_gets_404(client, professional, gemeente_a):
    household = household_of(gemeente_a, team=TeamFactory(organisation=gemeente_a))
    login_verified(client, professional.user)
    for name in ("api:household", "api:household-members", "api:household-assessments"):
        assert client.get(reverse(name, kwargs={"uuid": household.uuid})).status_code == 404
    listed = client.get(reverse("api:households")).json()["results"]
    assert listed == []


def test_professional_sees_own_team_and_shared_households(client, professional, gemeente_a):
    own = household_of(gemeente_a, team=professional.team)
    shared = household_of(OrganisationFactory())
    share_with(shared, professional)
    household_of(gemeente_a)  # another team
    login_verified(client, professional.user)
    listed = {row["uuid"] for row in client.get(reverse("api:households")).json()["results"]}
    assert listed == {str(own.uuid), str(shared.uuid)}


def test_session_without_second_factor_gets_no_data(client, professional):
    household_of(professional.organisation, team=professional.team)
    client.force_login(professional.user)
    assert client.get(reverse("api:households")).status_code == 403


def test_role_without_team_or_share_is_refused(client, gemeente_a):
    loket = member(role=Role.LOKET, organisation=gemeente_a)
    login_verified(client, loket.user)
    assert client.get(reverse("api:households")).status_code == 403


# --- BSN -------------------------------------------------------------------------------------


def test_bsn_is_never_returned(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    _with_bsn(household)
    login_verified(client, professional.user)
    responses = [
        client.get(reverse("api:households")),
        client.get(reverse("api:household", kwargs={"uuid": household.uuid})),
        client.get(reverse("api:household-members", kwargs={"uuid": household.uuid})),
        _post(
            client,
            reverse("api:household-members", kwargs={"uuid": household.uuid}),
            {"role": "partner", "voornamen": "Sem", "achternaam": "Jansen", "bsn": "111222333"},
        ),
    ]
    for response in responses:
        assert response.status_code in (200, 201), response.content
        body = response.content.decode()
        assert BSN not in body and "111222333" not in body
        assert '"bsn":' not in body
    members = responses[2].json()
    assert members[0]["bsn_masked"].endswith("653")
    assert responses[3].json()["bsn_masked"].endswith("333")
    assert Person.objects.get(uuid=responses[3].json()["uuid"]).bsn == "111222333"


def test_invalid_bsn_gives_400_with_a_field_error(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    login_verified(client, professional.user)
    url = reverse("api:household-members", kwargs={"uuid": household.uuid})
    response = _post(
        client,
        url,
        {"role": "kind", "voornamen": "Noor", "achternaam": "Jansen", "bsn": "123456789"},
    )
    assert response.status_code == 400
    assert "elfproef" in response.json()["bsn"][0]
    short = _post(
        client, url, {"role": "kind", "voornamen": "Noor", "achternaam": "J", "bsn": "12"}
    )
    assert short.status_code == 400 and "bsn" in short.json()
    assert household.members.count() == 1


def test_intake_by_a_team_member_creates_a_household(client, professional):
    login_verified(client, professional.user)
    response = _post(
        client,
        reverse("api:households"),
        {
            "straat": "Beijerlandselaan",
            "huisnummer": 12,
            "postcode": "3074ae",
            "plaats": "Rotterdam",
            "applicant": {"voornamen": "Fatima", "achternaam": "El Amrani", "bsn": "999 99 3653"},
        },
    )
    assert response.status_code == 201, response.content
    household = Household.objects.get(uuid=response.json()["uuid"])
    assert household.team == professional.team and household.postcode == "3074 AE"
    assert household.members.get().bsn == BSN
    assert BSN not in response.content.decode()
    assert "id" not in response.json()


def test_token_client_cannot_write(client, gemeente_a):
    household = household_of(gemeente_a)
    headers = _auth(_token(gemeente_a))
    created = _post(client, reverse("api:households"), {"applicant": {}}, **headers)
    assert created.status_code == 403
    member_url = reverse("api:household-members", kwargs={"uuid": household.uuid})
    added = _post(
        client, member_url, {"role": "kind", "voornamen": "A", "achternaam": "B"}, **headers
    )
    assert added.status_code == 403
    assert household.members.count() == 1


def test_shared_professional_reads_but_cannot_add_members(client):
    household = household_of(OrganisationFactory())
    recipient = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(household, recipient)
    login_verified(client, recipient.user)
    url = reverse("api:household-members", kwargs={"uuid": household.uuid})
    assert client.get(url).status_code == 200
    assert (
        _post(client, url, {"role": "kind", "voornamen": "A", "achternaam": "B"}).status_code == 403
    )


# --- ZRM and special categories --------------------------------------------------------------


def test_team_sees_every_zrm_domain(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    _assessment(household, professional)
    login_verified(client, professional.user)
    body = client.get(reverse("api:household-assessments", kwargs={"uuid": household.uuid})).json()
    domains = {score["domain"] for score in body[0]["scores"]}
    assert "justitie" in domains and "geestelijke_gezondheid" in domains
    assert body[0]["note"] == "Zorgen over gezondheid"
    assert body[0]["special_categories_withheld"] is False
    assert body[0]["person"] == str(household.members.first().uuid)


@pytest.mark.parametrize("caller", ["share", "client"])
def test_health_and_justice_are_withheld_without_explicit_access(client, professional, caller):
    household = household_of(professional.organisation, team=professional.team)
    _assessment(household, professional)
    headers = {}
    if caller == "share":
        recipient = member(role=Role.MAATWERKFUNCTIONARIS)
        share_with(household, recipient, special=False)
        login_verified(client, recipient.user)
    else:
        headers = _auth(_token(professional.organisation))
    response = client.get(
        reverse("api:household-assessments", kwargs={"uuid": household.uuid}), **headers
    )
    body = response.json()
    domains = {score["domain"] for score in body[0]["scores"]}
    assert domains and not domains & {
        "justitie",
        "geestelijke_gezondheid",
        "lichamelijke_gezondheid",
        "middelengebruik",
    }
    assert body[0]["note"] is None and body[0]["special_categories_withheld"] is True


def test_share_with_special_categories_sees_them(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    _assessment(household, professional)
    recipient = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(household, recipient, special=True)
    login_verified(client, recipient.user)
    body = client.get(reverse("api:household-assessments", kwargs={"uuid": household.uuid})).json()
    assert "justitie" in {score["domain"] for score in body[0]["scores"]}


# --- Processing log --------------------------------------------------------------------------


def test_every_call_writes_processing_log_rows(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    _assessment(household, professional)
    login_verified(client, professional.user)
    calls = [
        ("GET", reverse("api:households"), None),
        ("GET", reverse("api:household", kwargs={"uuid": household.uuid}), None),
        ("GET", reverse("api:household-members", kwargs={"uuid": household.uuid}), None),
        ("GET", reverse("api:household-assessments", kwargs={"uuid": household.uuid}), None),
        (
            "POST",
            reverse("api:household-members", kwargs={"uuid": household.uuid}),
            {"role": "kind", "voornamen": "Noor", "achternaam": "Jansen"},
        ),
        (
            "POST",
            reverse("api:households"),
            {"applicant": {"voornamen": "Piet", "achternaam": "de Vries"}},
        ),
    ]
    for method, url, data in calls:
        before = ProcessingLogEntry.objects.count()
        response = client.get(url) if method == "GET" else _post(client, url, data)
        assert response.status_code in (200, 201), (url, response.content)
        new = ProcessingLogEntry.objects.order_by("id")[before:]
        assert new, f"{method} {url} wrote no processing-log entry"
        assert all(entry.actor_user_uuid == professional.user.uuid for entry in new)


def test_client_reads_are_logged_with_the_client(client, gemeente_a):
    household = household_of(gemeente_a)
    token = _token(gemeente_a)
    before = ProcessingLogEntry.objects.count()
    client.get(reverse("api:household", kwargs={"uuid": household.uuid}), **_auth(token))
    entries = list(ProcessingLogEntry.objects.order_by("id")[before:])
    assert entries and all(e.api_client_uuid is not None for e in entries)
    assert {e.actor_role for e in entries} == {"systeemkoppeling"}
    assert {e.subject_type for e in entries} == {"huishouden", "persoon"}
