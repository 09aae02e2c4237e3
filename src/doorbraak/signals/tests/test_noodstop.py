"""The CJIB noodstop pages of a household, the list of running noodstops and the reminders."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory, member
from doorbraak.followup.models import Notification
from doorbraak.households.tests.factories import household_of
from doorbraak.signals.models import Noodstop
from doorbraak.signals.noodstop import add_months
from doorbraak.signals.reminders_work import create_signal_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente():
    return OrganisationFactory(name="Gemeente Noodstop")


@pytest.fixture
def team(gemeente):
    return TeamFactory(organisation=gemeente)


@pytest.fixture
def professional(client, gemeente, team):
    membership = member(role=Role.PROFESSIONAL, organisation=gemeente, team=team)
    login_verified(client, membership.user)
    return membership


@pytest.fixture
def household(gemeente, team):
    return household_of(gemeente, team=team)


def test_record_a_noodstop_and_extend_it_when_debt_help_starts(client, professional, household):
    requested = timezone.localdate() - datetime.timedelta(days=10)
    url = reverse("signals:household-noodstop", kwargs={"uuid": household.uuid})
    detail = client.get(reverse("households:detail", kwargs={"uuid": household.uuid}))
    assert url in detail.content.decode()
    response = client.post(url, {"requested_on": requested.isoformat(), "reference": "NS-123"})
    assert response.status_code == 302
    noodstop = Noodstop.objects.get()
    assert noodstop.ends_on == add_months(requested, 4)
    assert noodstop.created_by == professional.user
    response = client.post(
        reverse("signals:noodstop-update", kwargs={"uuid": noodstop.uuid}),
        {f"n{noodstop.pk}-debt_help_started_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    noodstop.refresh_from_db()
    assert noodstop.ends_on == add_months(requested, 12)
    assert ProcessingLogEntry.objects.filter(activity__code="cjib-noodstop").count() == 2
    page = client.get(url)
    assert b"NS-123" in page.content


def test_a_reference_is_required(client, professional, household):
    url = reverse("signals:household-noodstop", kwargs={"uuid": household.uuid})
    response = client.post(url, {"requested_on": timezone.localdate().isoformat()})
    assert response.status_code == 400 and not Noodstop.objects.exists()


def test_another_teams_household_is_not_found(client, professional, gemeente):
    other = household_of(gemeente)  # a different team of the same gemeente
    url = reverse("signals:household-noodstop", kwargs={"uuid": other.uuid})
    assert client.get(url).status_code == 404
    assert client.post(url, {"requested_on": "2026-01-01", "reference": "X"}).status_code == 404


def test_the_list_shows_running_noodstops_of_the_team(client, professional, household, gemeente):
    today = timezone.localdate()
    Noodstop.objects.create(
        household=household, requested_on=today, reference="LOOPT", ends_on=today
    )
    Noodstop.objects.create(
        household=household,
        requested_on=today - datetime.timedelta(days=200),
        reference="AFGELOPEN",
        ends_on=today - datetime.timedelta(days=1),
    )
    Noodstop.objects.create(
        household=household_of(gemeente),
        requested_on=today,
        reference="ANDER-TEAM",
        ends_on=today,
    )
    body = client.get(reverse("signals:noodstops")).content.decode()
    assert "LOOPT" in body and "AFGELOPEN" not in body and "ANDER-TEAM" not in body


def test_reminder_before_a_noodstop_ends_once(household, gemeente, team):
    leader = member(role=Role.TEAMLEIDER, organisation=gemeente, team=team)
    today = timezone.localdate()
    Noodstop.objects.create(
        household=household,
        requested_on=today - datetime.timedelta(days=110),
        reference="R",
        ends_on=today + datetime.timedelta(days=10),
    )
    Noodstop.objects.create(
        household=household,
        requested_on=today,
        reference="LATER",
        ends_on=today + datetime.timedelta(days=120),
    )
    assert create_signal_reminders(today) == 1
    assert create_signal_reminders(today + datetime.timedelta(days=1)) == 0
    notification = Notification.objects.get()
    assert notification.user == leader.user and household.reference in notification.text
