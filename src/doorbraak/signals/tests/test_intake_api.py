"""The intake API: a creditor's system sends DDAS Vroegsignalen and follows the delivery."""

import json

from django.urls import reverse

import pytest
from freezegun import freeze_time

from doorbraak.core import services as core_services
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import actor_for, member
from doorbraak.signals.models import Delivery, DeliveryStatus, Feedback, Signal

from .factories_intake import TODAY, creditor_staff, gemeente

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
URL = "/api/v1/vroegsignalen/leveringen/"


@pytest.fixture
def frozen():
    with freeze_time(TODAY):
        yield


def token_for(organisation):
    beheerder = member(Role.FUNCTIONEEL_BEHEERDER, organisation)
    _client, token = core_services.api_client_aanmaken(actor=actor_for(beheerder), name="Systeem")
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


def signal(**fields):
    """A DDAS v0.9 Vroegsignaal, with the platform's optional fields."""
    value = {
        "ID": "ENERGIE-1",
        "crisissignaal": False,
        "warmeOverdracht": False,
        "bedrag": 320,
        "ontstaansdatum": "2026-01-15",
        "signaaldatum": "2026-03-02",
        "signaalpartner": {"type": "Energie"},
        "client": {
            "Burgerservicenummer": "123456782",
            "Voorletters": "A.",
            "Achternaam": "Bakker",
            "Geboortedatum": "1975-02-03",
            "Straatnaam": "Kerkstraat",
            "Postcode": "3072AP",
            "Huisnummer": "5",
            "Plaatsnaam": "Rotterdam",
        },
        "aanmaningsdatum": "2026-02-15",
    }
    value.update(fields)
    return value


def post(client, body, **auth):
    return client.post(URL, data=json.dumps(body), content_type="application/json", **auth)


def test_a_creditor_system_delivers_ddas_signals_and_follows_them(client):
    assert reverse("api:signal-deliveries") == URL
    gemeente()
    creditor, _m, _actor = creditor_staff()
    auth = token_for(creditor)
    body = {
        "gemeentecode": "GM0599",
        "vroegsignalen": [
            signal(),
            signal(ID="ENERGIE-2", bedrag=-4, client={"Postcode": "X", "Huisnummer": "1"}),
        ],
    }
    response = post(client, body, **auth)
    assert response.status_code == 202, response.content
    data = response.json()
    delivery = Delivery.objects.get(uuid=data["id"])
    assert data["status_url"].endswith(f"{URL}{delivery.uuid}/")
    assert response["Location"] == data["status_url"]
    assert delivery.api_client is not None
    assert delivery.sha256

    Signal.objects.filter(external_id="ENERGIE-1").update(feedback=Feedback.NIET_OPGEPAKT)
    status = client.get(f"{URL}{delivery.uuid}/", **auth)
    assert status.status_code == 200
    result = status.json()
    assert result["delivery"]["status"] == DeliveryStatus.PROCESSED
    assert (result["delivery"]["accepted"], result["delivery"]["rejected"]) == (1, 1)
    assert result["signals"] == [{"ID": "ENERGIE-1", "feedback": "niet_opgepakt"}]
    [rejected] = result["rejected_rows"]
    assert rejected["row"] == 2
    assert rejected["ID"] == "ENERGIE-2"
    columns = {e["column"] for e in rejected["errors"]}
    assert {"bedrag", "Postcode", "Achternaam"} <= columns
    stored = Signal.objects.get(external_id="ENERGIE-1")
    assert stored.signaalpartner == "Energie"
    assert stored.bsn == "123456782"
    assert stored.organisation.cbs_code == "GM0599"
    # Sending the same batch again: nothing new.
    again = post(client, {"gemeentecode": "GM0599", "vroegsignalen": [signal()]}, **auth)
    follow = client.get(f"{URL}{again.json()['id']}/", **auth).json()
    assert follow["delivery"]["already_received"] == 1
    assert Signal.objects.filter(external_id="ENERGIE-1").count() == 1


def test_unknown_fields_are_a_warning_and_a_non_object_is_a_row_error(client):
    gemeente()
    creditor, _m, _actor = creditor_staff()
    auth = token_for(creditor)
    body = {
        "gemeentecode": "0599",
        "vroegsignalen": [signal(extra=1, status="Nog niet opgepakt"), "x"],
    }
    data = post(client, body, **auth).json()
    result = client.get(f"{URL}{data['id']}/", **auth).json()
    assert result["delivery"]["warnings"] == ["Onbekende veld(en) genegeerd: extra."]
    assert result["rejected_rows"][0]["errors"] == [
        {"column": "", "message": "is geen signaalobject."}
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"not json", "De inhoud is geen geldige JSON."),
        (b'{"signalen": []}', "De inhoud moet een object zijn met een lijst vroegsignalen."),
        (b"[]", "De inhoud moet een object zijn met een lijst vroegsignalen."),
    ],
)
def test_a_body_that_is_no_delivery_is_refused_and_not_stored(client, body, message):
    creditor, _m, _actor = creditor_staff()
    response = client.post(URL, data=body, content_type="application/json", **token_for(creditor))
    assert response.status_code == 400
    assert response.json()["detail"] == message
    assert not Delivery.objects.exists()


def test_a_bad_gemeentecode_of_the_delivery_is_refused(client):
    creditor, _m, _actor = creditor_staff()
    response = post(
        client, {"gemeentecode": "Rotterdam", "vroegsignalen": []}, **token_for(creditor)
    )
    assert response.status_code == 400
    assert "Rotterdam is geen CBS-gemeentecode" in response.json()["gemeentecode"]


def test_another_creditors_delivery_is_404(client):
    creditor, _m, _actor = creditor_staff()
    other, _m2, _a2 = creditor_staff()
    data = post(client, {"vroegsignalen": [signal()]}, **token_for(creditor)).json()
    assert client.get(f"{URL}{data['id']}/", **token_for(other)).status_code == 404


def test_a_gemeente_system_or_user_is_refused_with_403(client):
    rotterdam = gemeente()
    auth = token_for(rotterdam)
    assert post(client, {"vroegsignalen": [signal()]}, **auth).status_code == 403
    creditor, _m, _actor = creditor_staff()
    data = post(client, {"vroegsignalen": [signal()]}, **token_for(creditor)).json()
    assert client.get(f"{URL}{data['id']}/", **auth).status_code == 403
    user = member(Role.VROEGSIGNALERING, rotterdam)
    login_verified(client, user.user)
    assert client.get(f"{URL}{data['id']}/").status_code == 403


def test_creditor_staff_follow_but_do_not_post_through_the_api(client):
    creditor, membership, _actor = creditor_staff()
    data = post(client, {"vroegsignalen": [signal()]}, **token_for(creditor)).json()
    login_verified(client, membership.user)
    assert client.get(f"{URL}{data['id']}/").status_code == 200
    assert post(client, {"vroegsignalen": [signal(ID="Z")]}).status_code == 403


def test_anonymous_callers_are_refused(client):
    assert post(client, {"vroegsignalen": []}).status_code in {401, 403}
    assert client.get(f"{URL}00000000-0000-0000-0000-000000000000/").status_code in {401, 403}
