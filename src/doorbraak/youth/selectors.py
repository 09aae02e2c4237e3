"""Reading young people and their transition plans, scoped to what the actor may see.

Visibility follows the household: the team of the household, or a named professional with an
active share (``households.selectors``). Everything else answers 404.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from doorbraak.households.models import Person
from doorbraak.households.selectors import HouseholdAccess, household_access, households_for

from . import rules_big5
from .models import TransitionDomain, TransitionPlan


@dataclass(frozen=True)
class YoungPerson:
    person: Person
    turns_18_on: date | None
    plan: TransitionPlan | None
    arranged: int

    @property
    def total(self) -> int:
        return len(rules_big5.DOMAINS)


def turning_18_window(today: date | None = None) -> tuple[date, date]:
    """(born after, born on or before): not yet 18, and 18 within the next 12 months."""
    today = today or timezone.localdate()
    return rules_big5.years_before(today, 18), rules_big5.years_before(today, 17)


def young_people_for(actor, today: date | None = None) -> list[YoungPerson]:
    """Young people in youth care in households the actor may open who turn 18 within the next
    12 months, and everyone with a transition plan that is still open (the trajectory does not
    stop at 18: "we laten de jongere pas los als de Big 5 geregeld zijn").
    Ordered by the 18th birthday."""
    born_after, born_until = turning_18_window(today)
    arranged = Count(
        "transition_plan__domains",
        filter=Q(transition_plan__domains__status=rules_big5.GEREGELD),
    )
    people = (
        Person.objects.filter(household__in=households_for(actor))
        .filter(
            Q(in_jeugdhulp=True, geboortedatum__gt=born_after, geboortedatum__lte=born_until)
            | Q(transition_plan__isnull=False, transition_plan__closed_on__isnull=True)
        )
        .select_related("household", "household__organisation", "transition_plan")
        .annotate(arranged=arranged)
        .order_by("geboortedatum", "achternaam", "id")
    )
    rows = []
    for person in people:
        plan = getattr(person, "transition_plan", None)
        born = person.geboortedatum
        rows.append(
            YoungPerson(
                person=person,
                turns_18_on=rules_big5.eighteenth_birthday(born) if born else None,
                plan=plan,
                arranged=person.arranged if plan else 0,
            )
        )
    return rows


@dataclass(frozen=True)
class YoungPersonAccess:
    access: HouseholdAccess
    person: Person
    plan: TransitionPlan | None

    @property
    def can_change(self) -> bool:
        return self.access.can_change

    @property
    def household(self):
        return self.access.household


def young_person_access(actor, person_uuid) -> YoungPersonAccess | None:
    """The young person, their plan (if any) and the household access, or None (404).

    Only people in youth care, or with a transition plan, have a Big 5 page."""
    person = (
        Person.objects.select_related("household")
        .filter(uuid=person_uuid)
        .filter(Q(in_jeugdhulp=True) | Q(transition_plan__isnull=False))
        .first()
    )
    if person is None:
        return None
    access = household_access(actor, person.household.uuid)
    if access is None:
        return None
    plan = (
        TransitionPlan.objects.select_related("closed_by", "created_by")
        .prefetch_related(
            Prefetch(
                "domains",
                queryset=TransitionDomain.objects.select_related("responsible_user"),
            )
        )
        .filter(person=person)
        .first()
    )
    return YoungPersonAccess(access=access, person=person, plan=plan)
