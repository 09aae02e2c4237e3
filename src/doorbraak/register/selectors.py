"""Reading the register and contact requests, scoped to the actor.

Entries are visible to every member when active; inactive ones only to their own organisation.
A contact request is visible to the plan's team (the sender side) and to the maatwerkfunctionaris
and functioneel beheerder of the entry's organisation (the receiving side) — nobody else, so
one agency never sees another's requests.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from doorbraak.core.models import Organisation, OrganisationType
from doorbraak.core.roles import Role

from .models import ContactRequest, RegisterEntry, outdated_before

RECEIVER_ROLES = (Role.MAATWERKFUNCTIONARIS, Role.FUNCTIONEEL_BEHEERDER)


@dataclass(frozen=True)
class RegisterFilters:
    organisation_type: str = ""
    domain: str = ""
    gemeente: Organisation | None = None
    kind: str = ""
    query: str = ""

    @property
    def used(self) -> list[str]:
        return [name for name, value in vars(self).items() if value]


def _with_relations(qs: QuerySet) -> QuerySet:
    return qs.select_related("organisation").prefetch_related(
        Prefetch("gemeenten", queryset=Organisation.objects.order_by("name"))
    )


def active_entries() -> QuerySet:
    return RegisterEntry.objects.filter(active=True)


def search_entries(filters: RegisterFilters) -> QuerySet:
    """Active entries matching every filter given, ordered by organisation and name."""
    entries = active_entries()
    if filters.organisation_type:
        entries = entries.filter(organisation__type=filters.organisation_type)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.domain:
        # The JSON text holds each code in quotes: an exact element match on every database
        # (JSON containment is not available on SQLite).
        entries = entries.filter(domains__icontains=f'"{filters.domain}"')
    if filters.gemeente is not None:
        served = RegisterEntry.gemeenten.through.objects.filter(
            organisation=filters.gemeente
        ).values("registerentry_id")
        # A gemeente's own entries serve it; national ones serve everyone.
        entries = entries.filter(
            Q(nationwide=True) | Q(organisation=filters.gemeente) | Q(pk__in=served)
        )
    if filters.query:
        needle = filters.query.strip()
        entries = entries.filter(
            Q(search_text__contains=needle.casefold())
            | Q(organisation__name__icontains=needle)
            | Q(organisation__short_name__icontains=needle)
        )
    return _with_relations(entries).order_by("organisation__name", "name", "id")


def visible_entry(actor, uuid) -> RegisterEntry | None:
    """An active entry, or an inactive one of the actor's own organisation."""
    organisation = actor.organisation
    own = Q(organisation=organisation) if organisation is not None else Q(pk__in=[])
    return (
        _with_relations(RegisterEntry.objects.filter(Q(active=True) | own))
        .filter(uuid=uuid)
        .first()
    )


def own_entries(actor) -> QuerySet:
    if actor.organisation is None:
        return RegisterEntry.objects.none()
    return _with_relations(RegisterEntry.objects.filter(organisation=actor.organisation)).order_by(
        "-active", "name", "id"
    )


def own_entry(actor, uuid) -> RegisterEntry | None:
    return own_entries(actor).filter(uuid=uuid).first()


def needing_reverification(organisation, today=None) -> QuerySet:
    """Active entries of the organisation last verified more than six months ago."""
    return RegisterEntry.objects.filter(
        organisation=organisation, active=True, last_verified_on__lt=outdated_before(today)
    ).order_by("last_verified_on", "name")


def served_gemeenten() -> QuerySet:
    return Organisation.objects.filter(type=OrganisationType.GEMEENTE).order_by("name")


# --- Contact requests -----------------------------------------------------------------------


def _requests() -> QuerySet:
    return ContactRequest.objects.select_related(
        "entry__organisation",
        "from_organisation",
        "from_user",
        "answered_by",
        "plan__household",
        "shared_person",
    )


def plan_requests(plan) -> QuerySet:
    return _requests().filter(plan=plan)


def plan_request(plan, uuid) -> ContactRequest | None:
    return plan_requests(plan).filter(uuid=uuid).first()


def is_receiver(actor) -> bool:
    """Maatwerkfunctionaris or beheerder; an API client acts for its whole organisation."""
    return actor.organisation is not None and (
        actor.has_role(*RECEIVER_ROLES) or actor.client is not None
    )


def inbox(actor, status: str = "") -> QuerySet:
    """Requests addressed to the entries of the actor's organisation."""
    if not is_receiver(actor):
        return ContactRequest.objects.none()
    requests = _requests().filter(entry__organisation=actor.organisation)
    if status:
        requests = requests.filter(status=status)
    return requests


def inbox_request(actor, uuid) -> ContactRequest | None:
    return inbox(actor).filter(uuid=uuid).first()
