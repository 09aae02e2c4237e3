"""The DDAS import: round trip, messages per JSON path, idempotency, other gemeenten."""

import copy
import datetime
import json

import pytest

from doorbraak.audit.models import Action, ProcessingLogEntry
from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import OrganisationFactory, actor_for, member
from doorbraak.signals import ddas
from doorbraak.signals.models import Channel, ContactAttempt, Delivery, Signal, SignalCase

from .factories_ddas import STATES, TYPES, case_in_state

pytestmark = pytest.mark.django_db

NOV = (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))


@pytest.fixture
def source():
    return OrganisationFactory(name="Gemeente Bron", cbs_code="GM0599")


@pytest.fixture
def target():
    return OrganisationFactory(name="Gemeente Doel", cbs_code="GM0344")


@pytest.fixture
def actor(target):
    return actor_for(member(Role.FUNCTIONEEL_BEHEERDER, target))


def _file(data) -> bytes:
    return json.dumps(data).encode()


def _exported(source):
    for number, state in enumerate(STATES):
        case_in_state(
            source,
            state,
            datetime.date(2026, 11, 3 + number),
            signaalpartner=TYPES[number % len(TYPES)],
        )
    return ddas.export(source, *NOV)


def _as_gemeente(data, code):
    data = copy.deepcopy(data)
    data["leveringen"][0]["gemeentecode"] = code
    return data


def _comparable(data):
    levering = data["leveringen"][0]
    signals = sorted(levering["vroegsignalen"], key=lambda s: s["ID"])
    cases = sorted(levering["vroegsignaalzaken"], key=lambda z: z["vroegsignalen"][0]["ID"])
    return signals, cases


def test_round_trip_export_import_export(source, target, actor):
    exported = _exported(source)
    report = ddas.import_ddas(actor, target, _file(_as_gemeente(exported, "GM0344")), "bron.json")
    assert report.ok, report.errors
    assert report.signals_created == len(STATES)
    assert report.cases_created == len(STATES)
    assert report.attempts_created == len(STATES) - 1
    again = ddas.export(target, *NOV)
    assert _comparable(again) == _comparable(exported)
    signal = Signal.objects.filter(organisation=target).first()
    assert signal.bsn == "111222333"
    assert signal.delivery.channel == Channel.DDAS_IMPORT
    assert signal.creditor.name.startswith("Overgenomen uit DDAS-import (")
    assert SignalCase.objects.filter(organisation=target, status="gesloten").count() == 2


def test_import_is_logged_per_subject(source, target, actor):
    exported = _exported(source)
    ddas.import_ddas(actor, target, _file(_as_gemeente(exported, "GM0344")))
    entries = ProcessingLogEntry.objects.filter(
        activity__code="vroegsignalering-ddas", action=Action.CREATE
    )
    assert entries.count() == 1  # every test signal has the same BSN: one subject
    assert entries.first().subject_type == "bsn"


def test_importing_twice_changes_nothing(source, target, actor):
    content = _file(_as_gemeente(_exported(source), "GM0344"))
    ddas.import_ddas(actor, target, content)
    counts = (Signal.objects.count(), SignalCase.objects.count(), ContactAttempt.objects.count())
    deliveries = Delivery.objects.count()
    report = ddas.import_ddas(actor, target, content)
    assert report.ok
    assert report.signals_created == report.cases_created == report.attempts_created == 0
    assert report.signals_unchanged == len(STATES) and report.cases_unchanged == len(STATES)
    assert (
        Signal.objects.count(),
        SignalCase.objects.count(),
        ContactAttempt.objects.count(),
    ) == counts
    assert Delivery.objects.count() == deliveries


def test_levering_of_another_gemeente_is_ignored(source, target, actor):
    exported = _exported(source)
    both = _as_gemeente(exported, "GM0344")
    other = _as_gemeente(exported, "GM0606")
    other["leveringen"][0]["teller"] = 2
    both["leveringen"].append(other["leveringen"][0])
    report = ddas.import_ddas(actor, target, _file(both))
    assert report.ok and report.leveringen_used == 1 and report.leveringen_ignored == 1
    assert Signal.objects.filter(organisation=target).count() == len(STATES)


