"""Operations on households. Each writes its model changes and its processing-log entry in one
transaction; the views only call these."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing

from . import zrm
from .models import (
    Assessment,
    AssessmentScore,
    GroundType,
    Household,
    HouseholdShare,
    MemberRole,
    Person,
    ProcessingGround,
    Transfer,
)

DOSSIER = "huishoudensdossier"


class NotAllowed(Exception):
    """The operation is refused; the message says why (shown to the user)."""


def _touch(household: Household) -> None:
    household.updated_at = timezone.now()
    Household.objects.filter(pk=household.pk).update(updated_at=household.updated_at)


def _fields(changed) -> str:
    return ("velden: " + ", ".join(sorted(changed)))[:300] if changed else ""


@transaction.atomic
def huishouden_aanmaken(*, actor, address: dict, applicant: dict, bsn: str = "") -> Household:
    """Intake: a new household in the actor's team, with its applicant (aanvrager)."""
    if actor.team is None:
        raise NotAllowed("Alleen een lid van een team kan een huishouden aanmaken.")
    household = Household.objects.create(
        organisation=actor.organisation,
        team=actor.team,
        assigned_to=actor.user,
        created_by=actor.user,
        last_contact_on=timezone.localdate(),
        **address,
    )
    person = Person(household=household, role=MemberRole.AANVRAGER, **applicant)
    person.set_bsn(bsn)
    person.save()
    log_processing(actor, DOSSIER, Action.CREATE, household, detail=_fields(address))
    log_processing(actor, DOSSIER, Action.CREATE, person, detail=_fields(applicant))
    return household


@transaction.atomic
def huishouden_wijzigen(*, actor, household: Household, changes: dict) -> Household:
    for name, value in changes.items():
        setattr(household, name, value)
    household.updated_at = timezone.now()
    household.save()
    log_processing(actor, DOSSIER, Action.UPDATE, household, detail=_fields(changes))
    return household


def huishouden_inzien(*, actor, household: Household) -> None:
    """Opening a file is a read of every member's data: one record per member."""
    subjects = [Subject("huishouden", str(household.uuid))] + [
        Subject("persoon", str(uuid)) for uuid in household.members.values_list("uuid", flat=True)
    ]
    log_processing(actor, DOSSIER, Action.READ, household, subjects=subjects)


def lijst_inzien(*, actor, households) -> None:
    if households:
        log_processing(
            actor,
            DOSSIER,
            Action.READ,
            subjects=[Subject("huishouden", str(h.uuid)) for h in households],
            controller=actor.organisation,
            detail="caseload",
        )


def zoeken(*, actor, people, criteria_used: list[str]) -> None:
    subjects = [Subject("persoon", str(p.uuid)) for p in people]
    log_processing(
        actor,
        DOSSIER,
        Action.SEARCH,
        subjects=subjects or None,
        controller=actor.organisation,
        detail="zoeken op: " + ", ".join(criteria_used),
    )


@transaction.atomic
def persoon_opslaan(
    *, actor, household: Household, person: Person | None, data: dict, bsn: str | None
) -> Person:
    """Add a member, or correct one (the right to rectification, AVG art. 16, uses this too)."""
    creating = person is None
    person = person or Person(household=household)
    changed = {name for name, value in data.items() if getattr(person, name, None) != value}
    for name, value in data.items():
        setattr(person, name, value)
    if bsn is not None and (creating or bsn != person.bsn):
        person.set_bsn(bsn)
        changed.add("bsn")
    person.save()
    _touch(household)
    log_processing(
        actor,
        DOSSIER,
        Action.CREATE if creating else Action.UPDATE,
        person,
        detail=_fields(changed),
    )
    return person


@transaction.atomic
def grond_vastleggen(
    *,
    actor,
    household: Household,
    purpose: str,
    ground: str,
    law: str,
    given_by: Person | None,
    given_on: date,
    share_with,
) -> ProcessingGround:
    if ground == GroundType.TOESTEMMING and given_by is None:
        raise NotAllowed("Bij toestemming hoort de persoon die toestemming gaf.")
    record = ProcessingGround.objects.create(
        household=household,
        purpose=purpose,
        ground=ground,
        law=law,
        given_by=given_by,
        given_on=given_on,
        recorded_by=actor.user,
    )
    record.share_with.set(share_with)
    log_processing(actor, DOSSIER, Action.CREATE, record, detail=f"grondslag {purpose}: {ground}")
    return record


