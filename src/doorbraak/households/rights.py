"""Rights of the data subject (AVG art. 15–17) for one member of a household.

- Access (art. 15): everything the platform holds about the person, as JSON and as a PDF.
- Rectification (art. 16): the ordinary person edit page (``services.persoon_opslaan``).
- Erasure (art. 17): deletes the person, their ZRM assessments and their history records,
  within the retention rules of the register of processing activities. The processing log is
  append-only and keeps only the pseudonym of the person.

Every step writes a processing-log entry under the activity ``rechten-betrokkene``.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models, transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorbraak.audit.models import Action, ProcessingActivity, ProcessingLogEntry, Status
from doorbraak.audit.services import Subject, log_processing
from doorbraak.plans.models import PlanStatus

from . import zrm
from .models import Assessment, GroundType, Household, MemberRole, Person, Purpose
from .services import DOSSIER

ACTIVITY = "rechten-betrokkene"


class ErasureGround(models.TextChoices):
    """Why a person is erased (AVG art. 17 lid 1); only a request is bound by retention."""

    VERZOEK_BETROKKENE = (
        "verzoek_betrokkene",
        gettext_lazy(
            "Request of the data subject: the data are no longer needed (AVG art. 17(1)(a)); "
            "statutory retention periods apply (art. 17(3)(b))"
        ),
    )
    ONRECHTMATIG_VERWERKT = (
        "onrechtmatig_verwerkt",
        gettext_lazy("The data were processed unlawfully (AVG art. 17(1)(d))"),
    )
    BEZWAAR_GEGROND = "bezwaar_gegrond", gettext_lazy("An objection was upheld (AVG art. 17(1)(c))")


#: Grounds that oblige erasure even while the retention period runs.
OVERRIDES_RETENTION = {ErasureGround.ONRECHTMATIG_VERWERKT, ErasureGround.BEZWAAR_GEGROND}


class ErasureRefused(Exception):
    """Erasure is not possible (yet); the message says why and from when."""


def subject_of(person: Person) -> Subject:
    return Subject("persoon", str(person.uuid))


# --- Access (art. 15) ------------------------------------------------------------------------


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value))


def _user(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def _assessment(assessment: Assessment) -> dict:
    return {
        "id": str(assessment.uuid),
        "about": "persoon" if assessment.person_id else "huishouden",
        "assessed_on": assessment.assessed_on,
        "version": assessment.version,
        "assessed_by": _user(assessment.assessor),
        "note": assessment.note,
        "scores": [
            {"domain": s.domain, "label": zrm.domain_label(s.domain), "score": s.score}
            for s in sorted(assessment.scores.all(), key=lambda s: s.domain)
        ],
    }


def _plan(plan) -> dict:
    return {
        "id": str(plan.uuid),
        "status": plan.status,
        "status_label": str(plan.get_status_display()),
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
        "blocking_domains": list(plan.blocking_domains),
        "blocking_problem": plan.blocking_problem,
        "blocking_party": plan.blocking_party,
        "breakthrough": plan.breakthrough,
        "why_it_unlocks": plan.why_it_unlocks,
        "decided_by": _user(plan.decided_by),
        "decided_role": plan.decided_role,
        "decided_at": plan.decided_at,
        "goals": [{"domain": g.domain, "description": g.description} for g in plan.goals.all()],
        "actions": [
            {
                "what": a.what,
                "owner": a.owner,
                "due_on": a.due_on,
                "status": a.status,
                "status_label": str(a.get_status_display()),
                "completed_on": a.completed_on,
            }
            for a in plan.actions.all()
        ],
        "evaluations": [
            {"planned_on": e.planned_on, "held_on": e.held_on, "notes": e.notes}
            for e in plan.evaluations.all()
        ],
        "status_changes": [
            {
                "at": t.at,
                "from": t.source,
                "to": t.target,
                "by": _user(t.by),
                "role": t.role,
                "note": t.note,
            }
            for t in plan.transitions.all()
        ],
    }


def _log_entry(entry: ProcessingLogEntry) -> dict:
    return {
        "at": entry.occurred_at,
        "activity": entry.activity.code,
        "activity_name": entry.activity.name,
        "action": entry.action,
        "action_label": str(entry.get_action_display()),
        "status": entry.status,
        "status_label": str(entry.get_status_display()),
        "purpose": entry.purpose,
        "legal_basis": entry.legal_basis,
        "organisation": entry.actor_organisation.name if entry.actor_organisation else None,
        "role": entry.actor_role,
        "controller": entry.controller.name if entry.controller else None,
        "detail": entry.detail,
    }


def log_entries_about(person: Person):
    return (
        ProcessingLogEntry.objects.filter(subject_pseudonym=subject_of(person).pseudonym)
        .select_related("activity", "actor_organisation", "controller")
        .order_by("occurred_at", "id")
    )


def person_data(person: Person) -> dict:
    """Everything the platform holds about the person (AVG art. 15), as plain data."""
    household: Household = person.household
    assessments = (
        household.assessments.filter(Q(person=person) | Q(person__isnull=True))
        .select_related("assessor")
        .prefetch_related("scores")
        .order_by("assessed_on", "id")
    )
    plans = household.plans.select_related("decided_by").prefetch_related(
        "goals",
        "actions__owner_user",
        "actions__owner_organisation",
        "evaluations",
        "transitions__by",
    )
    return {
        "about": "Inzage (AVG art. 15)",
        "generated_at": timezone.now(),
        "controller": household.organisation.name,
        "person": {
            "id": str(person.uuid),
            "role": person.role,
            "role_label": str(person.get_role_display()),
            "voornamen": person.voornamen,
            "tussenvoegsel": person.tussenvoegsel,
            "achternaam": person.achternaam,
            "geboortedatum": person.geboortedatum,
            "bsn": person.bsn,
            "telefoon": person.telefoon,
            "email": person.email,
            "in_jeugdhulp": person.in_jeugdhulp,
        },
        "household": {
            "reference": household.reference,
            "id": str(household.uuid),
            "straat": household.straat,
            "huisnummer": household.huisnummer,
            "toevoeging": household.toevoeging,
            "postcode": household.postcode,
            "plaats": household.plaats,
            "wijk_code": household.wijk_code,
            "buurt_code": household.buurt_code,
            "status": household.status,
            "team": household.team.name,
            "organisation": household.organisation.name,
            "created_at": household.created_at,
            "last_contact_on": household.last_contact_on,
            "members": [
                {"name": m.full_name, "role": m.role, "role_label": _label(MemberRole, m.role)}
                for m in household.members.exclude(pk=person.pk).order_by("role", "geboortedatum")
            ],
        },
        "grounds": [
            {
                "purpose": g.purpose,
                "purpose_label": _label(Purpose, g.purpose),
                "ground": g.ground,
                "ground_label": _label(GroundType, g.ground),
                "law": g.law,
                "given_by_this_person": g.given_by_id == person.pk,
                "given_on": g.given_on,
                "may_be_shared_with": sorted(o.name for o in g.share_with.all()),
                "withdrawn_on": g.withdrawn_on,
            }
            for g in household.grounds.prefetch_related("share_with")
        ],
        "shares": [
            {
                "with": _user(s.user),
                "organisation": s.organisation.name,
                "purpose": s.purpose,
                "starts_on": s.starts_on,
                "ends_on": s.ends_on,
                "including_health_and_justice": s.include_special_categories,
                "ended_at": s.revoked_at,
            }
            for s in household.shares.select_related("user", "organisation").order_by("starts_on")
        ],
        "assessments": [_assessment(a) for a in assessments],
        "plans": [_plan(p) for p in plans],
        "processing_log": [_log_entry(e) for e in log_entries_about(person)],
    }


def inzage(*, actor, person: Person, form: str) -> dict:
    """The export for the data subject; logged as an export of the person's data."""
    data = person_data(person)
    log_processing(actor, ACTIVITY, Action.EXPORT, person, detail=f"inzage ({form})")
    return data


