"""The vroegsignalering monitor: exact counts, suppression and the CSV of what is shown."""

import datetime

from django.urls import reverse

import pytest

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, member
from doorbraak.signals import monitor
from doorbraak.signals.codes import Signaalpartner

from .factories import SignalFactory
from .factories_ddas import STATES, case_in_state

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 3)


@pytest.fixture
def gemeente():
    return OrganisationFactory(cbs_code="GM0599")


def _many(gemeente, count, state, **fields):
    for _i in range(count):
        case_in_state(gemeente, state, DAY, **fields)


def test_funnel_counts_per_month(gemeente):
    for state in STATES:
        case_in_state(gemeente, state, DAY)
    SignalFactory(organisation=gemeente, signaaldatum=DAY, signaalpartner=Signaalpartner.WATER)
    case_in_state(gemeente, "accepted", datetime.date(2026, 10, 30))  # another month
    case_in_state(OrganisationFactory(), "accepted", DAY)  # another gemeente
    figures = monitor.month_figures([gemeente], 2026, 11)
    assert figures.total.values() == [8, 7, 5, 3, 2]
    assert figures.outcomes["Inwoner hoeft geen hulp vanuit vroegsignalering"] == 1
    assert figures.outcomes[monitor.NO_OUTCOME] == 5
    assert figures.per_type["Huur"].values() == [7, 7, 5, 3, 2]
    assert figures.per_type["Water"].values() == [1, 0, 0, 0, 0]
    assert figures.per_wijk["WK059901"].households == 7
    assert figures.per_wijk[monitor.NO_WIJK].signals == 1


def test_small_cells_are_shown_as_below_ten(gemeente):
    _many(gemeente, 12, "accepted")
    _many(gemeente, 3, "open", signaalpartner=Signaalpartner.ENERGIE, wijk="WK059902")
    funnel, outcomes, types, wijken = monitor.tables(gemeente, 2026, 11)
    assert funnel.rows[-1] == ["2026-11", 15, 15, 12, 12, 12]
    assert funnel.rows[0][1:] == ["<10"] * 5  # an empty month: zero is suppressed too
    # Per kind: Energie 3 of 15 signals is hidden, and so is Huur's 12 (else 15 - 12 = 3).
    assert [row[1:] for row in types.rows] == [["<10"] * 5, ["<10"] * 5]
    assert [row[0] for row in wijken.rows] == ["WK059901", "WK059902"]
    assert all(cell == "<10" for row in wijken.rows for cell in row[1:])
    outcomes_shown = dict(outcomes.rows)
    assert outcomes_shown[str(monitor._("No outcome yet"))] == 15
    assert set(outcomes_shown.values()) == {15, "<10"}


def test_large_cells_are_shown(gemeente):
    _many(gemeente, 12, "accepted")
    _many(gemeente, 10, "open", signaalpartner=Signaalpartner.ENERGIE, wijk="WK059902")
    _funnel, _outcomes, types, wijken = monitor.tables(gemeente, 2026, 11)
    # Energie reached none: that 0 is hidden, and Huur's 12 too (the month's total is shown).
    assert [row[1:] for row in types.rows] == [
        [10, 10, "<10", "<10", "<10"],
        [12, 12] + ["<10"] * 3,
    ]
    assert [row[1:] for row in wijken.rows] == [[12, 12] + ["<10"] * 3, [10, 10] + ["<10"] * 3]


def test_the_page_and_csv_show_the_same(client, gemeente):
    _many(gemeente, 11, "contacted")
    analyst = member(Role.ANALIST, gemeente)
    login_verified(client, analyst.user)
    page = client.get(reverse("signals:monitor"), {"maand": "2026-11"})
    assert page.status_code == 200
    assert "&lt;10" in page.content.decode()
    csv = client.get(reverse("signals:monitor"), {"maand": "2026-11", "csv": "trechter"})
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[-1] == "2026-11;11;11;11;<10;<10"
    table = monitor.tables(gemeente, 2026, 11)[0]
    assert len(lines) == len(table.rows) + 1
    assert client.get(reverse("signals:monitor"), {"csv": "onbekend"}).status_code == 404


def test_month_parameter_falls_back_to_the_current_month():
    today = datetime.date(2026, 5, 9)
    assert monitor.month_of("2026-13", today) == (2026, 5)
    assert monitor.month_of("x", today) == (2026, 5)
    assert monitor.month_of("2025-02", today) == (2025, 2)
    assert monitor.previous_months(2026, 2, 3) == [(2025, 12), (2026, 1), (2026, 2)]


def test_the_programme_monitor_shows_the_funnel_per_gemeente(client, gemeente):
    from doorbraak.monitor import programme

    _many(gemeente, 11, "accepted")
    other = OrganisationFactory(cbs_code="GM0344")
    scope = programme.Scope([gemeente, other], national=True)
    table = programme.TABLES["vroegsignalering"](scope)
    assert table.rows == [
        [gemeente.name, 11, 11, 11, 11, 11],
        [other.name, "<10", "<10", "<10", "<10", "<10"],
    ] or table.rows == [
        [other.name, "<10", "<10", "<10", "<10", "<10"],
        [gemeente.name, 11, 11, 11, 11, 11],
    ]
    assert "vroegsignalering" in [t.key for t in programme.tables(scope)]
    analyst = member(Role.ANALIST, gemeente)
    login_verified(client, analyst.user)
    page = client.get(reverse("monitor:programme"))
    assert page.status_code == 200
    assert "Vroegsignalering per gemeente" in page.content.decode()
