"""Reading the escalation route, scoped to the actor. Anything outside the scope is None (404)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from doorbraak.core.permissions import can
from doorbraak.core.roles import Role

from .models import (
    DEFAULT_WORKING_DAYS,
    DecisionStatus,
    Knelpunt,
    KnelpuntKind,
    KnelpuntStatus,
    LetDecision,
    LetSession,
    LoketCase,
    Overbrugging,
    ServiceLevel,
)

TEAM_ROLES = (Role.PROFESSIONAL, Role.TEAMLEIDER)


def is_loket_staff(actor) -> bool:
    return can(actor, "escalation.triage")


def working_days_for(milestone: str) -> int:
    level = ServiceLevel.objects.filter(milestone=milestone).first()
    return level.working_days if level else DEFAULT_WORKING_DAYS[milestone]


# --- Loket cases -------------------------------------------------------------------------------


def _addressed_to(organisation) -> Q:
    """Cases an organisation has a part in: a LET decision, an overbrugging, a policy question."""
    return (
        Q(let_decisions__responsible_organisation=organisation)
        | Q(overbruggingen__voorfinancier=organisation)
        | Q(overbruggingen__final_payer=organisation)
        | Q(routed_to=organisation)
    )


def team_cases(actor) -> QuerySet:
    """The cases of the plans of the actor's team (the submitting team while a plan is gone)."""
    if not actor.has_role(*TEAM_ROLES) or actor.team is None:
        return LoketCase.objects.none()
    return LoketCase.objects.filter(gemeente=actor.organisation).filter(
        Q(plan__household__team=actor.team) | Q(plan__isnull=True, team=actor.team)
    )


def cases_for(actor) -> QuerySet:
    if actor is None or actor.organisation is None or actor.client is not None:
        return LoketCase.objects.none()
    if is_loket_staff(actor):
        return LoketCase.objects.all()
    if actor.has_role(*TEAM_ROLES):
        return team_cases(actor)
    if actor.has_role(Role.MAATWERKFUNCTIONARIS):
        ids = LoketCase.objects.filter(_addressed_to(actor.organisation)).values("pk")
        return LoketCase.objects.filter(pk__in=ids)
    return LoketCase.objects.none()


@dataclass(frozen=True)
class CaseAccess:
    case: LoketCase
    #: The household's team: may add attachments, sees the full case and its timeline.
    is_team: bool
    #: Loket staff: triage, knelpunten, overbrugging, LET.
    is_loket: bool

    @property
    def full(self) -> bool:
        """Entry test, timeline and attachments; an addressed agency sees the minimal dataset."""
        return self.is_team or self.is_loket


def case_access(actor, uuid) -> CaseAccess | None:
    case = (
        cases_for(actor)
        .select_related("gemeente", "routed_to", "handler", "team", "plan")
        .filter(uuid=uuid)
        .first()
    )
    if case is None:
        return None
    is_loket = is_loket_staff(actor)
    is_team = not is_loket and team_cases(actor).filter(pk=case.pk).exists()
    return CaseAccess(case=case, is_team=is_team, is_loket=is_loket)


def cases_of_plan(plan) -> QuerySet:
    return LoketCase.objects.filter(plan=plan).prefetch_related("events__by")


def case_list(actor, *, status: str = "", overdue: bool = False, limit: int = 200) -> list:
    cases = cases_for(actor).select_related("gemeente", "handler").order_by("-submitted_at", "-id")
    if status:
        cases = cases.filter(status=status)
    rows = list(cases[:limit])
    if overdue:
        rows = [c for c in rows if c.is_overdue]
    return rows


def decisions_visible(actor, case: LoketCase) -> QuerySet:
    decisions = case.let_decisions.select_related("responsible_organisation", "session")
    if is_loket_staff(actor) or team_cases(actor).filter(pk=case.pk).exists():
        return decisions
    return decisions.filter(responsible_organisation=actor.organisation)


def overbruggingen_visible(actor, case: LoketCase) -> QuerySet:
    found = case.overbruggingen.select_related("voorfinancier", "final_payer")
    if is_loket_staff(actor) or team_cases(actor).filter(pk=case.pk).exists():
        return found
    return found.filter(Q(voorfinancier=actor.organisation) | Q(final_payer=actor.organisation))


# --- LET ---------------------------------------------------------------------------------------


def sessions_for(actor) -> QuerySet:
    if not can(actor, "escalation.manage_let"):
        return LetSession.objects.none()
    return LetSession.objects.prefetch_related("participants").annotate(
        agenda_size=Count("cases", distinct=True)
    )


def session_for(actor, uuid) -> LetSession | None:
    return sessions_for(actor).filter(uuid=uuid).first()


def decisions_for(actor) -> QuerySet:
    decisions = LetDecision.objects.select_related(
        "responsible_organisation", "case", "case__gemeente", "session"
    )
    if is_loket_staff(actor):
        return decisions
    if actor.has_role(Role.MAATWERKFUNCTIONARIS) and actor.organisation is not None:
        return decisions.filter(responsible_organisation=actor.organisation)
    return LetDecision.objects.none()


def decision_for(actor, uuid) -> LetDecision | None:
    return decisions_for(actor).filter(uuid=uuid).first()


def decision_list(actor, *, status: str = "") -> list[LetDecision]:
    decisions = decisions_for(actor).order_by("status", "deadline", "id")
    if status in DecisionStatus.values:
        decisions = decisions.filter(status=status)
    return list(decisions[:500])