# --- Erasure (art. 17) -----------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionCheck:
    """Whether the retention of the household file still runs, and until when."""

    retention_days: int | None
    retention_text: str
    open_plan: bool
    last_change: date
    erasable_from: date | None

    @property
    def blocks(self) -> bool:
        if self.open_plan:
            return True
        return self.erasable_from is not None and timezone.localdate() < self.erasable_from

    def message(self) -> str:
        if self.open_plan and not self.retention_days:
            return _(
                "This person cannot be erased yet: the household has a maatwerkplan that is "
                "still open. Close the plan first."
            )
        if self.open_plan:
            return _(
                "This person cannot be erased yet: the household has a maatwerkplan that is "
                "still open. The register of processing activities keeps the household file "
                "while a plan runs and for %(days)s days after (%(retention)s). Close the plan "
                "first; erasure is then possible from %(date)s at the earliest."
            ) % {
                "days": self.retention_days,
                "retention": self.retention_text,
                "date": (timezone.localdate() + timedelta(days=self.retention_days)).strftime(
                    "%d-%m-%Y"
                ),
            }
        return _(
            "This person cannot be erased yet: the household file was last changed on "
            "%(changed)s and the register of processing activities keeps it for %(days)s days "
            "(%(retention)s). Erasure is possible from %(date)s."
        ) % {
            "changed": self.last_change.strftime("%d-%m-%Y"),
            "days": self.retention_days,
            "retention": self.retention_text,
            "date": self.erasable_from.strftime("%d-%m-%Y"),
        }


