"""The DDAS pages and API: the download, the import page, and every denial."""

import datetime
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core import services as core_services
from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, actor_for, member
from doorbraak.signals import ddas
from doorbraak.signals.models import Signal

from .factories import CreditorFactory, SignalFactory

pytestmark = pytest.mark.django_db

DDAS_ROLES = {Role.FUNCTIONEEL_BEHEERDER, Role.VROEGSIGNALERING}
MONITOR_ROLES = {Role.VROEGSIGNALERING, Role.TEAMLEIDER, Role.ANALIST}


@pytest.fixture
def gemeente():
    return OrganisationFactory(name="Gemeente Schiedam", cbs_code="GM0606")


def _login(client, role, organisation):
    membership = member(role, organisation)
    login_verified(client, membership.user)
    return membership


def _token(organisation):
    beheerder = member(Role.FUNCTIONEEL_BEHEERDER, organisation)
    _client, token = core_services.api_client_aanmaken(actor=actor_for(beheerder), name="Systeem")
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


def _api(code="GM0606", period="2026-11"):
    return reverse("api:signals-ddas", kwargs={"gemeente": code, "period": period})


def test_download_has_the_ddas_file_name_and_is_logged(client, gemeente):
    SignalFactory(organisation=gemeente, signaaldatum=datetime.date(2026, 11, 4))
    _login(client, Role.VROEGSIGNALERING, gemeente)
    response = client.get(reverse("signals:ddas"), {"maand": "2026-11"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ddas-GM0606-2026-11.json"'
    data = json.loads(response.content)
    assert ddas.schema_errors(data) == []
    assert len(data["leveringen"][0]["vroegsignalen"]) == 1
    assert ProcessingLogEntry.objects.filter(activity__code="vroegsignalering-ddas").count() == 1


def test_the_page_explains_and_a_bad_month_is_a_clear_message(client, gemeente):
    _login(client, Role.FUNCTIONEEL_BEHEERDER, gemeente)
    page = client.get(reverse("signals:ddas"))
    assert page.status_code == 200 and "GM0606" in page.content.decode()
    bad = client.get(reverse("signals:ddas"), {"maand": "2026-13"})
    assert bad.status_code == 400
    assert "jaar-maand" in bad.content.decode()


def test_import_page_reports_counts_and_errors(client, gemeente):
    source = OrganisationFactory(cbs_code="GM0599")
    SignalFactory(organisation=source, signaaldatum=datetime.date(2026, 11, 4))
    data = ddas.export(source, datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
    data["leveringen"][0]["gemeentecode"] = "GM0606"
    _login(client, Role.FUNCTIONEEL_BEHEERDER, gemeente)
    upload = SimpleUploadedFile("oud.json", json.dumps(data).encode(), "application/json")
    response = client.post(reverse("signals:ddas-import"), {"file": upload})
    assert response.status_code == 200
    assert "Signalen: 1 nieuw, 0 al aanwezig." in response.content.decode()
    assert Signal.objects.filter(organisation=gemeente).count() == 1
    data["leveringen"][0]["vroegsignalen"][0]["bedrag"] = 12.5
    upload = SimpleUploadedFile("fout.json", json.dumps(data).encode(), "application/json")
    response = client.post(reverse("signals:ddas-import"), {"file": upload})
    assert response.status_code == 400
    assert "leveringen[0].vroegsignalen[0].bedrag: moet een geheel getal zijn" in (
        response.content.decode()
    )


@pytest.mark.parametrize("role", sorted(set(Role.values) - DDAS_ROLES))
def test_other_roles_of_the_gemeente_are_refused_ddas(client, gemeente, role):
    _login(client, role, gemeente)
    assert client.get(reverse("signals:ddas")).status_code == 403
    assert client.get(reverse("signals:ddas"), {"maand": "2026-11"}).status_code == 403
    assert client.post(reverse("signals:ddas-import")).status_code == 403
    assert client.get(_api()).status_code == 403
    assert not ProcessingLogEntry.objects.filter(activity__code="vroegsignalering-ddas").exists()


@pytest.mark.parametrize("role", sorted(set(Role.values) - MONITOR_ROLES))
def test_other_roles_are_refused_the_monitor(client, gemeente, role):
    _login(client, role, gemeente)
    assert client.get(reverse("signals:monitor")).status_code == 403


@pytest.mark.parametrize("role", sorted(Role.values))
def test_creditor_staff_are_refused_everything(client, role):
    _login(client, role, CreditorFactory())
    for url in (reverse("signals:ddas"), reverse("signals:ddas-import"), _api()):
        assert client.get(url).status_code == 403
    assert client.get(reverse("signals:monitor")).status_code == 403


def test_anonymous_is_sent_to_login_or_refused(client):
    assert client.get(reverse("signals:ddas"))["Location"].startswith("/inloggen/")
    assert client.get(_api()).status_code in (401, 403)


def test_api_for_the_gemeente_system_client(client, gemeente):
    SignalFactory(organisation=gemeente, signaaldatum=datetime.date(2026, 11, 4))
    response = client.get(_api(), **_token(gemeente))
    assert response.status_code == 200
    assert response.json()["leveringen"][0]["gemeentecode"] == "GM0606"
    entry = ProcessingLogEntry.objects.get(activity__code="vroegsignalering-ddas")
    assert entry.actor_label.startswith("api:")


def test_api_another_gemeente_is_404(client, gemeente):
    OrganisationFactory(cbs_code="GM0599")
    assert client.get(_api("GM0599"), **_token(gemeente)).status_code == 404
    _login(client, Role.VROEGSIGNALERING, gemeente)
    assert client.get(_api("GM0599")).status_code == 404
    assert client.get(_api("GM0606", "2026-13")).status_code == 404
    assert client.get(_api("GM0606")).status_code == 200


def test_api_creditor_and_agency_system_clients_are_refused(client):
    creditor_token = _token(CreditorFactory())
    assert client.get(_api(), **creditor_token).status_code == 403
    agency = OrganisationFactory(type=OrganisationType.UITVOERINGSORGANISATIE, cbs_code=None)
    assert client.get(_api(), **_token(agency)).status_code == 403