# --- Overbruggingen ----------------------------------------------------------------------------


def overbruggingen_for(actor) -> QuerySet:
    found = Overbrugging.objects.select_related(
        "voorfinancier", "final_payer", "loket_case", "loket_case__gemeente"
    )
    if is_loket_staff(actor):
        return found
    if actor.has_role(Role.MAATWERKFUNCTIONARIS) and actor.organisation is not None:
        return found.filter(Q(voorfinancier=actor.organisation) | Q(final_payer=actor.organisation))
    return Overbrugging.objects.none()


def overbrugging_for(actor, uuid) -> Overbrugging | None:
    return overbruggingen_for(actor).filter(uuid=uuid).first()


@dataclass(frozen=True)
class OpenSettlement:
    overbrugging: Overbrugging
    age_days: int


def open_settlements(actor, *, oldest_first: bool = True, today=None) -> list[OpenSettlement]:
    """Overbruggingen not yet settled, with their age in days since the support started."""
    today = today or timezone.localdate()
    rows = [
        OpenSettlement(o, o.age_on(today))
        for o in overbruggingen_for(actor).filter(settled_on__isnull=True)
    ]
    rows.sort(key=lambda r: (r.age_days, r.overbrugging.pk), reverse=oldest_first)
    return rows


def settled(actor) -> list[Overbrugging]:
    return list(
        overbruggingen_for(actor)
        .filter(settled_on__isnull=False)
        .order_by("-settled_on", "-id")[:200]
    )


# --- Knelpunten --------------------------------------------------------------------------------


def national_knelpunten(*, law: str = "", kind: str = "", status: str = "", limit: int = 500):
    """The national register, anonymised: only the fields about the rule, never the household.

    Returns dicts, so that no template can reach ``plan`` or ``loket_case`` by accident.
    """
    knelpunten = Knelpunt.objects.order_by("-recorded_at", "-id")
    if law:
        knelpunten = knelpunten.filter(law=law)
    if kind in KnelpuntKind.values:
        knelpunten = knelpunten.filter(kind=kind)
    if status in KnelpuntStatus.values:
        knelpunten = knelpunten.filter(status=status)
    kinds = dict(KnelpuntKind.choices)
    statuses = dict(KnelpuntStatus.choices)
    return [
        {
            "uuid": row["uuid"],
            "law": row["law"],
            "article": row["article"],
            "organisation": row["blocking_organisation"],
            "kind": row["kind"],
            "kind_label": kinds.get(row["kind"], ""),
            "description": row["what_blocks"],
            "recorded_on": row["recorded_at"].date(),
            "status": row["status"],
            "status_label": statuses.get(row["status"], row["status"]),
            "from_loket": row["loket_case_id"] is not None,
        }
        for row in knelpunten.values(
            "uuid",
            "law",
            "article",
            "blocking_organisation",
            "kind",
            "what_blocks",
            "recorded_at",
            "status",
            "loket_case_id",
        )[:limit]
    ]


def knelpunt_laws() -> list[str]:
    return list(Knelpunt.objects.order_by("law").values_list("law", flat=True).distinct())


def quarter_label(moment) -> str:
    return f"{moment.year}-K{(moment.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class ReportRow:
    law: str
    organisation: str
    quarter: str
    total: int
    open: int
    geescaleerd: int
    opgelost: int


def knelpunten_report(*, year_from: int | None = None, year_to: int | None = None):
    """Knelpunten per law, organisation and quarter, with their status: for the ministries."""
    knelpunten = Knelpunt.objects.all()
    if year_from:
        knelpunten = knelpunten.filter(recorded_at__year__gte=year_from)
    if year_to:
        knelpunten = knelpunten.filter(recorded_at__year__lte=year_to)
    grouped = (
        knelpunten.annotate(quarter=TruncQuarter("recorded_at"))
        .values("law", "blocking_organisation", "quarter")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(status=KnelpuntStatus.OPEN)),
            geescaleerd=Count("id", filter=Q(status=KnelpuntStatus.GEESCALEERD)),
            opgelost=Count("id", filter=Q(status=KnelpuntStatus.OPGELOST)),
        )
        .order_by("law", "blocking_organisation", "quarter")
    )
    return [
        ReportRow(
            law=row["law"],
            organisation=row["blocking_organisation"],
            quarter=quarter_label(row["quarter"]),
            total=row["total"],
            open=row["open"],
            geescaleerd=row["geescaleerd"],
            opgelost=row["opgelost"],
        )
        for row in grouped
    ]


def report_by_law_and_quarter(rows: list[ReportRow]) -> tuple[list[str], dict[str, dict]]:
    """(quarters in order, {law: {quarter: count}}) for the chart."""
    quarters = sorted({r.quarter for r in rows})
    per_law: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        per_law[r.law][r.quarter] += r.total
    return quarters, {law: dict(counts) for law, counts in per_law.items()}


def knelpunt(uuid) -> Knelpunt | None:
    """One knelpunt for the national register (managed only by loket staff: see the rule)."""
    return Knelpunt.objects.filter(uuid=uuid).first()


def service_levels() -> dict:
    return {level.milestone: level for level in ServiceLevel.objects.all()}


def knelpunten_of_plan(plan) -> list[Knelpunt]:
    return list(Knelpunt.objects.filter(plan=plan))