def test_a_file_with_only_other_gemeenten_is_refused(source, target, actor):
    report = ddas.import_ddas(actor, target, _file(_exported(source)))  # GM0599
    assert not report.ok
    assert "GM0344" in report.errors[0]
    assert not Signal.objects.filter(organisation=target).exists()


def test_four_digit_gemeentecode_is_accepted(source, target, actor):
    report = ddas.import_ddas(actor, target, _file(_as_gemeente(_exported(source), "0344")))
    assert report.ok and report.signals_created == len(STATES)


def test_invalid_file_messages_name_the_json_path(source, target, actor):
    data = _as_gemeente(_exported(source), "GM0344")
    signals = data["leveringen"][0]["vroegsignalen"]
    signals[3]["bedrag"] = "veel"
    signals[1]["signaaldatum"] = "31-11-2026"
    signals[2]["signaalpartner"]["type"] = "Telecom"
    del data["codeGegevensleverancier"]
    report = ddas.import_ddas(actor, target, _file(data))
    assert not report.ok
    joined = "\n".join(report.errors)
    assert "leveringen[0].vroegsignalen[3].bedrag: moet een geheel getal zijn" in joined
    assert "leveringen[0].vroegsignalen[1].signaaldatum:" in joined
    assert "leveringen[0].vroegsignalen[2].signaalpartner.type:" in joined
    assert "codeGegevensleverancier" in joined
    assert not Signal.objects.filter(organisation=target).exists()


def test_invalid_bsn_and_unknown_case_reference_roll_back_everything(source, target, actor):
    data = _as_gemeente(_exported(source), "GM0344")
    levering = data["leveringen"][0]
    levering["vroegsignalen"][4]["client"]["Burgerservicenummer"] = "123456789"
    levering["vroegsignaalzaken"][0]["vroegsignalen"] = [{"ID": "bestaat-niet"}]
    report = ddas.import_ddas(actor, target, _file(data))
    assert not report.ok
    assert any(
        e.startswith("leveringen[0].vroegsignalen[4].client.Burgerservicenummer:")
        for e in report.errors
    )
    assert any("vroegsignaalzaken[0].vroegsignalen[0].ID" in e for e in report.errors)
    assert not Signal.objects.filter(organisation=target).exists()
    assert not SignalCase.objects.filter(organisation=target).exists()
    assert not Delivery.objects.filter(gemeente_code="GM0344").exists()


def test_not_json_is_a_clear_message(target, actor):
    report = ddas.import_ddas(actor, target, b"{niet json")
    assert not report.ok and "JSON" in report.errors[0] and "regel 1" in report.errors[0]


def test_minimal_file_without_optional_fields(target, actor):
    data = {
        "startdatumLevering": "2026-11-01",
        "einddatumLevering": "2026-11-30",
        "aanleverdatumEnTijd": "2026-12-01T08:00:00Z",
        "codeGegevensleverancier": "ANDER",
        "leveringen": [
            {
                "teller": 1,
                "gemeentecode": "GM0344",
                "aanleverende_organisatie": {"naam": "Oude leverancier"},
                "vroegsignalen": [{"ID": "X-1", "client": {}, "signaalpartner": {"type": "Water"}}],
                "vroegsignaalzaken": [
                    {"vroegsignalen": [{"ID": "X-1"}], "contactpogingen": [{"soort": "Brief"}]}
                ],
            }
        ],
    }
    report = ddas.import_ddas(actor, target, _file(data))
    assert report.ok, report.errors
    assert len(report.warnings) == 2  # no signaaldatum, no datum of the contact attempt
    signal = Signal.objects.get(external_id="X-1")
    assert signal.signaaldatum == datetime.date(2026, 11, 1) and signal.bedrag == 0
    assert signal.case.contact_attempts.get().datum == datetime.date(2026, 11, 1)
