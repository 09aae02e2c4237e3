"""Reading households, scoped to what the actor may see.

A household is visible to the professionals and the teamleider of its team, and to a named
professional of another organisation while a share with a purpose, an end date and a valid
legal ground lasts. Everyone else gets nothing (and the views answer 404).
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from doorbraak.core.pagination import Page, keyset_page
from doorbraak.core.roles import Role

from .models import Assessment, AssessmentScore, Household, HouseholdShare, Person

TEAM_ROLES = (Role.PROFESSIONAL, Role.TEAMLEIDER)


@dataclass(frozen=True)
class HouseholdAccess:
    household: Household
    via_team: bool
    share: HouseholdShare | None

    @property
    def special_categories(self) -> bool:
        """Health and justice data: the team, or a share that explicitly includes them."""
        return self.via_team or bool(self.share and self.share.include_special_categories)

    @property
    def can_change(self) -> bool:
        return self.via_team


def active_shares(actor) -> QuerySet:
    if actor.user is None or actor.organisation is None:
        return HouseholdShare.objects.none()
    today = timezone.localdate()
    return HouseholdShare.objects.filter(
        user=actor.user,
        organisation=actor.organisation,
        revoked_at__isnull=True,
        starts_on__lte=today,
        ends_on__gte=today,
        ground__withdrawn_on__isnull=True,
    )


def team_households(actor) -> QuerySet:
    if not actor.has_role(*TEAM_ROLES) or actor.team is None:
        return Household.objects.none()
    return Household.objects.filter(team=actor.team, organisation=actor.organisation)


def households_for(actor) -> QuerySet:
    """Every household the actor may open (team or active share)."""
    shared = active_shares(actor).values("household_id")
    return Household.objects.filter(
        Q(pk__in=team_households(actor).values("pk")) | Q(pk__in=shared)
    )


def _with_applicant(qs: QuerySet) -> QuerySet:
    return qs.select_related("team", "assigned_to").prefetch_related(
        Prefetch("members", queryset=Person.objects.order_by("role", "id"))
    )


def team_page(actor, cursor: str | None = None, size: int = 50) -> Page:
    return keyset_page(_with_applicant(team_households(actor)), "updated_at", cursor, size)


def shared_with(actor) -> list[Household]:
    return list(
        _with_applicant(
            Household.objects.filter(pk__in=active_shares(actor).values("household_id"))
        )
    )


def household_access(actor, uuid) -> HouseholdAccess | None:
    household = (
        Household.objects.select_related("organisation", "team", "assigned_to")
        .filter(uuid=uuid)
        .first()
    )
    if household is None:
        return None
    if team_households(actor).filter(pk=household.pk).exists():
        return HouseholdAccess(household, via_team=True, share=None)
    share = active_shares(actor).filter(household=household).order_by("-ends_on").first()
    if share is not None:
        return HouseholdAccess(household, via_team=False, share=share)
    return None


def person_in(access: HouseholdAccess, uuid) -> Person | None:
    return access.household.members.filter(uuid=uuid).first()


def assessments_of(access: HouseholdAccess) -> list[Assessment]:
    """Assessments with their scores; health and justice scores only where access allows."""
    scores = AssessmentScore.objects.all()
    if not access.special_categories:
        from . import zrm

        scores = scores.exclude(domain__in=zrm.SPECIAL_CATEGORY_DOMAINS)
    return list(
        access.household.assessments.select_related("person", "assessor")
        .prefetch_related(Prefetch("scores", queryset=scores))
        .order_by("assessed_on", "id")
    )


@dataclass(frozen=True)
class SearchCriteria:
    name: str = ""
    geboortedatum: object = None
    postcode: str = ""
    bsn: str = ""


def search(actor, criteria: SearchCriteria, limit: int = 50) -> list[Person]:
    """Members of visible households that match every given criterion."""
    people = Person.objects.filter(household__in=households_for(actor)).select_related("household")
    if criteria.name:
        people = people.filter(
            Q(achternaam__icontains=criteria.name) | Q(voornamen__icontains=criteria.name)
        )
    if criteria.geboortedatum:
        people = people.filter(geboortedatum=criteria.geboortedatum)
    if criteria.postcode:
        people = people.filter(household__postcode=criteria.postcode)
    if criteria.bsn:
        people = people.filter(bsn_hash=Person.bsn_lookup_hash(criteria.bsn))
    return list(people.order_by("achternaam", "voornamen")[:limit])
