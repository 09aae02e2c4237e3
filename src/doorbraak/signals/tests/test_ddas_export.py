"""The DDAS export: valid against the official schema in every state of a case."""

import datetime
import json
from decimal import Decimal

from django.test import override_settings

import pytest

from doorbraak.audit.models import Action, ProcessingLogEntry
from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import OrganisationFactory, actor_for, member
from doorbraak.signals import ddas
from doorbraak.signals.codes import Signaalpartner
from doorbraak.signals.tests.factories import SignalFactory

from .factories_ddas import STATES, TYPES, case_in_state

pytestmark = pytest.mark.django_db

NOV = (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))


@pytest.fixture
def gemeente():
    return OrganisationFactory(name="Gemeente Rotterdam", cbs_code="GM0599")


def _levering(data):
    return data["leveringen"][0]


def test_cases_in_every_state_validate_against_the_schema(gemeente):
    for number, state in enumerate(STATES):
        case_in_state(
            gemeente,
            state,
            datetime.date(2026, 11, 3 + number),
            signaalpartner=TYPES[number % len(TYPES)],
        )
    data = ddas.export(gemeente, *NOV)
    assert ddas.schema_errors(data) == []
    levering = _levering(data)
    assert levering["gemeentecode"] == "GM0599"
    assert levering["teller"] == 1
    assert len(levering["vroegsignalen"]) == len(STATES)
    assert len(levering["vroegsignaalzaken"]) == len(STATES)
    results = {zaak.get("resultaat") for zaak in levering["vroegsignaalzaken"]}
    assert "Vervolghulp en/of verwijzing financieel" in results
    assert data["startdatumLevering"] == "2026-11-01"
    assert data["einddatumLevering"] == "2026-11-30"
    assert data["aanleverdatumEnTijd"].endswith("Z")
    assert data["codeGegevensleverancier"] == "DOORBRAAK"


def test_the_schema_spelling_and_field_names(gemeente):
    case, signals = case_in_state(gemeente, "contacted", datetime.date(2026, 11, 10))
    zaak = _levering(ddas.export(gemeente, *NOV))["vroegsignaalzaken"][0]
    assert "startdatum_matchtingperiode" in zaak  # sic
    assert "startdatum_matchingperiode" not in zaak
    assert zaak["einddatum_matchingperiode"] == case.einddatum_matchingperiode.isoformat()
    assert zaak["contactpogingen"] == [
        {"soort": "Telefoon", "bereikt": True, "datum": "2026-11-12", "dagdeel": "Ochtend"}
    ]
    assert zaak["vroegsignalen"] == [{"ID": ddas.signal_id(signals[0])}]
    signaal = _levering(ddas.export(gemeente, *NOV))["vroegsignalen"][0]
    assert signaal["signaalpartner"] == {"type": "Huur"}
    assert signaal["client"]["Burgerservicenummer"] == "111222333"
    assert signaal["ID"] == f"{str(signals[0].creditor.uuid)[:8]}-{signals[0].external_id}"
    assert "Geboortedatum" in signaal["client"] and "Telefoon" not in signaal["client"]


def test_empty_month_is_a_valid_delivery(gemeente):
    data = ddas.export(gemeente, *NOV)
    assert ddas.schema_errors(data) == []
    assert _levering(data)["vroegsignalen"] == []
    assert _levering(data)["vroegsignaalzaken"] == []


@pytest.mark.parametrize(
    ("amount", "euros"),
    [("450.49", 450), ("450.50", 451), ("0.40", 0), ("1234.99", 1235), ("12", 12)],
)
def test_amounts_are_whole_euros_rounded_half_up(gemeente, amount, euros):
    SignalFactory(organisation=gemeente, bedrag=Decimal(amount), signaaldatum=NOV[0])
    signaal = _levering(ddas.export(gemeente, *NOV))["vroegsignalen"][0]
    assert signaal["bedrag"] == euros and isinstance(signaal["bedrag"], int)


