"""The work queue, its filters and counts, the deadlines page, and every refusal."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, member
from doorbraak.signals.codes import Signaalpartner
from doorbraak.signals.models import CaseKind, CaseStatus
from doorbraak.signals.tests.factories import CreditorFactory, case_with_signals

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente():
    return OrganisationFactory(name="Gemeente Wachtrij")


@pytest.fixture
def team_member(gemeente, client):
    membership = member(role=Role.VROEGSIGNALERING, organisation=gemeente)
    login_verified(client, membership.user)
    return membership


def _case(gemeente, **fields):
    signal_fields = fields.pop("signal_fields", {})
    case = case_with_signals(gemeente, **signal_fields)
    for name, value in fields.items():
        setattr(case, name, value)
    case.save()
    return case


def _listed(client, **query) -> list[str]:
    response = client.get(reverse("signals:queue"), query)
    assert response.status_code == 200
    return [c.reference for c in response.context["page"].object_list]


def test_sorted_by_priority_then_deadline_and_only_open_cases_of_the_gemeente(
    client, team_member, gemeente
):
    today = timezone.localdate()
    low = _case(gemeente, priority=5, deadline=today)
    high_late = _case(gemeente, priority=50, deadline=today + datetime.timedelta(days=9))
    high_soon = _case(gemeente, priority=50, deadline=today + datetime.timedelta(days=2))
    _case(gemeente, priority=99, status=CaseStatus.CLOSED)
    _case(OrganisationFactory(), priority=99)
    assert _listed(client) == [high_soon.reference, high_late.reference, low.reference]


def test_filters(client, team_member, gemeente):
    today = timezone.localdate()
    young = _case(
        gemeente,
        kind=CaseKind.MEERVOUDIG,
        wijk_code="WK900101",
        total_amount=Decimal("700"),
        signal_fields={
            "birth_year": today.year - 22,
            "signaalpartner": Signaalpartner.ENERGIE,
        },
    )
    old = _case(
        gemeente,
        kind=CaseKind.HERHAALD,
        wijk_code="WK900102",
        total_amount=Decimal("6000"),
        deadline=today - datetime.timedelta(days=1),
        already_known=True,
        assigned_to=team_member.user,
        signal_fields={"birth_year": today.year - 70},
    )
    assert _listed(client, soort="meervoudig") == [young.reference]
    assert _listed(client, wijk="WK900102") == [old.reference]
    assert _listed(client, leeftijd="tot27") == [young.reference]
    assert _listed(client, leeftijd="67plus") == [old.reference]
    assert _listed(client, type="Energie") == [young.reference]
    assert _listed(client, bedrag="500-1500") == [young.reference]
    assert _listed(client, bedrag="5000plus") == [old.reference]
    assert _listed(client, te_laat="1") == [old.reference]
    assert _listed(client, al_bekend="ja") == [old.reference]
    assert _listed(client, al_bekend="nee") == [young.reference]
    assert _listed(client, mijn="1") == [old.reference]
    assert len(_listed(client, soort="onzin", leeftijd="x")) == 2  # unknown values are ignored
    counts = client.get(reverse("signals:queue")).context["counts"]
    assert counts["total"] == 2 and counts["overdue"] == 1 and counts["herhaald"] == 1


def test_pagination(client, team_member, gemeente):
    for _ in range(52):
        _case(gemeente)
    response = client.get(reverse("signals:queue"), {"pagina": 2})
    assert len(response.context["page"].object_list) == 2


def test_deadlines_page_lists_due_and_overdue_cases_only(client, team_member, gemeente):
    today = timezone.localdate()
    overdue = _case(gemeente, deadline=today - datetime.timedelta(days=3))
    soon = _case(gemeente, deadline=today + datetime.timedelta(days=1))
    later = _case(gemeente, deadline=today + datetime.timedelta(days=20))
    picked = _case(gemeente, deadline=today - datetime.timedelta(days=3), datum_opgepakt=today)
    response = client.get(reverse("signals:deadlines"))
    shown = [c.reference for c in response.context["cases"]]
    assert shown == [overdue.reference, soon.reference]
    assert later.reference not in shown and picked.reference not in shown


# --- refusals ------------------------------------------------------------------------------


def test_another_gemeentes_case_is_not_found(client, team_member):
    foreign = case_with_signals(OrganisationFactory())
    for name in ("signals:case",):
        assert client.get(reverse(name, kwargs={"uuid": foreign.uuid})).status_code == 404
    for name in ("signals:case-contact", "signals:case-close", "signals:case-assign"):
        assert client.post(reverse(name, kwargs={"uuid": foreign.uuid})).status_code == 404
    foreign.refresh_from_db()
    assert foreign.assigned_to is None


@pytest.mark.parametrize(
    "role", [Role.PROFESSIONAL, Role.TEAMLEIDER, Role.FUNCTIONEEL_BEHEERDER, Role.ANALIST]
)
def test_gemeente_staff_without_the_vroegsignalering_role_is_refused(client, gemeente, role):
    case = case_with_signals(gemeente)
    login_verified(client, member(role=role, organisation=gemeente).user)
    assert client.get(reverse("signals:queue")).status_code == 403
    assert client.get(reverse("signals:case", kwargs={"uuid": case.uuid})).status_code == 403
    assert client.get(reverse("signals:deadlines")).status_code == 403


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.FUNCTIONEEL_BEHEERDER])
def test_a_creditor_is_refused(client, gemeente, role):
    creditor = CreditorFactory()
    case = case_with_signals(gemeente)
    login_verified(client, member(role=role, organisation=creditor).user)
    assert client.get(reverse("signals:queue")).status_code == 403
    assert client.get(reverse("signals:case", kwargs={"uuid": case.uuid})).status_code == 403
    assert client.get(reverse("signals:settings")).status_code == 403


def test_vroegsignalering_role_in_a_creditor_gives_nothing(client, gemeente):
    creditor = CreditorFactory()
    case = case_with_signals(gemeente)
    login_verified(client, member(role=Role.VROEGSIGNALERING, organisation=creditor).user)
    assert client.get(reverse("signals:case", kwargs={"uuid": case.uuid})).status_code == 403
