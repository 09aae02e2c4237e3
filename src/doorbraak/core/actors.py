"""The actor: who does something, for which organisation, in which role.

Every selector, permission check and processing-log entry takes an ``Actor``, so that a person
acting for a municipality and a creditor's system calling the API are handled the same way.
"""

from dataclasses import dataclass

from .models import ApiClient, Membership, Organisation, Team, User
from .roles import SYSTEM_CLIENT_ROLE

SESSION_MEMBERSHIP_KEY = "doorbraak.active_membership"


@dataclass(frozen=True)
class Actor:
    user: User | None = None
    client: ApiClient | None = None
    membership: Membership | None = None

    @property
    def organisation(self) -> Organisation | None:
        if self.membership is not None:
            return self.membership.organisation
        if self.client is not None:
            return self.client.organisation
        return None

    @property
    def team(self) -> Team | None:
        return self.membership.team if self.membership is not None else None

    @property
    def role(self) -> str | None:
        if self.membership is not None:
            return self.membership.role
        if self.client is not None:
            return SYSTEM_CLIENT_ROLE
        return None

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None or self.client is not None

    def has_role(self, *roles: str) -> bool:
        return self.role is not None and self.role in roles

    @property
    def label(self) -> str:
        """Who, for the processing log: never more than a username or client name."""
        if self.user is not None:
            return self.user.get_username()
        if self.client is not None:
            return f"api:{self.client.name}"
        return "anonymous"


ANONYMOUS = Actor()


def memberships_of(user: User):
    return (
        Membership.objects.filter(user=user, active=True, organisation__active=True)
        .select_related("organisation", "team")
        .order_by("organisation__name", "role")
    )


def actor_for_session(request) -> Actor:
    """The actor of a logged-in person: their chosen membership, or their only one."""
    user = request.user
    if not user.is_authenticated:
        return ANONYMOUS
    memberships = list(memberships_of(user))
    chosen_id = request.session.get(SESSION_MEMBERSHIP_KEY)
    for membership in memberships:
        if str(membership.uuid) == chosen_id:
            return Actor(user=user, membership=membership)
    if len(memberships) == 1:
        return Actor(user=user, membership=memberships[0])
    return Actor(user=user)
