"""Changing the register and contact requests: each writes its change (and log entry) together.

Register entries hold no personal data, so their changes are not in the processing log; every
read and change of a contact request is, under the activity ``contactverzoek-maatwerk``.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing
from doorbraak.households.models import MemberRole

from .models import ContactRequest, RegisterEntry, RequestStatus

ACTIVITY = "contactverzoek-maatwerk"

ENTRY_FIELDS = (
    "kind",
    "name",
    "mandate",
    "domains",
    "laws",
    "nationwide",
    "region",
    "email",
    "phone",
    "availability",
    "last_verified_on",
)


class NotAllowed(Exception):
    """The change is not possible in the object's current state; the message says why."""


# --- Register entries -----------------------------------------------------------------------


@transaction.atomic
def entry_opslaan(*, actor, data: dict, entry: RegisterEntry | None = None) -> RegisterEntry:
    """Create an entry for the actor's organisation, or change one of its entries."""
    if entry is None:
        entry = RegisterEntry(organisation=actor.organisation)
    elif entry.organisation_id != actor.organisation.pk:
        raise NotAllowed(_("This entry belongs to another organisation."))
    for field in ENTRY_FIELDS:
        if field in data:
            setattr(entry, field, data[field])
    entry.updated_at = timezone.now()
    entry.updated_by = actor.user
    entry.save()
    if "gemeenten" in data:
        entry.gemeenten.set(data["gemeenten"])
    return entry


def entry_gecontroleerd(*, actor, entry: RegisterEntry, on=None) -> RegisterEntry:
    """The organisation confirms the entry is still right (the six-monthly check)."""
    entry.last_verified_on = on or timezone.localdate()
    entry.updated_at = timezone.now()
    entry.updated_by = actor.user
    entry.save(update_fields=["last_verified_on", "updated_at", "updated_by"])
    return entry


def entry_actief(*, actor, entry: RegisterEntry, active: bool) -> RegisterEntry:
    """Deactivate (hide from the search, keep for the requests that name it) or reactivate."""
    entry.active = active
    entry.updated_at = timezone.now()
    entry.updated_by = actor.user
    entry.save(update_fields=["active", "updated_at", "updated_by"])
    return entry


# --- Contact requests -----------------------------------------------------------------------


@transaction.atomic
def verzoek_versturen(
    *,
    actor,
    plan,
    entry: RegisterEntry,
    question: str,
    share_identity: bool = False,
    legal_basis: str = "",
) -> ContactRequest:
    """Send a question from the plan to a register entry; pseudonymous unless a legal basis
    for sharing the applicant's name and date of birth is recorded."""
    if not entry.active:
        raise NotAllowed(_("This register entry is no longer active."))
    if share_identity and not legal_basis.strip():
        raise NotAllowed(_("Record the legal basis for sharing the name and date of birth."))
    shared_person = None
    if share_identity:
        shared_person = (
            plan.household.members.filter(role=MemberRole.AANVRAGER).order_by("id").first()
        )
        if shared_person is None:
            raise NotAllowed(_("The household has no applicant whose name could be shared."))
    request = ContactRequest.objects.create(
        plan=plan,
        entry=entry,
        from_organisation=actor.organisation,
        from_user=actor.user,
        question=question,
        share_identity=share_identity,
        legal_basis=legal_basis.strip() if share_identity else "",
        shared_person=shared_person,
    )
    log_processing(
        actor,
        ACTIVITY,
        Action.SHARE,
        request,
        detail=f"aan {entry.organisation.short_name or entry.organisation.name}: "
        + ("naam en geboortedatum" if share_identity else "pseudoniem"),
    )
    return request


def verzoek_inzien(*, actor, request: ContactRequest, side: str) -> None:
    log_processing(actor, ACTIVITY, Action.READ, request, detail=side)


def verzoeken_inzien(*, actor, requests, side: str) -> None:
    """A list of requests is a read of each one's data subjects."""
    subjects = [Subject(t, str(i)) for r in requests for t, i in r.processing_subjects()]
    if subjects:
        log_processing(
            actor,
            ACTIVITY,
            Action.READ,
            subjects=subjects,
            controller=actor.organisation,
            detail=f"{side}: {len(requests)} verzoeken",
        )


@transaction.atomic
def verzoek_beantwoorden(
    *, actor, request: ContactRequest, answer: str, resolve: bool = False
) -> ContactRequest:
    if request.status == RequestStatus.OPGELOST:
        raise NotAllowed(_("This request is solved already."))
    request.answer = answer
    request.answered_by = actor.user
    request.answered_at = timezone.now()
    request.status = RequestStatus.OPGELOST if resolve else RequestStatus.BEANTWOORD
    if resolve:
        request.resolved_at = request.answered_at
    request.save(update_fields=["answer", "answered_by", "answered_at", "status", "resolved_at"])
    log_processing(
        actor,
        ACTIVITY,
        Action.UPDATE,
        request,
        detail="beantwoord" + (", opgelost" if resolve else ""),
    )
    return request


@transaction.atomic
def verzoek_oplossen(*, actor, request: ContactRequest) -> ContactRequest:
    """Either side records that the question is solved: the professional can continue."""
    if request.status == RequestStatus.OPGELOST:
        raise NotAllowed(_("This request is solved already."))
    request.status = RequestStatus.OPGELOST
    request.resolved_at = timezone.now()
    request.save(update_fields=["status", "resolved_at"])
    log_processing(actor, ACTIVITY, Action.UPDATE, request, detail="opgelost")
    return request
