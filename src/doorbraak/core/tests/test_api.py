from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

import pytest

from doorbraak.core import services
from doorbraak.core.models import ApiClient
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified

from .factories import OrganisationFactory, actor_for, member

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).resolve().parents[2] / "api" / "openapi.yaml"


def _token_for(organisation):
    actor = actor_for(member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=organisation))
    return services.api_client_aanmaken(actor=actor, name="Huurincasso")


def test_token_is_stored_hashed_and_identifies_its_organisation(client):
    organisation = OrganisationFactory(name="Woningcorporatie Test")
    api_client, token = _token_for(organisation)
    assert token.split(".")[1] not in api_client.token_hash
    response = client.get(reverse("api:whoami"), HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert response.json()["organisation"]["name"] == "Woningcorporatie Test"
    assert response.json()["role"] == "systeemkoppeling"
    api_client.refresh_from_db()
    assert api_client.last_used_at is not None


def test_revoked_or_wrong_token_is_refused(client):
    organisation = OrganisationFactory()
    api_client, token = _token_for(organisation)
    prefix = token.split(".")[0]
    wrong = client.get(reverse("api:whoami"), HTTP_AUTHORIZATION=f"Token {prefix}.verkeerd")
    assert wrong.status_code == 401
    services.api_client_intrekken(actor=None, client=api_client)
    assert client.get(reverse("api:whoami"), HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_functioneel_beheerder_makes_a_token_that_is_shown_once(client):
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER)
    login_verified(client, beheerder.user)
    response = client.post(reverse("core:api-clients"), {"name": "Debiteurenadministratie"})
    html = response.content.decode()
    created = ApiClient.objects.get(name="Debiteurenadministratie")
    assert created.organisation == beheerder.organisation
    assert f'id="new-token">{created.token_prefix}.' in html
    assert (
        f"{created.token_prefix}." not in client.get(reverse("core:api-clients")).content.decode()
    )


def test_revoke_button_revokes(client):
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER)
    api_client, _token = _token_for(beheerder.organisation)
    login_verified(client, beheerder.user)
    client.post(reverse("core:api-client-revoke", kwargs={"uuid": api_client.uuid}))
    api_client.refresh_from_db()
    assert api_client.revoked_at is not None


def test_organisations_list_uses_cursor_pagination(client):
    login_verified(client, member().user)
    body = client.get(reverse("api:organisations")).json()
    assert set(body) == {"next", "previous", "results"}


def test_committed_openapi_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert SCHEMA.read_text() == generated.read_text(), (
        "The API changed: run `python manage.py spectacular --file src/doorbraak/api/openapi.yaml`"
    )
