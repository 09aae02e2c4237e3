"""How the URLs of the Maatwerkregister may be reached (read by the access harness).

Entries are platform-wide reading for every member (``shared``), but only the organisation's
own functioneel beheerder changes them. A contact request belongs to two sides: the plan's team
(the household's gemeente) and the receiving organisation of the entry; every other
organisation gets 404, and its inbox never shows another organisation's requests.
"""

import uuid

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import ALL_ROLES, UrlAccess
from doorbraak.core.tests.factories import OrganisationFactory
from doorbraak.plans.tests.access import _plan

TEAM = {Role.PROFESSIONAL, Role.TEAMLEIDER}
BEHEERDER = {Role.FUNCTIONEEL_BEHEERDER}
RECEIVERS = {Role.MAATWERKFUNCTIONARIS, Role.FUNCTIONEEL_BEHEERDER}


def _entry_of(organisation, **fields):
    from doorbraak.register.models import EntryKind, RegisterEntry

    return RegisterEntry.objects.create(
        organisation=organisation,
        kind=EntryKind.FUNCTIONARIS,
        name=fields.pop("name", f"Maatwerkfunctionaris {uuid.uuid4().hex[:8]}"),
        mandate="Afwijken van beleidsregels sociaal domein.",
        domains=["financien"],
        laws=["Participatiewet"],
        email="maatwerk@example.nl",
        phone="010 123 45 67",
        **fields,
    )


def _entry(organisation):
    return {"uuid": _entry_of(organisation).uuid}


def _request_to(organisation, question="Kan de terugvordering worden aangehouden?"):
    """A request from a plan of a third gemeente to an entry of the organisation."""
    from doorbraak.register.models import ContactRequest

    sender = OrganisationFactory()
    return ContactRequest.objects.create(
        plan=_plan(sender),
        entry=_entry_of(organisation),
        from_organisation=sender,
        question=question,
    )


def _received_request(organisation):
    return {"uuid": _request_to(organisation).uuid}


def _received_marker(organisation):
    marker = f"Geheime vraag aan {organisation.name} {organisation.pk}"
    _request_to(organisation, question=marker)
    return marker


def _plan_kwargs(organisation):
    return {"uuid": _plan(organisation).uuid}


def _sent_request(organisation):
    """A request sent from a plan of the organisation to an entry of another organisation."""
    from doorbraak.register.models import ContactRequest

    plan = _plan(organisation)
    contact = ContactRequest.objects.create(
        plan=plan,
        entry=_entry_of(OrganisationFactory()),
        from_organisation=organisation,
        question="Kan de premie worden aangehouden?",
    )
    return {"uuid": plan.uuid, "request_uuid": contact.uuid}


URLS = {
    # The register holds no personal data: every member may search it and open an entry.
    "register:search": UrlAccess(roles=ALL_ROLES),
    "register:detail": UrlAccess(roles=ALL_ROLES, foreign_object=_entry, shared=True),
    "register:export-csv": UrlAccess(roles=ALL_ROLES),
    "register:export-xlsx": UrlAccess(roles=ALL_ROLES),
    # Only the own organisation's entries, through its functioneel beheerder.
    "register:manage": UrlAccess(roles=BEHEERDER),
    "register:create": UrlAccess(roles=BEHEERDER, methods=("GET", "POST")),
    "register:import": UrlAccess(roles=BEHEERDER, methods=("GET", "POST")),
    "register:edit": UrlAccess(roles=BEHEERDER, foreign_object=_entry, methods=("GET", "POST")),
    "register:verify": UrlAccess(roles=BEHEERDER, foreign_object=_entry, methods=("POST",)),
    "register:deactivate": UrlAccess(roles=BEHEERDER, foreign_object=_entry, methods=("POST",)),
    "register:activate": UrlAccess(roles=BEHEERDER, foreign_object=_entry, methods=("POST",)),
    # The receiving organisation's inbox.
    "register:inbox": UrlAccess(roles=RECEIVERS, leak_marker=_received_marker),
    "register:request": UrlAccess(
        roles=RECEIVERS, foreign_object=_received_request, methods=("GET", "POST")
    ),
    "register:request-solve": UrlAccess(
        roles=RECEIVERS, foreign_object=_received_request, methods=("POST",)
    ),
    # The sender side: the household's team.
    "register:plan-requests": UrlAccess(
        roles=TEAM, foreign_object=_plan_kwargs, methods=("GET", "POST")
    ),
    "register:plan-request-solve": UrlAccess(
        roles=TEAM, foreign_object=_sent_request, methods=("POST",)
    ),
}

URLS.update(
    {
        "api:register-entries": UrlAccess(roles=ALL_ROLES, api=True),
        "api:register-entry": UrlAccess(
            roles=ALL_ROLES, foreign_object=_entry, shared=True, api=True
        ),
        "api:plan-contact-requests": UrlAccess(
            roles=TEAM, foreign_object=_plan_kwargs, methods=("GET", "POST"), api=True
        ),
        "api:register-requests": UrlAccess(roles=RECEIVERS, api=True, leak_marker=_received_marker),
        "api:register-request-answer": UrlAccess(
            roles=RECEIVERS, foreign_object=_received_request, methods=("POST",), api=True
        ),
    }
)