@transaction.atomic
def grond_intrekken(*, actor, ground: ProcessingGround) -> int:
    """Withdrawal (of consent) stops every share that rests on it at once."""
    ground.withdrawn_on = timezone.localdate()
    ground.withdrawn_by = actor.user
    ground.save(update_fields=["withdrawn_on", "withdrawn_by"])
    ended = ground.shares.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    log_processing(
        actor,
        DOSSIER,
        Action.UPDATE,
        ground,
        detail=f"ingetrokken; {ended} gedeelde toegang(en) beëindigd",
    )
    return ended


@transaction.atomic
def delen(
    *,
    actor,
    household: Household,
    ground: ProcessingGround,
    user,
    organisation,
    purpose: str,
    ends_on: date,
    include_special_categories: bool,
) -> HouseholdShare:
    if not ground.is_active:
        raise NotAllowed("Deze grondslag is ingetrokken; delen kan niet.")
    if not ground.share_with.filter(pk=organisation.pk).exists():
        raise NotAllowed(f"De grondslag staat delen met {organisation} niet toe.")
    if not user.memberships.filter(organisation=organisation, active=True).exists():
        raise NotAllowed(f"Deze persoon werkt niet voor {organisation}.")
    if ends_on <= timezone.localdate():
        raise NotAllowed("De einddatum moet in de toekomst liggen.")
    share = HouseholdShare.objects.create(
        household=household,
        ground=ground,
        user=user,
        organisation=organisation,
        purpose=purpose,
        ends_on=ends_on,
        include_special_categories=include_special_categories,
        created_by=actor.user,
    )
    log_processing(
        actor,
        "gegevens-delen",
        Action.SHARE,
        household,
        detail=f"met {organisation} tot {ends_on:%d-%m-%Y}",
    )
    return share


@transaction.atomic
def delen_beeindigen(*, actor, share: HouseholdShare) -> None:
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        log_processing(
            actor, "gegevens-delen", Action.UPDATE, share.household, detail="delen beëindigd"
        )


@transaction.atomic
def overdragen(*, actor, household: Household, to_team, note: str) -> Transfer:
    """Warme overdracht to another team of the same municipality, with a handover note."""
    if to_team.organisation_id != household.organisation_id:
        raise NotAllowed("Overdragen kan alleen naar een team van dezelfde gemeente.")
    if to_team.pk == household.team_id:
        raise NotAllowed("Het huishouden hoort al bij dit team.")
    transfer = Transfer.objects.create(
        household=household, from_team=household.team, to_team=to_team, note=note, by=actor.user
    )
    household.team = to_team
    household.assigned_to = None
    household.updated_at = timezone.now()
    household.save(update_fields=["team", "assigned_to", "updated_at"])
    log_processing(
        actor, DOSSIER, Action.UPDATE, household, detail=f"overgedragen aan {to_team.name}"
    )
    return transfer


@transaction.atomic
def zrm_vastleggen(
    *,
    actor,
    household: Household,
    person: Person | None,
    assessed_on: date,
    version: str,
    scores: dict[str, int],
    note: str = "",
) -> Assessment:
    domains = [code for code, _label in zrm.VERSIONS[version]]
    missing = [zrm.domain_label(code) for code in domains if code not in scores]
    if missing:
        raise NotAllowed("Alle leefgebieden krijgen een score; ontbreekt: " + ", ".join(missing))
    if any(not 1 <= int(scores[code]) <= 5 for code in domains):
        raise NotAllowed("Een score ligt tussen 1 en 5.")
    assessment = Assessment.objects.create(
        household=household,
        person=person,
        assessed_on=assessed_on,
        version=version,
        assessor=actor.user,
        note=note,
    )
    AssessmentScore.objects.bulk_create(
        [
            AssessmentScore(assessment=assessment, domain=code, score=int(scores[code]))
            for code in domains
        ]
    )
    household.last_contact_on = max(filter(None, [household.last_contact_on, assessed_on]))
    household.updated_at = timezone.now()
    household.save(update_fields=["last_contact_on", "updated_at"])
    log_processing(actor, "zrm-vastleggen", Action.CREATE, assessment, detail=f"ZRM {version}")
    return assessment


@transaction.atomic
def contact_vastleggen(*, actor, household: Household, on: date) -> None:
    household.last_contact_on = on
    household.updated_at = timezone.now()
    household.save(update_fields=["last_contact_on", "updated_at"])
    log_processing(actor, DOSSIER, Action.UPDATE, household, detail="contactmoment")
