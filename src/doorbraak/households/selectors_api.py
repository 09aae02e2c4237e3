"""Which households a caller of the API may reach.

A person (browser session, after the second factor) reaches what the pages show them:
the households of their team and those shared with them (``selectors.households_for``).
A system client of a gemeente (``actor.client``) reaches every household of its own
organisation, read-only and without health and justice data: a system acts for the
municipality as a whole, not for a team, and no share can name it for special categories.
"""

from django.db.models import QuerySet

from .models import Household
from .selectors import TEAM_ROLES, HouseholdAccess, active_shares, household_access, households_for


def is_gemeente_client(actor) -> bool:
    return (
        actor.client is not None
        and actor.organisation is not None
        and (actor.organisation.is_gemeente)
    )


def may_use_household_api(actor) -> bool:
    """The household endpoints at all: a gemeente's client, a team member, or a share holder."""
    if actor.client is not None:
        return is_gemeente_client(actor)
    if actor.has_role(*TEAM_ROLES) and actor.team is not None:
        return True
    return active_shares(actor).exists()


def may_create_household(actor) -> bool:
    return actor.client is None and actor.has_role(*TEAM_ROLES) and actor.team is not None


def api_households(actor) -> QuerySet:
    """Every household the caller may list or open."""
    if actor.client is not None:
        if not is_gemeente_client(actor):
            return Household.objects.none()
        return Household.objects.filter(organisation=actor.organisation)
    return households_for(actor)


def api_household_access(actor, uuid) -> HouseholdAccess | None:
    """The caller's access to one household, or None (the API answers 404)."""
    if actor.client is not None:
        household = (
            api_households(actor)
            .select_related("organisation", "team", "assigned_to")
            .filter(uuid=uuid)
            .first()
        )
        if household is None:
            return None
        # Neither via the team nor via a share: read-only, no special categories.
        return HouseholdAccess(household, via_team=False, share=None)
    return household_access(actor, uuid)
