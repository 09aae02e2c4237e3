"""Team follow-up, notifications and the daily reminders."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.audit.services import Subject
from doorbraak.core.actors import Actor
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory, actor_for, member
from doorbraak.followup import selectors, services
from doorbraak.followup.context_processors import notifications as unread_processor
from doorbraak.followup.models import Notification, NotificationKind
from doorbraak.followup.tasks import send_reminders
from doorbraak.households.tests.factories import household_of
from doorbraak.plans.models import Action, ActionStatus, Plan, PlanStatus, Transition

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)
NOON = "2026-03-10 12:00:00"


@pytest.fixture
def team():
    return TeamFactory(organisation=OrganisationFactory(name="Gemeente Opvolging"))


@pytest.fixture
def professional(team):
    return member(role=Role.PROFESSIONAL, organisation=team.organisation, team=team)


@pytest.fixture
def teamleider(team):
    return member(role=Role.TEAMLEIDER, organisation=team.organisation, team=team)


def _household(team, **fields):
    fields.setdefault("last_contact_on", TODAY - datetime.timedelta(days=3))
    household = household_of(team.organisation, team=team, **fields)
    applicant = household.members.get()
    applicant.achternaam = "Geheimnaam"
    applicant.save()
    return household


def _overdue_action(team, owner_user=None, days=9, **fields):
    plan = Plan.objects.create(household=_household(team), status=PlanStatus.IN_UITVOERING)
    fields.setdefault("owner_text", "" if owner_user else "bewoner")
    return Action.objects.create(
        plan=plan,
        what="Betalingsregeling met woonstichting",
        owner_user=owner_user,
        due_on=TODAY - datetime.timedelta(days=days),
        **fields,
    )


def _awaiting_plan(team, submitted: datetime.date):
    plan = Plan.objects.create(household=_household(team), status=PlanStatus.TER_VASTSTELLING)
    Transition.objects.create(
        plan=plan,
        source=PlanStatus.CONCEPT,
        target=PlanStatus.TER_VASTSTELLING,
        role=Role.PROFESSIONAL,
        organisation=team.organisation,
        at=timezone.make_aware(datetime.datetime.combine(submitted, datetime.time(9))),
    )
    return plan


# Reminders.


@freeze_time(NOON)
def test_overdue_action_creates_one_notification_and_one_mail(professional, team):
    action = _overdue_action(team, owner_user=professional.user)

    send_reminders.enqueue()

    notification = Notification.objects.get()
    assert notification.user == professional.user
    assert notification.kind == NotificationKind.ACTION_OVERDUE
    assert action.plan.household.reference in notification.text
    assert notification.url == reverse("plans:detail", kwargs={"uuid": action.plan.uuid})
    assert notification.emailed_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [professional.user.email]
    assert action.plan.household.reference in message.body
    # References only: no names of the household, nor what the action is about.
    assert "Geheimnaam" not in message.body + message.subject
    assert "woonstichting" not in message.body.lower()


@freeze_time(NOON)
def test_running_twice_on_one_day_creates_no_duplicates(professional, team):
    _overdue_action(team, owner_user=professional.user)

    first = send_reminders.call(TODAY.isoformat())
    second = send_reminders.call(TODAY.isoformat())

    assert first["notifications"] == 1 and first["emails"] == 1
    assert second["notifications"] == 0 and second["emails"] == 0
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_reminder_comes_again_the_next_day(professional, team):
    _overdue_action(team, owner_user=professional.user)
    with freeze_time(NOON):
        send_reminders.enqueue()
    with freeze_time("2026-03-11 12:00:00"):
        send_reminders.enqueue()
    assert Notification.objects.filter(user=professional.user).count() == 2
    assert len(mail.outbox) == 2


@freeze_time(NOON)
def test_recipients_and_one_digest_per_user(team, professional, teamleider):
    case_manager = member(role=Role.PROFESSIONAL, organisation=team.organisation, team=team)
    partner_org = OrganisationFactory()
    plan = _awaiting_plan(team, TODAY - datetime.timedelta(days=4))
    by_organisation = _overdue_action(team, owner_organisation=partner_org, owner_text="")
    by_text = _overdue_action(team, owner_text="bewoner")
    stale = _household(
        team, last_contact_on=TODAY - datetime.timedelta(weeks=7), assigned_to=case_manager.user
    )
    _household(team, last_contact_on=TODAY - datetime.timedelta(weeks=5))  # recent enough
    _household(team, last_contact_on=None)  # nobody assigned: only on the overview
    done = _overdue_action(team, owner_user=professional.user, status=ActionStatus.GEREED)

    send_reminders.enqueue()

    leader_kinds = set(
        Notification.objects.filter(user=teamleider.user).values_list("kind", flat=True)
    )
    assert leader_kinds == {NotificationKind.PLAN_AWAITING_DECISION}
    assert plan.household.reference in Notification.objects.get(user=teamleider.user).text
    # Actions owned by an organisation or a text go to the team's professionals.
    for user in (professional.user, case_manager.user):
        overdue = Notification.objects.filter(user=user, kind=NotificationKind.ACTION_OVERDUE)
        assert {n.url for n in overdue} == {
            reverse("plans:detail", kwargs={"uuid": a.plan.uuid})
            for a in (by_organisation, by_text)
        }
    no_contact = Notification.objects.get(kind=NotificationKind.NO_CONTACT)
    assert no_contact.user == case_manager.user
    assert no_contact.url == reverse("households:detail", kwargs={"uuid": stale.uuid})
    assert not Notification.objects.filter(url__contains=str(done.plan.uuid)).exists()
    # One digest per user, listing all of that user's new notifications.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in (teamleider.user, professional.user, case_manager.user)
    )
    digest = next(m for m in mail.outbox if m.to == [case_manager.user.email])
    assert digest.body.count("\n- ") == 3
    assert "Geheimnaam" not in "".join(m.body for m in mail.outbox)


@freeze_time(NOON)
def test_no_mail_for_a_user_without_address(team):
    owner = member(role=Role.PROFESSIONAL, organisation=team.organisation, team=team, email="")
    _overdue_action(team, owner_user=owner.user)
    send_reminders.enqueue()
    assert Notification.objects.filter(user=owner.user).count() == 1
    assert mail.outbox == []


@freeze_time(NOON)
def test_management_command_queues_the_task(professional, team):
    _overdue_action(team, owner_user=professional.user)
    call_command("send_reminders")  # the test backend runs it at once
    assert Notification.objects.filter(user=professional.user).count() == 1
    assert len(mail.outbox) == 1


# The teamleider's overview.


@freeze_time(NOON)
def test_overview_shows_own_team_only(client, team, teamleider, professional):
    own_plan = _awaiting_plan(team, TODAY - datetime.timedelta(days=6))
    newer_plan = _awaiting_plan(team, TODAY - datetime.timedelta(days=1))
    own_action = _overdue_action(team, owner_user=professional.user, days=9)
    own_stale = _household(team, last_contact_on=TODAY - datetime.timedelta(weeks=8))
    own_never = _household(team, last_contact_on=None)

    other_team = TeamFactory(organisation=team.organisation)
    other_org_team = TeamFactory(organisation=OrganisationFactory())
    foreign = []
    for elsewhere in (other_team, other_org_team):
        foreign += [
            _awaiting_plan(elsewhere, TODAY - datetime.timedelta(days=30)).household,
            _overdue_action(elsewhere, days=40).plan.household,
            _household(elsewhere, last_contact_on=None),
        ]

    login_verified(client, teamleider.user)
    response = client.get(reverse("followup:team"))

    assert response.status_code == 200
    overview = response.context["overview"]
    assert [p.pk for p in overview.awaiting.items] == [own_plan.pk, newer_plan.pk]
    assert [p.age_days for p in overview.awaiting.items] == [6, 1]
    assert [a.pk for a in overview.overdue.items] == [own_action.pk]
    assert overview.overdue.items[0].days_overdue == 9
    assert [h.pk for h in overview.no_contact.items] == [own_never.pk, own_stale.pk]
    body = response.content.decode()
    for household in foreign:
        assert household.reference not in body
    assert own_stale.reference in body
    assert "Geheimnaam" not in body
    assert "(2)" in body  # the count in the heading

    logged = set(
        ProcessingLogEntry.objects.filter(activity__code="huishoudensdossier").values_list(
            "subject_pseudonym", flat=True
        )
    )
    shown = [own_plan.household, newer_plan.household, own_action.plan.household, own_stale]
    assert logged == {Subject("huishouden", str(h.uuid)).pseudonym for h in shown + [own_never]}
    for household in foreign:
        assert Subject("huishouden", str(household.uuid)).pseudonym not in logged


@freeze_time(NOON)
def test_overview_lists_are_bounded_with_the_team_count(team, teamleider):
    for days in (1, 2, 3):
        _overdue_action(team, days=days)
    overview = selectors.team_overview(actor_for(teamleider), limit=2)
    assert len(overview.overdue.items) == 2
    assert overview.overdue.count == 3
    assert overview.overdue.truncated


def test_overview_is_for_teamleiders_only(client, professional):
    login_verified(client, professional.user)
    assert client.get(reverse("followup:team")).status_code == 403


@freeze_time(NOON)
def test_overview_reads_its_setting(settings, team, teamleider):
    settings.NO_CONTACT_WEEKS = 2
    household = _household(team, last_contact_on=TODAY - datetime.timedelta(weeks=3))
    overview = selectors.team_overview(actor_for(teamleider))
    assert overview.weeks == 2
    assert [h.pk for h in overview.no_contact.items] == [household.pk]


# Notifications.


def _notification(user, text="Herinnering HH-12345678", key="k"):
    return Notification.objects.create(
        user=user, kind=NotificationKind.NO_CONTACT, text=text, url="/meldingen/", dedupe_key=key
    )


def test_notifications_page_lists_own_only(client, professional):
    mine = _notification(professional.user, text="Mijn melding")
    other = member(role=Role.PROFESSIONAL, organisation=professional.organisation)
    _notification(other.user, text="Melding van een ander")
    login_verified(client, professional.user)
    response = client.get(reverse("followup:notifications"))
    assert response.status_code == 200
    assert mine.text in response.content.decode()
    assert "Melding van een ander" not in response.content.decode()


def test_owner_marks_own_notification_read(client, professional):
    notification = _notification(professional.user)
    login_verified(client, professional.user)
    url = reverse("followup:notification-read", kwargs={"uuid": notification.uuid})
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("followup:notifications")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_users_notification_is_404_for_mark_read(client, professional):
    colleague = member(
        role=Role.PROFESSIONAL, organisation=professional.organisation, team=professional.team
    )
    notification = _notification(colleague.user)
    login_verified(client, professional.user)
    url = reverse("followup:notification-read", kwargs={"uuid": notification.uuid})
    assert client.post(url).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_dedupe_key_is_unique_per_user(professional):
    from django.db import IntegrityError, transaction

    _notification(professional.user, key="same")
    other = member(role=Role.PROFESSIONAL)
    _notification(other.user, key="same")  # another user may have the same key
    with pytest.raises(IntegrityError), transaction.atomic():
        _notification(professional.user, key="same")


def test_unread_counter_context_processor(professional):
    first = _notification(professional.user, key="a")
    _notification(professional.user, key="b")
    services.mark_read(first)
    request = RequestFactory().get("/")
    request.user = professional.user
    request.actor = actor_for(professional)
    assert unread_processor(request) == {"unread_notifications": 1}

    from django.contrib.auth.models import AnonymousUser

    request.user, request.actor = AnonymousUser(), Actor()
    assert unread_processor(request) == {"unread_notifications": 0}