def retention_check(household: Household) -> RetentionCheck:
    activity = ProcessingActivity.objects.filter(code=DOSSIER).first()
    days = activity.retention_days if activity else None
    text = activity.retention if activity else ""
    plans = household.plans.all()
    open_plan = plans.exclude(status=PlanStatus.AFGESLOTEN).exists()
    changes = [household.updated_at] + [p.updated_at for p in plans.only("updated_at")]
    last_change = timezone.localdate(max(changes))
    erasable_from = last_change + timedelta(days=days) if days else None
    return RetentionCheck(days, text, open_plan, last_change, erasable_from)


def verwijderen(*, actor, person: Person, ground: str) -> int:
    """Erase the person (art. 17) or refuse with the retention rule that applies.

    Returns the number of ZRM assessments erased with the person. A refusal is logged too
    (status refused), outside the erasure's transaction so that it stays.
    """
    ground = ErasureGround(ground)
    household = person.household
    subjects = [subject_of(person)]

    def refuse(reason: str, message: str):
        log_processing(
            actor,
            ACTIVITY,
            Action.DELETE,
            household,
            subjects=subjects,
            status=Status.REFUSED,
            detail=f"verwijderen geweigerd: {reason} ({ground.value})",
        )
        raise ErasureRefused(message)

    if ground not in OVERRIDES_RETENTION:
        check = retention_check(household)
        if check.blocks:
            refuse("bewaartermijn", check.message())
    try:
        with transaction.atomic():
            assessments = person.assessments.count()
            person.assessments.all().delete()
            person.delete()
            # After the delete: simple-history has just written a record of the deletion.
            Person.history.filter(uuid=person.uuid).delete()
            # Logged against the household: the log keeps only the person's pseudonym.
            log_processing(
                actor,
                ACTIVITY,
                Action.DELETE,
                household,
                subjects=subjects,
                detail=f"persoon verwijderd ({ground.value}); {assessments} ZRM verwijderd",
            )
    except ProtectedError:
        refuse(
            "nog in gebruik",
            _(
                "This person cannot be erased: other records in the platform still refer to "
                "them. Ask the functional administrator."
            ),
        )
    return assessments
