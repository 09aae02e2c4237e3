"""Reminders for the first contact attempt: per assigned case, a daily summary for the rest."""

import datetime

from django.core.management import call_command
from django.utils import timezone

import pytest

from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import OrganisationFactory, member
from doorbraak.followup.models import Notification
from doorbraak.signals.models import CaseStatus
from doorbraak.signals.reminders_work import create_signal_reminders
from doorbraak.signals.tasks_work import send_signal_reminders
from doorbraak.signals.tests.factories import SignalCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente():
    return OrganisationFactory()


def test_assigned_cases_remind_their_holder_before_and_after_the_deadline(gemeente):
    today = timezone.localdate()
    holder = member(role=Role.VROEGSIGNALERING, organisation=gemeente)
    case = SignalCaseFactory(
        organisation=gemeente,
        assigned_to=holder.user,
        deadline=today + datetime.timedelta(days=1),
    )
    SignalCaseFactory(
        organisation=gemeente,
        assigned_to=holder.user,
        deadline=today + datetime.timedelta(days=10),
    )
    SignalCaseFactory(
        organisation=gemeente,
        assigned_to=holder.user,
        deadline=today - datetime.timedelta(days=1),
        status=CaseStatus.CLOSED,
    )
    SignalCaseFactory(
        organisation=gemeente,
        assigned_to=holder.user,
        deadline=today - datetime.timedelta(days=1),
        datum_opgepakt=today,
    )
    assert create_signal_reminders(today) == 1
    assert create_signal_reminders(today) == 0
    # the day after the deadline: one more, saying it is overdue
    assert create_signal_reminders(today + datetime.timedelta(days=2)) == 1
    texts = list(Notification.objects.values_list("text", flat=True))
    assert all(case.reference in t for t in texts) and len(texts) == 2
    assert all(str(case.uuid) in url for url in Notification.objects.values_list("url", flat=True))


def test_unassigned_cases_give_one_summary_a_day_to_the_team(gemeente):
    today = timezone.localdate()
    team = [member(role=Role.VROEGSIGNALERING, organisation=gemeente) for _ in range(2)]
    member(role=Role.PROFESSIONAL, organisation=gemeente)
    for days in (-3, 0, 1):
        SignalCaseFactory(organisation=gemeente, deadline=today + datetime.timedelta(days=days))
    assert create_signal_reminders(today) == 2
    assert create_signal_reminders(today) == 0
    assert set(Notification.objects.values_list("user", flat=True)) == {m.user.pk for m in team}
    assert "3" in Notification.objects.first().text


def test_the_task_and_the_command_run(gemeente):
    member(role=Role.VROEGSIGNALERING, organisation=gemeente)
    SignalCaseFactory(organisation=gemeente, deadline=timezone.localdate())
    result = send_signal_reminders.call()
    assert result["notifications"] == 1
    call_command("send_signal_reminders", "--now")
    call_command("send_signal_reminders")
