"""Retention with frozen time: nothing before the period, personal data gone after it,
helped cases untouched, the monitor's counts the same."""

import datetime
import io

from django.core.management import call_command

import pytest
from freezegun import freeze_time

from doorbraak.audit.models import Action, ProcessingLogEntry
from doorbraak.core.tests.factories import OrganisationFactory
from doorbraak.signals import monitor, retention
from doorbraak.signals.models import (
    Delivery,
    DeliveryStatus,
    RejectedRow,
    RoutingStatus,
    Signal,
    SignalCase,
    SignalSettings,
)
from doorbraak.signals.tasks_retention import purge_signals

from .factories import DeliveryFactory, SignalFactory
from .factories_ddas import case_in_state

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)  # cases are closed on DAY + 5 at 12:00 UTC
CLOSED = datetime.datetime(2026, 3, 7, 12, tzinfo=datetime.UTC)


@pytest.fixture
def gemeente():
    return OrganisationFactory(cbs_code="GM0599")


@pytest.fixture
def world(gemeente):
    with freeze_time(DAY):
        no_help, [no_help_signal] = case_in_state(gemeente, "closed_no_help", DAY)
        helped, [helped_signal] = case_in_state(gemeente, "closed_help", DAY)
        open_case, [open_signal] = case_in_state(gemeente, "contacted", DAY)
        lonely = SignalFactory(organisation=gemeente, signaaldatum=DAY, received_at=CLOSED)
        unroutable = SignalFactory(
            organisation=None,
            gemeente_code="",
            routing=RoutingStatus.UNROUTABLE,
            signaaldatum=DAY,
            received_at=CLOSED,
        )
        delivery = DeliveryFactory(
            status=DeliveryStatus.FAILED, payload=b"bsn;naam\n", received_at=CLOSED
        )
        RejectedRow.objects.create(delivery=delivery, row_number=2, values_encrypted="x")
    return {
        "no_help": no_help_signal,
        "helped": helped_signal,
        "open": open_signal,
        "lonely": lonely,
        "unroutable": unroutable,
        "delivery": delivery,
    }


def _reload(signal):
    return Signal.objects.get(pk=signal.pk)


def _personal(signal):
    return [
        signal.bsn_encrypted,
        signal.voorletters,
        signal.achternaam,
        signal.geboortedatum,
        signal.birth_year,
        signal.straatnaam,
        signal.postcode,
        signal.huisnummer,
        signal.plaatsnaam,
    ]


def test_before_the_period_nothing_changes(world):
    before = {name: _personal(_reload(s)) for name, s in world.items() if name != "delivery"}
    with freeze_time(CLOSED + datetime.timedelta(days=89)):
        purge_signals.enqueue()
    after = {name: _personal(_reload(s)) for name, s in world.items() if name != "delivery"}
    assert before == after
    assert not Signal.objects.exclude(anonymised_at=None).exists()
    assert RejectedRow.objects.count() == 1


def test_after_the_period_personal_data_are_gone(world, gemeente):
    figures_before = monitor.month_figures([gemeente], DAY.year, DAY.month)
    with freeze_time(CLOSED + datetime.timedelta(days=91)):
        result = retention.purge()
    assert result.signals == 3  # no help, never matched, unroutable
    for name in ("no_help", "lonely", "unroutable"):
        signal = _reload(world[name])
        assert signal.anonymised_at is not None
        assert not any(_personal(signal)), name
        assert signal.bsn_hash == "" and signal.telefoon == "" and signal.email == ""
        # The anonymous rest stays.
        assert signal.bedrag == 450 and signal.signaaldatum == DAY
        assert signal.signaalpartner == "Huur" and signal.address_key
    case = SignalCase.objects.get(pk=world["no_help"].case_id)
    assert case.anonymised_at is not None and case.resultaat
    attempt = case.contact_attempts.get()
    assert attempt.note == "" and attempt.bereikt is True
    assert not RejectedRow.objects.exists()
    assert Delivery.objects.get(pk=world["delivery"].pk).payload in (b"", memoryview(b""))
    # Helped and open cases are untouched.
    for name in ("helped", "open"):
        signal = _reload(world[name])
        assert signal.anonymised_at is None and all(_personal(signal)[:2])
    assert SignalCase.objects.get(pk=world["helped"].case_id).anonymised_at is None
    # The monitor counts the same.
    assert monitor.month_figures([gemeente], DAY.year, DAY.month) == figures_before


