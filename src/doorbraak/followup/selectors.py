"""Reads of the follow-up: the team's overview (scoped to one team) and one's own notifications.

Every list is bounded; a list's count is only asked from the database when the list is full,
and then only within the team.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from doorbraak.core.models import Membership, Team
from doorbraak.core.roles import Role
from doorbraak.households.models import Household, HouseholdStatus
from doorbraak.plans.models import Action, ActionStatus, Plan, PlanStatus, Transition

from .models import Notification

OVERVIEW_LIMIT = 100
NOTIFICATION_LIMIT = 100
UNREAD_CAP = 100
OPEN_ACTION = (ActionStatus.OPEN, ActionStatus.BEZIG)


def no_contact_weeks() -> int:
    return settings.NO_CONTACT_WEEKS


# The three lists, per team. Used by the overview (bounded) and by the reminders (iterated).


def plans_awaiting_decision(team: Team) -> QuerySet:
    """Plans ter vaststelling, oldest submission first (``submitted_at``)."""
    submitted = (
        Transition.objects.filter(plan=OuterRef("pk"), target=PlanStatus.TER_VASTSTELLING)
        .order_by("-at", "-id")
        .values("at")[:1]
    )
    return (
        Plan.objects.filter(
            household__team=team,
            household__organisation_id=team.organisation_id,
            status=PlanStatus.TER_VASTSTELLING,
        )
        .annotate(submitted_at=Coalesce(Subquery(submitted), F("updated_at")))
        .select_related("household")
        .order_by("submitted_at", "id")
    )


def overdue_actions(team: Team, today: datetime.date) -> QuerySet:
    """Actions to do or in progress whose due date has passed, in plans that are not closed."""
    return (
        Action.objects.filter(
            plan__household__team=team,
            plan__household__organisation_id=team.organisation_id,
            status__in=OPEN_ACTION,
            due_on__lt=today,
        )
        .exclude(plan__status=PlanStatus.AFGESLOTEN)
        .select_related("plan__household", "owner_user", "owner_organisation")
        .order_by("due_on", "id")
    )


def households_without_contact(team: Team, today: datetime.date, weeks: int) -> QuerySet:
    """Open households whose last contact is more than ``weeks`` ago, or never recorded."""
    since = today - datetime.timedelta(weeks=weeks)
    return (
        Household.objects.filter(
            team=team, organisation_id=team.organisation_id, status=HouseholdStatus.OPEN
        )
        .filter(Q(last_contact_on__lt=since) | Q(last_contact_on__isnull=True))
        .select_related("assigned_to")
        .order_by(F("last_contact_on").asc(nulls_first=True), "id")
    )


def team_members(team: Team, *roles: str) -> QuerySet:
    """Active users holding one of ``roles`` in ``team``."""
    return Membership.objects.filter(
        team=team,
        organisation_id=team.organisation_id,
        role__in=roles,
        active=True,
        user__is_active=True,
    ).select_related("user")


# The teamleider's overview.


@dataclass(frozen=True)
class Bounded:
    items: list
    count: int
    limit: int

    @property
    def truncated(self) -> bool:
        return self.count > len(self.items)


def _bounded(queryset: QuerySet, limit: int) -> Bounded:
    items = list(queryset[:limit])
    count = len(items) if len(items) < limit else queryset.count()
    return Bounded(items=items, count=count, limit=limit)


@dataclass(frozen=True)
class TeamOverview:
    team: Team | None
    today: datetime.date
    weeks: int
    awaiting: Bounded = field(default_factory=lambda: Bounded([], 0, OVERVIEW_LIMIT))
    overdue: Bounded = field(default_factory=lambda: Bounded([], 0, OVERVIEW_LIMIT))
    no_contact: Bounded = field(default_factory=lambda: Bounded([], 0, OVERVIEW_LIMIT))

    @property
    def households(self) -> list[Household]:
        """Every household shown, once (for the processing log)."""
        seen: dict[int, Household] = {}
        for plan in self.awaiting.items:
            seen.setdefault(plan.household_id, plan.household)
        for action in self.overdue.items:
            seen.setdefault(action.plan.household_id, action.plan.household)
        for household in self.no_contact.items:
            seen.setdefault(household.pk, household)
        return list(seen.values())


def team_overview(
    actor, today: datetime.date | None = None, limit: int = OVERVIEW_LIMIT
) -> TeamOverview:
    """The overview of the actor's own team; empty for anyone who leads no team."""
    today = today or timezone.localdate()
    weeks = no_contact_weeks()
    team = actor.team
    if (
        not actor.has_role(Role.TEAMLEIDER)
        or team is None
        or actor.organisation is None
        or team.organisation_id != actor.organisation.pk
    ):
        return TeamOverview(team=None, today=today, weeks=weeks)

    awaiting = _bounded(plans_awaiting_decision(team), limit)
    for plan in awaiting.items:
        plan.age_days = (today - timezone.localdate(plan.submitted_at)).days
    overdue = _bounded(overdue_actions(team, today), limit)
    for action in overdue.items:
        action.days_overdue = (today - action.due_on).days
    no_contact = _bounded(households_without_contact(team, today, weeks), limit)
    for household in no_contact.items:
        last = household.last_contact_on
        household.days_without_contact = (today - last).days if last else None
    return TeamOverview(
        team=team,
        today=today,
        weeks=weeks,
        awaiting=awaiting,
        overdue=overdue,
        no_contact=no_contact,
    )


# Notifications: always the user's own.


def notifications_of(user, limit: int = NOTIFICATION_LIMIT) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("-created_at", "-id")[:limit])


def unread_count(user, cap: int = UNREAD_CAP) -> int:
    """Unread notifications of ``user``, counted up to ``cap`` (a bounded count)."""
    return Notification.objects.filter(user=user, read_at__isnull=True)[:cap].count()


def notification_of(user, uuid) -> Notification | None:
    """The user's own notification, or None (another user's notification looks missing)."""
    return Notification.objects.filter(user=user, uuid=uuid).first()