def test_period_signals_of_the_month_and_cases_touched_in_it(gemeente):
    october = datetime.date(2026, 10, 20)
    case, signals = case_in_state(gemeente, "open", october)
    SignalFactory(organisation=gemeente, signaaldatum=datetime.date(2026, 12, 1))
    assert _levering(ddas.export(gemeente, *NOV))["vroegsignalen"] == []
    # A contact attempt in November touches the October case: it and its signal are exported.
    case.contact_attempts.create(soort="Brief", bereikt=False, datum=datetime.date(2026, 11, 2))
    levering = _levering(ddas.export(gemeente, *NOV))
    assert [s["ID"] for s in levering["vroegsignalen"]] == [ddas.signal_id(signals[0])]
    assert len(levering["vroegsignaalzaken"]) == 1


def test_other_gemeente_and_unrouted_signals_are_not_exported(gemeente):
    SignalFactory(organisation=OrganisationFactory(), signaaldatum=NOV[0])
    SignalFactory(organisation=None, gemeente_code="", signaaldatum=NOV[0], routing="onbekend")
    assert _levering(ddas.export(gemeente, *NOV))["vroegsignalen"] == []


def test_anonymised_signal_has_an_empty_client(gemeente):
    signal = SignalFactory(organisation=gemeente, signaaldatum=NOV[0])
    signal.anonymised_at = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    signal.save()
    data = ddas.export(gemeente, *NOV)
    assert _levering(data)["vroegsignalen"][0]["client"] == {}
    assert ddas.schema_errors(data) == []


def test_contact_persons_are_the_beheerders_without_a_phone(gemeente):
    member(Role.FUNCTIONEEL_BEHEERDER, gemeente, first_name="Anna", last_name="Beheer")
    organisatie = _levering(ddas.export(gemeente, *NOV))["aanleverende_organisatie"]
    assert organisatie["naam"] == "Gemeente Rotterdam"
    [person] = organisatie["contactpersoonen"]
    assert person["naam"] == "Anna Beheer" and "telefoonnummer" not in person


@override_settings(
    DDAS_CODE_GEGEVENSLEVERANCIER="GL1234",
    DDAS_CONTACTPERSONEN={"GM0599": [{"naam": "Team VS", "email": "vs@rotterdam.example"}]},
)
def test_supplier_code_and_contacts_from_settings(gemeente):
    data = ddas.export(gemeente, *NOV)
    assert data["codeGegevensleverancier"] == "GL1234"
    assert _levering(data)["aanleverende_organisatie"]["contactpersoonen"] == [
        {"naam": "Team VS", "email": "vs@rotterdam.example"}
    ]


def test_an_invalid_export_raises(gemeente, monkeypatch):
    SignalFactory(organisation=gemeente, signaaldatum=NOV[0], signaalpartner="Onbekend")
    with pytest.raises(ddas.InvalidExport, match="signaalpartner.type"):
        ddas.export(gemeente, *NOV)


def test_export_month_logs_one_record_per_subject(gemeente):
    beheerder = member(Role.FUNCTIONEEL_BEHEERDER, gemeente)
    for number in range(3):
        SignalFactory(organisation=gemeente, signaaldatum=datetime.date(2026, 11, 5 + number))
    data = ddas.export_month(actor_for(beheerder), gemeente, 2026, 11)
    entries = ProcessingLogEntry.objects.filter(activity__code="vroegsignalering-ddas")
    assert entries.count() == 3
    assert set(entries.values_list("action", flat=True)) == {Action.EXPORT}
    assert "2026-11" in entries.first().detail
    assert json.loads(ddas.dumps(data)) == data


def test_signaalpartner_types_are_exported_as_the_schema_values(gemeente):
    for partner in Signaalpartner.values:
        SignalFactory(organisation=gemeente, signaaldatum=NOV[0], signaalpartner=partner)
    data = ddas.export(gemeente, *NOV)
    assert {s["signaalpartner"]["type"] for s in _levering(data)["vroegsignalen"]} == set(
        Signaalpartner.values
    )
