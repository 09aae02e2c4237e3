"""Matching: signals per address within the matching period become one case."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from doorbraak.core.tests.factories import OrganisationFactory
from doorbraak.households.models import HouseholdStatus
from doorbraak.households.tests.factories import HouseholdFactory, PersonFactory
from doorbraak.signals import matching
from doorbraak.signals.codes import Signaalpartner
from doorbraak.signals.models import CaseKind, CaseStatus, SignalCase, SignalSettings
from doorbraak.signals.tests.factories import CreditorFactory, DeliveryFactory, SignalFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def day(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def gemeente():
    return OrganisationFactory(name="Gemeente Matching")


def signal(gemeente, huisnummer="12", **fields):
    return SignalFactory(organisation=gemeente, huisnummer=huisnummer, **fields)


def test_one_signal_makes_a_single_case_with_its_deadline_and_totals(gemeente):
    s = signal(gemeente, signaaldatum=day(3), bedrag=Decimal("1200.00"), wijk_code="WK900001")
    result = matching.match_signals(gemeente, today=TODAY)
    case = SignalCase.objects.get()
    s.refresh_from_db()
    assert s.case == case and result.cases_created == 1 and result.signals == 1
    assert case.kind == CaseKind.ENKELVOUDIG
    assert case.signal_count == 1 and case.creditor_count == 1
    assert case.total_amount == Decimal("1200.00")
    assert case.wijk_code == "WK900001"
    assert case.matchingsdatum == TODAY
    assert case.startdatum_matchingperiode == day(3)
    assert case.einddatum_matchingperiode == day(3) + datetime.timedelta(days=29)
    assert case.deadline == TODAY + datetime.timedelta(days=28)
    assert case.address_key == s.address_key
    # rent is threatening (20) and 1200 is two steps of 500 (10)
    assert case.priority == 30


def test_two_creditors_at_one_address_make_one_multiple_case(gemeente):
    signal(gemeente, signaaldatum=day(10))
    signal(gemeente, signaaldatum=day(2), signaalpartner=Signaalpartner.ENERGIE)
    signal(gemeente, huisnummer="14", signaaldatum=day(2))
    matching.match_signals(gemeente, today=TODAY)
    assert SignalCase.objects.count() == 2
    case = SignalCase.objects.get(signal_count=2)
    assert case.kind == CaseKind.MEERVOUDIG and case.creditor_count == 2


def test_two_signals_of_one_creditor_are_multiple_too(gemeente):
    delivery = DeliveryFactory()
    signal(gemeente, delivery=delivery, signaaldatum=day(5))
    signal(gemeente, delivery=delivery, signaaldatum=day(4))
    matching.match_signals(gemeente, today=TODAY)
    case = SignalCase.objects.get()
    assert case.kind == CaseKind.MEERVOUDIG and case.creditor_count == 1 and case.signal_count == 2


def test_a_signal_outside_the_matching_period_starts_a_repeated_case(gemeente):
    SignalSettings.objects.create(organisation=gemeente, matching_period_days=7)
    signal(gemeente, signaaldatum=day(20))
    signal(gemeente, signaaldatum=day(14))  # day 7 of the period: still in it
    signal(gemeente, signaaldatum=day(13))  # day 8: a new case
    matching.match_signals(gemeente, today=TODAY)
    first, second = SignalCase.objects.order_by("startdatum_matchingperiode")
    assert first.signal_count == 2 and first.kind == CaseKind.MEERVOUDIG
    assert second.signal_count == 1 and second.kind == CaseKind.HERHAALD


def test_a_later_signal_joins_the_open_case_and_recomputes_it(gemeente):
    signal(gemeente, signaaldatum=day(10), bedrag=100)
    matching.match_signals(gemeente, today=day(8))
    case = SignalCase.objects.get()
    assert case.deadline == day(8) + datetime.timedelta(days=28)
    signal(gemeente, signaaldatum=day(1), signaalpartner=Signaalpartner.ZORG, crisissignaal=True)
    result = matching.match_signals(gemeente, today=TODAY)
    case.refresh_from_db()
    assert result.cases_joined == 1 and result.cases_created == 0
    assert case.signal_count == 2 and case.kind == CaseKind.MEERVOUDIG and case.crisis
    assert case.deadline == TODAY + datetime.timedelta(days=3)  # the crisis term is sooner
    assert case.matchingsdatum == day(8)


def test_a_closed_case_is_not_joined_and_the_new_one_is_repeated(gemeente):
    signal(gemeente, signaaldatum=day(10))
    matching.match_signals(gemeente, today=day(9))
    SignalCase.objects.update(status=CaseStatus.CLOSED)
    signal(gemeente, signaaldatum=day(5))
    matching.match_signals(gemeente, today=TODAY)
    new = SignalCase.objects.get(status=CaseStatus.OPEN)
    assert new.kind == CaseKind.HERHAALD


def test_an_earlier_case_outside_the_repeat_window_does_not_make_it_repeated(gemeente):
    SignalSettings.objects.create(organisation=gemeente, repeat_window_days=30)
    signal(gemeente, signaaldatum=day(60))
    matching.match_signals(gemeente, today=day(59))
    SignalCase.objects.update(status=CaseStatus.CLOSED)
    signal(gemeente, signaaldatum=day(2))
    matching.match_signals(gemeente, today=TODAY)
    assert SignalCase.objects.get(status=CaseStatus.OPEN).kind == CaseKind.ENKELVOUDIG


def test_only_the_gemeentes_own_unmatched_signals_are_matched(gemeente):
    other = OrganisationFactory()
    signal(other, signaaldatum=day(2))
    matching.match_signals(gemeente, today=TODAY)
    assert not SignalCase.objects.exists()


def test_deadline_per_type_and_crisis_term(gemeente):
    SignalSettings.objects.create(
        organisation=gemeente,
        deadline_days=28,
        crisis_deadline_days=2,
        deadline_per_type={"Energie": 10, "Huur": 14},
    )
    signal(gemeente, huisnummer="1", signaalpartner=Signaalpartner.ENERGIE)
    signal(gemeente, huisnummer="2", signaalpartner=Signaalpartner.DUO)
    signal(gemeente, huisnummer="3", signaalpartner=Signaalpartner.DUO, crisissignaal=True)
    signal(gemeente, huisnummer="4", signaalpartner=Signaalpartner.HUUR)
    signal(gemeente, huisnummer="4", signaalpartner=Signaalpartner.ENERGIE)
    matching.match_signals(gemeente, today=TODAY)
    deadlines = {
        c.signal_count * 10 + c.creditor_count: (c.deadline - TODAY).days
        for c in SignalCase.objects.filter(signal_count=2)
    }
    assert deadlines == {22: 10}  # shortest per-type term of the household
    by_number = {
        c.signals.first().huisnummer: (c.deadline - TODAY).days
        for c in SignalCase.objects.filter(signal_count=1)
    }
    assert by_number == {"1": 10, "2": 28, "3": 2}


def test_household_with_an_open_file_at_the_address_is_already_known(gemeente):
    household = HouseholdFactory(organisation=gemeente, postcode="3072 AP", huisnummer=12)
    signal(gemeente, postcode="3072AP", huisnummer="12")
    signal(gemeente, postcode="3072AP", huisnummer="13")
    matching.match_signals(gemeente, today=TODAY)
    known = SignalCase.objects.get(already_known=True)
    assert known.known_household == household
    assert SignalCase.objects.filter(already_known=False).count() == 1


def test_a_closed_household_or_another_gemeentes_is_not_known(gemeente):
    HouseholdFactory(
        organisation=gemeente, postcode="3072 AP", huisnummer=12, status=HouseholdStatus.CLOSED
    )
    HouseholdFactory(organisation=OrganisationFactory(), postcode="3072 AP", huisnummer=13)
    signal(gemeente, postcode="3072AP", huisnummer="12")
    signal(gemeente, postcode="3072AP", huisnummer="13")
    matching.match_signals(gemeente, today=TODAY)
    assert not SignalCase.objects.filter(already_known=True).exists()


def test_a_member_with_the_same_bsn_makes_it_already_known(gemeente):
    household = HouseholdFactory(organisation=gemeente, postcode="1011 AA", huisnummer=1)
    person = PersonFactory(household=household)
    person.set_bsn("111222333")
    person.save()
    s = signal(gemeente, postcode="3072AP", huisnummer="99")
    s.set_bsn("111222333")
    s.save()
    matching.match_signals(gemeente, today=TODAY)
    case = SignalCase.objects.get()
    assert case.already_known and case.known_household == household


def test_signals_without_address_are_grouped_by_bsn(gemeente):
    for _ in range(2):
        s = signal(gemeente, postcode="", huisnummer="", address_key="")
        s.set_bsn("123456782")
        s.save()
    signal(gemeente, postcode="", huisnummer="", address_key="")
    matching.match_signals(gemeente, today=TODAY)
    assert sorted(SignalCase.objects.values_list("signal_count", flat=True)) == [1, 2]


def test_priority_weights_of_the_gemeente_are_used(gemeente):
    SignalSettings.objects.create(organisation=gemeente, priority_weights={"threatening": 0})
    signal(gemeente, bedrag=100, crisissignaal=True)
    matching.match_signals(gemeente, today=TODAY)
    assert SignalCase.objects.get().priority == 50


def test_matching_twice_changes_nothing(gemeente):
    signal(gemeente)
    matching.match_signals(gemeente, today=TODAY)
    result = matching.match_signals(gemeente, today=TODAY)
    assert result.signals == 0 and SignalCase.objects.count() == 1


def test_the_number_of_queries_does_not_grow_with_the_signals():
    delivery = DeliveryFactory(creditor=CreditorFactory())

    def queries_for(n: int) -> int:
        gemeente = OrganisationFactory()
        for i in range(n):
            signal(gemeente, delivery=delivery, huisnummer=str(1000 + i), signaaldatum=day(1))
        with CaptureQueriesContext(connection) as captured:
            result = matching.match_signals(gemeente, today=TODAY)
        assert result.cases_created == n
        return len(captured)

    # Bulk statements are split by the database's parameter limit (SQLite: 999), nothing more.
    assert queries_for(200) <= queries_for(3) + 8


def test_case_references_differ_for_cases_made_together_and_old_ones_keep_theirs():
    import uuid

    made_now = [SignalCase(uuid=SignalCase._meta.get_field("uuid").default()) for _ in range(50)]
    assert all(c.uuid.version == 7 for c in made_now)
    assert len({c.reference for c in made_now}) == 50  # not the shared timestamp part
    old = SignalCase(uuid=uuid.UUID("1a2b3c4d-0000-4000-8000-000000000000"))
    assert old.reference == "VS-1A2B3C4D"


def test_existing_cases_are_read_by_index_probes_on_postgresql(gemeente):
    """PostgreSQL reads a batch's cases with sequential scans switched off for that statement
    only (see matching._index_probes); every later signal still joins its address's case."""
    numbers = ["1", "2", "3"]
    for number in numbers:
        signal(gemeente, huisnummer=number, signaaldatum=day(10))
    matching.match_signals(gemeente, today=day(8))
    first = set(SignalCase.objects.values_list("pk", flat=True))
    for number in numbers:
        signal(gemeente, huisnummer=number, signaaldatum=day(5))
    with CaptureQueriesContext(connection) as queries:
        result = matching.match_signals(gemeente, today=TODAY)
    assert (result.cases_joined, result.cases_created) == (3, 0)
    assert set(SignalCase.objects.filter(signal_count=2).values_list("pk", flat=True)) == first
    sql = [q["sql"] for q in queries.captured_queries]
    read = next(i for i, q in enumerate(sql) if q.startswith('SELECT "signals_signalcase"'))
    if connection.vendor == "postgresql":
        assert sql[read - 1] == "SET LOCAL enable_seqscan = off"
        assert sql[read + 1] == "RESET enable_seqscan"
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
    else:
        assert not any("enable_seqscan" in q for q in sql)