def test_each_anonymised_signal_is_logged_once(world):
    with freeze_time(CLOSED + datetime.timedelta(days=91)):
        retention.purge()
        retention.purge()  # a second run finds nothing
    entries = ProcessingLogEntry.objects.filter(action=Action.DELETE)
    assert entries.count() == 3
    assert set(entries.values_list("activity__code", flat=True)) == {"vroegsignaal-ontvangen"}
    assert entries.filter(actor_label__startswith="systeem").count() == 3


def test_the_period_is_configurable_per_gemeente(world, gemeente):
    SignalSettings.objects.create(organisation=gemeente, retention_days_no_help=200)
    with freeze_time(CLOSED + datetime.timedelta(days=91)):
        retention.purge()
    assert _reload(world["no_help"]).anonymised_at is None
    assert _reload(world["unroutable"]).anonymised_at is not None  # platform default
    with freeze_time(CLOSED + datetime.timedelta(days=201)):
        retention.purge()
    assert _reload(world["no_help"]).anonymised_at is not None


def test_a_case_with_a_household_file_is_kept(world):
    case = SignalCase.objects.get(pk=world["no_help"].case_id)
    from doorbraak.households.tests.factories import HouseholdFactory

    case.household = HouseholdFactory(organisation=case.organisation)
    case.save()
    with freeze_time(CLOSED + datetime.timedelta(days=91)):
        retention.purge()
    assert _reload(world["no_help"]).anonymised_at is None


def test_the_command_queues_the_task(world):
    with freeze_time(CLOSED + datetime.timedelta(days=91)):
        out = io.StringIO()
        call_command("purge_signals", stdout=out)
    assert "purge_signals queued" in out.getvalue()
    assert _reload(world["lonely"]).anonymised_at is not None


@pytest.fixture
def many(gemeente):
    """Five due signals of one gemeente, two of them in one case without help, so that small
    batches split a case; and one signal of another gemeente."""
    with freeze_time(DAY):
        case, [first] = case_in_state(gemeente, "closed_no_help", DAY)
        second = SignalFactory(
            organisation=gemeente, case=case, address_key=case.address_key, signaaldatum=DAY
        )
        loose = [
            SignalFactory(organisation=gemeente, signaaldatum=DAY, received_at=CLOSED)
            for _ in range(3)
        ]
        other = SignalFactory(
            organisation=OrganisationFactory(cbs_code="GM0344"),
            signaaldatum=DAY,
            received_at=CLOSED,
        )
    return {"case": case, "signals": [first, second, *loose, other]}


def test_small_batches_anonymise_and_log_every_signal_once(many, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)
    with freeze_time(CLOSED + datetime.timedelta(days=91)):
        result = retention.purge()
    assert result.signals == 6 and result.cases == 1
    assert not Signal.objects.filter(anonymised_at=None).exists()
    case = SignalCase.objects.get(pk=many["case"].pk)
    assert case.anonymised_at is not None and case.contact_attempts.get().note == ""
    entries = ProcessingLogEntry.objects.filter(action=Action.DELETE)
    # Each record names its signal as object and the signal's gemeente as controller.
    assert sorted((e.object_type, e.object_uuid, e.controller_id) for e in entries) == sorted(
        ("signals.signal", s.uuid, s.organisation_id) for s in many["signals"]
    )


def test_a_run_that_stops_half_way_leaves_whole_batches_and_the_rest_for_the_next(
    many, monkeypatch
):
    monkeypatch.setattr(retention, "BATCH", 2)
    real = retention.log_processing
    calls = []

    def fail_on_the_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("stopped")
        return real(*args, **kwargs)

    monkeypatch.setattr(retention, "log_processing", fail_on_the_second_batch)
    with freeze_time(CLOSED + datetime.timedelta(days=91)):
        with pytest.raises(RuntimeError):
            retention.purge()
        # The first batch is done, logged and committed; nothing of the second.
        done = Signal.objects.exclude(anonymised_at=None)
        assert done.count() == 2
        assert not done.exclude(bsn_hash="").exists()
        assert ProcessingLogEntry.objects.filter(action=Action.DELETE).count() == 2
        monkeypatch.setattr(retention, "log_processing", real)
        retention.purge()
    assert not Signal.objects.filter(anonymised_at=None).exists()
    entries = ProcessingLogEntry.objects.filter(action=Action.DELETE)
    assert sorted(entries.values_list("object_uuid", flat=True)) == sorted(
        s.uuid for s in many["signals"]
    )
