"""Reading the vroegsignalering work: the team's queue, one case, deadlines and noodstops.

Everything is scoped to the actor's gemeente; another gemeente's case is not found (404).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet

from doorbraak.core.permissions import can
from doorbraak.households.selectors import household_access, team_households

from .codes import Signaalpartner
from .models import CaseKind, CaseStatus, CheckRule, Noodstop, Signal, SignalCase

#: Age of the oldest client on the case (from the year of birth, kept after retention).
AGE_BANDS = {
    "tot27": (0, 26),
    "27-44": (27, 44),
    "45-66": (45, 66),
    "67plus": (67, 150),
}
AMOUNT_BANDS = {
    "tot500": (None, Decimal("500")),
    "500-1500": (Decimal("500"), Decimal("1500")),
    "1500-5000": (Decimal("1500"), Decimal("5000")),
    "5000plus": (Decimal("5000"), None),
}
NOODSTOP_SOON_DAYS = 14


@dataclass(frozen=True)
class QueueFilters:
    kind: str = ""
    wijk: str = ""
    age: str = ""
    partner: str = ""
    amount: str = ""
    overdue: bool = False
    known: str = ""  # "", "ja", "nee"
    mine: bool = False

    @classmethod
    def from_query(cls, query) -> "QueueFilters":
        def pick(name, allowed):
            value = query.get(name, "")
            return value if value in allowed else ""

        return cls(
            kind=pick("soort", CaseKind.values),
            wijk=query.get("wijk", "")[:8],
            age=pick("leeftijd", AGE_BANDS),
            partner=pick("type", Signaalpartner.values),
            amount=pick("bedrag", AMOUNT_BANDS),
            overdue=query.get("te_laat") == "1",
            known=pick("al_bekend", {"ja", "nee"}),
            mine=query.get("mijn") == "1",
        )

    @property
    def active(self) -> bool:
        return (
            any(
                [
                    self.kind,
                    self.wijk,
                    self.age,
                    self.partner,
                    self.amount,
                    self.overdue,
                    self.known,
                ]
            )
            or self.mine
        )


def gemeente_cases(actor) -> QuerySet:
    if not can(actor, "signals.work"):
        return SignalCase.objects.none()
    return SignalCase.objects.filter(organisation=actor.organisation)


def open_cases(actor) -> QuerySet:
    return gemeente_cases(actor).filter(status=CaseStatus.OPEN)


def overdue_q(today: datetime.date) -> Q:
    return Q(datum_opgepakt__isnull=True, deadline__lt=today)


def queue(actor, filters: QueueFilters, today: datetime.date) -> QuerySet:
    """Open cases, highest priority first, then the nearest deadline."""
    cases = open_cases(actor)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.wijk:
        cases = cases.filter(wijk_code=filters.wijk)
    if filters.partner:
        cases = cases.filter(
            Exists(Signal.objects.filter(case=OuterRef("pk"), signaalpartner=filters.partner))
        )
    if filters.amount:
        low, high = AMOUNT_BANDS[filters.amount]
        if low is not None:
            cases = cases.filter(total_amount__gte=low)
        if high is not None:
            cases = cases.filter(total_amount__lt=high)
    if filters.overdue:
        cases = cases.filter(overdue_q(today))
    if filters.known:
        cases = cases.filter(already_known=filters.known == "ja")
    if filters.mine:
        cases = cases.filter(assigned_to=actor.user)
    cases = cases.annotate(oldest_birth_year=Min("signals__birth_year"))
    if filters.age:
        youngest, oldest = AGE_BANDS[filters.age]
        cases = cases.filter(
            oldest_birth_year__gte=today.year - oldest,
            oldest_birth_year__lte=today.year - youngest,
        )
    return cases.select_related("assigned_to").order_by("-priority", "deadline", "id")


def queue_counts(actor, today: datetime.date) -> dict:
    """The numbers above the queue: open cases per kind, overdue, already known."""
    return open_cases(actor).aggregate(
        total=Count("id"),
        enkelvoudig=Count("id", filter=Q(kind=CaseKind.ENKELVOUDIG)),
        meervoudig=Count("id", filter=Q(kind=CaseKind.MEERVOUDIG)),
        herhaald=Count("id", filter=Q(kind=CaseKind.HERHAALD)),
        overdue=Count("id", filter=overdue_q(today)),
        known=Count("id", filter=Q(already_known=True)),
    )


def wijken(actor) -> list[str]:
    return list(
        open_cases(actor)
        .exclude(wijk_code="")
        .order_by("wijk_code")
        .values_list("wijk_code", flat=True)
        .distinct()
    )


def case_for(actor, uuid) -> SignalCase | None:
    case = (
        SignalCase.objects.select_related(
            "organisation", "assigned_to", "team", "household", "known_household"
        )
        .filter(uuid=uuid)
        .first()
    )
    if case is None or not can(actor, "signals.work_case", case):
        return None
    return case


def signals_of(case: SignalCase) -> list[Signal]:
    return list(case.signals.select_related("creditor").order_by("signaaldatum", "id"))


def attempts_of(case: SignalCase) -> list:
    return list(case.contact_attempts.select_related("created_by").order_by("datum", "id"))


def deadlines(actor, today: datetime.date, within_days: int) -> QuerySet:
    """Open cases without a first contact attempt whose deadline passed or comes within
    ``within_days``: the overdue ones first."""
    return (
        open_cases(actor)
        .filter(
            datum_opgepakt__isnull=True,
            deadline__lte=today + datetime.timedelta(days=within_days),
        )
        .select_related("assigned_to")
        .order_by("deadline", "-priority", "id")
    )


def check_rules(organisation) -> list[tuple[CheckRule, CheckRule | None]]:
    """Each platform default with the gemeente's own override (or None)."""
    own = {r.code: r for r in CheckRule.objects.filter(organisation=organisation)}
    return [(rule, own.get(rule.code)) for rule in CheckRule.objects.filter(organisation=None)]


# --- CJIB noodstop --------------------------------------------------------------------------


def household_for_noodstop(actor, uuid):
    """The household, when the actor's team holds it (shares give no noodstop)."""
    if not can(actor, "signals.noodstop"):
        return None
    access = household_access(actor, uuid)
    if access is None or not access.via_team:
        return None
    return access.household


def noodstop_for(actor, uuid) -> Noodstop | None:
    noodstop = Noodstop.objects.select_related("household").filter(uuid=uuid).first()
    if noodstop is None or household_for_noodstop(actor, noodstop.household.uuid) is None:
        return None
    return noodstop


def noodstops_visible(actor) -> QuerySet:
    """Team members see their team's households; the vroegsignalering team the gemeente's."""
    if not can(actor, "signals.noodstop"):
        return Noodstop.objects.none()
    from doorbraak.core.roles import Role

    if actor.has_role(Role.VROEGSIGNALERING):
        return Noodstop.objects.filter(household__organisation=actor.organisation)
    return Noodstop.objects.filter(household__in=team_households(actor))


def running_noodstops(actor, today: datetime.date) -> QuerySet:
    return (
        noodstops_visible(actor)
        .filter(ended_on__isnull=True, ends_on__gte=today)
        .select_related("household")
        .order_by("ends_on", "id")
    )
