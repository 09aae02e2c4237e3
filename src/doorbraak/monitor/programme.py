"""Selectors of the programme monitor: aggregate figures read from the platform itself.

Every function returns a ``Table`` of display values only: counts have passed small-cell
suppression (``stapeling.suppression``: below 10 is shown as "<10"), amounts are shown only for
groups of at least 10 plans, and no row names a household or a person. The CSV of a table is its
header and rows exactly as shown.

Scope: an analyst of a gemeente sees that gemeente; an analyst of a kennisinstelling or the rijk
and loket staff of the rijk see every gemeente (``scope_for``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from doorbraak.core.models import Organisation, OrganisationType
from doorbraak.escalation.models import Knelpunt, LoketCase, LoketStatus
from doorbraak.households import zrm
from doorbraak.households.models import AssessmentScore
from doorbraak.monitor.models import Area
from doorbraak.monitor.rules import NATIONAL_TYPES
from doorbraak.monitor.stapeling.suppression import (
    DEFAULT_THRESHOLD,
    suppress,
    suppress_counts,
)
from doorbraak.plans.models import Plan, PlanStatus
from doorbraak.rekensom.models import Payer
from doorbraak.rekensom.selectors import programme_totals

#: Shown instead of an amount or average whose group is below the threshold.
HIDDEN = "–"


@dataclass(frozen=True)
class Scope:
    gemeenten: list[Organisation]
    national: bool


@dataclass
class Table:
    key: str
    caption: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


def scope_for(actor) -> Scope:
    """The gemeenten whose figures ``actor`` may read."""
    organisation = actor.organisation if actor is not None else None
    gemeenten = Organisation.objects.filter(type=OrganisationType.GEMEENTE).order_by("name")
    if organisation is None:
        return Scope([], national=False)
    if organisation.type in NATIONAL_TYPES:
        return Scope(list(gemeenten), national=True)
    if organisation.type == OrganisationType.GEMEENTE:
        return Scope([organisation], national=False)
    return Scope([], national=False)


def _name(organisation) -> str:
    return organisation.name


def _amount(value) -> str:
    return f"{value:.2f}"


# 1. Households with a maatwerkplan.


def plans_table(scope: Scope) -> Table:
    statuses = list(PlanStatus.choices)
    ids = [g.pk for g in scope.gemeenten]
    per_status = {
        (row["household__organisation"], row["status"]): row["n"]
        for row in Plan.objects.filter(household__organisation__in=ids)
        .values("household__organisation", "status")
        .annotate(n=Count("household", distinct=True))
    }
    totals = {
        row["household__organisation"]: row["n"]
        for row in Plan.objects.filter(household__organisation__in=ids)
        .values("household__organisation")
        .annotate(n=Count("household", distinct=True))
    }
    table = Table(
        "plans",
        str(_("Households with a maatwerkplan, per gemeente and plan status")),
        [str(_("Gemeente")), str(_("Households with a plan"))]
        + [str(label) for _v, label in statuses],
        note=str(
            _(
                "A household with plans in more than one status is counted in each of those "
                "statuses."
            )
        ),
    )
    for gemeente in scope.gemeenten:
        table.rows.append(
            [_name(gemeente), suppress(totals.get(gemeente.pk, 0))]
            + [suppress(per_status.get((gemeente.pk, value), 0)) for value, _label in statuses]
        )
    return table


def areas_table(scope: Scope) -> Table:
    """Households with a plan per stedelijk vernieuwingsgebied, by the household's wijk code."""
    by_code = {g.cbs_code: g for g in scope.gemeenten if g.cbs_code}
    areas = [a for a in Area.objects.filter(gemeente_code__in=by_code) if a.wijk_codes]
    wijken = defaultdict(Counter)
    rows = (
        Plan.objects.filter(household__organisation__in=[g.pk for g in by_code.values()])
        .exclude(household__wijk_code="")
        .values("household__organisation", "household__wijk_code")
        .annotate(n=Count("household", distinct=True))
    )
    for row in rows:
        wijken[row["household__organisation"]][row["household__wijk_code"]] = row["n"]
    table = Table(
        "areas",
        str(_("Households with a maatwerkplan, per stedelijk vernieuwingsgebied")),
        [str(_("Area")), str(_("Gemeente")), str(_("Households with a plan"))],
        note=str(
            _(
                "A household is counted in an area when its CBS wijk code is one of the area's "
                "wijken. Households without a wijk code are not counted; areas whose wijken are "
                "not known yet are left out."
            )
        ),
    )
    for area in areas:
        gemeente = by_code[area.gemeente_code]
        counter = wijken.get(gemeente.pk, Counter())
        count = sum(counter.get(code, 0) for code in area.wijk_codes)
        table.rows.append([area.name, _name(gemeente), suppress(count)])
    return table


# 2. ZRM change between the first and the last assessment.


def _zrm_changes(scope: Scope):
    """Per gemeente: households with ≥2 assessments, and per domain the list of changes."""
    scores = (
        AssessmentScore.objects.filter(
            assessment__household__organisation__in=[g.pk for g in scope.gemeenten],
            assessment__person__isnull=True,
        )
        .values_list(
            "assessment__household__organisation",
            "assessment__household",
            "assessment__assessed_on",
            "assessment",
            "domain",
            "score",
        )
        .order_by("assessment__assessed_on", "assessment")
    )
    assessments = defaultdict(set)  # (gemeente, household) -> assessment ids
    series = defaultdict(list)  # (gemeente, household, domain) -> scores in time order
    for gemeente, household, _on, assessment, domain, score in scores:
        assessments[(gemeente, household)].add(assessment)
        series[(gemeente, household, domain)].append(score)
    repeated = Counter(g for (g, _h), ids in assessments.items() if len(ids) >= 2)
    changes = defaultdict(list)  # (gemeente, domain) -> changes
    for (gemeente, _household, domain), values in series.items():
        if len(values) >= 2:
            changes[(gemeente, domain)].append(values[-1] - values[0])
    return repeated, changes


def zrm_tables(scope: Scope) -> tuple[Table, Table]:
    repeated, changes = _zrm_changes(scope)
    households = Table(
        "zrm-households",
        str(_("Households with at least two ZRM assessments, per gemeente")),
        [str(_("Gemeente")), str(_("Households"))],
        note=str(_("Assessments of the household as a whole; those of one member are not used.")),
    )
    for gemeente in scope.gemeenten:
        households.rows.append([_name(gemeente), suppress(repeated.get(gemeente.pk, 0))])

    domains = Table(
        "zrm",
        str(_("ZRM change between the first and the last assessment, per gemeente and domain")),
        [
            str(_("Gemeente")),
            str(_("Domain")),
            str(_("Households")),
            str(_("Average change")),
            str(_("Improved")),
            str(_("Same")),
            str(_("Worse")),
        ],
        note=str(
            _(
                "A positive change means more self-reliant. Health, substance use and justice are "
                "special-category data: like every other cell they are shown only as aggregated "
                "counts of at least 10."
            )
        ),
    )
    for gemeente in scope.gemeenten:
        for code, label in zrm.DOMAINS_2017 + [("adl", zrm.ALL_DOMAINS["adl"])]:
            values = changes.get((gemeente.pk, code), [])
            if code == "adl" and not values:
                continue  # only assessments of the 2013 version have it
            n = len(values)
            split = [sum(v > 0 for v in values), sum(v == 0 for v in values)]
            split.append(n - sum(split))
            if n < DEFAULT_THRESHOLD:
                average, cells = HIDDEN, [suppress(0)] * 3
            else:
                average, cells = f"{sum(values) / n:+.1f}", suppress_counts(split)
            domains.rows.append([_name(gemeente), str(label), suppress(n), average, *cells])
    return households, domains


# 3. Doorbraken per blocked life domain.


def doorbraken_table(scope: Scope) -> Table:
    counts = Counter()
    lists = Plan.objects.filter(
        household__organisation__in=[g.pk for g in scope.gemeenten]
    ).values_list("household__organisation", "blocking_domains")
    for gemeente, domains in lists:
        for domain in set(domains or []):
            counts[(gemeente, domain)] += 1
    codes = [code for code, _label in zrm.DOMAINS_2017]
    codes += sorted({d for _g, d in counts} - set(codes))
    table = Table(
        "doorbraken",
        str(_("Doorbraken (plans) per blocked life domain, per gemeente")),
        [str(_("Gemeente"))] + [zrm.domain_label(code) for code in codes],
        note=str(_("A plan that names more than one blocked domain is counted in each of them.")),
    )
    for gemeente in scope.gemeenten:
        table.rows.append(
            [_name(gemeente)] + [suppress(counts.get((gemeente.pk, code), 0)) for code in codes]
        )
    return table


# 4. Rekensom totals per payer.


def rekensom_table(scope: Scope) -> Table:
    names = {g.uuid: g.name for g in scope.gemeenten}
    payers = dict(Payer.choices)
    table = Table(
        "rekensom",
        str(_("Rekensom totals per gemeente, payer and year (euros)")),
        [
            str(_("Gemeente")),
            str(_("Payer")),
            str(_("Year")),
            str(_("Plans")),
            str(_("Without doorbraak")),
            str(_("With doorbraak")),
            str(_("Difference")),
        ],
        note=str(_("Amounts are shown only for groups of at least 10 plans.")),
    )
    for row in programme_totals() if names else []:
        name = names.get(row["organisation__uuid"])
        if name is None:
            continue
        shown = row["plans"] >= DEFAULT_THRESHOLD
        amounts = (
            [_amount(row["zonder"]), _amount(row["met"]), _amount(row["net"])]
            if shown
            else [HIDDEN] * 3
        )
        table.rows.append(
            [name, str(payers.get(row["payer"], row["payer"])), row["year"], suppress(row["plans"])]
            + amounts
        )
    return table


# 5. Landelijk Maatwerkloket and knelpunten.


def loket_table(scope: Scope) -> Table:
    statuses = list(LoketStatus.choices)
    counts = {
        (row["gemeente"], row["status"]): row["n"]
        for row in LoketCase.objects.filter(gemeente__in=[g.pk for g in scope.gemeenten])
        .values("gemeente", "status")
        .annotate(n=Count("id"))
    }
    table = Table(
        "loket",
        str(_("Cases at the Landelijk Maatwerkloket, per gemeente and status")),
        [str(_("Gemeente"))] + [str(label) for _v, label in statuses],
    )
    for gemeente in scope.gemeenten:
        table.rows.append(
            [_name(gemeente)] + [suppress(counts.get((gemeente.pk, v), 0)) for v, _l in statuses]
        )
    return table


def knelpunten_table(scope: Scope) -> Table:
    knelpunten = Knelpunt.objects.all()
    if not scope.national:
        knelpunten = knelpunten.filter(organisation__in=[g.pk for g in scope.gemeenten])
    rows = knelpunten.values("law").annotate(n=Count("id")).order_by("-n", "law")
    table = Table(
        "knelpunten",
        str(_("Knelpunten per law or regulation")),
        [str(_("Law or regulation")), str(_("Knelpunten"))],
        note=str(
            _("All knelpunten on the platform.")
            if scope.national
            else _("Knelpunten recorded by your gemeente.")
        ),
    )
    table.rows = [[row["law"], suppress(row["n"])] for row in rows]
    return table


# 6. Vroegsignalering: signals → households (cases) → reached → offer made → accepted.


def vroegsignalering_table(scope: Scope) -> Table:
    from doorbraak.signals.monitor import funnel_per_organisation, stage_labels

    funnels = funnel_per_organisation([g.pk for g in scope.gemeenten])
    table = Table(
        "vroegsignalering",
        str(_("Vroegsignalering per gemeente: signals, households, reached, offers (all months)")),
        [str(_("Gemeente")), *stage_labels()],
        note=str(
            _(
                "Households are the vroegsignaalzaken; reached: at least one contact attempt "
                "reached the resident; offers: an offer of help made or accepted. Every signal "
                "and case on the platform counts, whatever its month."
            )
        ),
    )
    for gemeente in scope.gemeenten:
        values = funnels[gemeente.pk].values() if gemeente.pk in funnels else [0] * 5
        table.rows.append([_name(gemeente), *map(suppress, values)])
    return table


def tables(scope: Scope) -> list[Table]:
    zrm_households, zrm_domains = zrm_tables(scope)
    return [
        plans_table(scope),
        areas_table(scope),
        zrm_households,
        zrm_domains,
        doorbraken_table(scope),
        rekensom_table(scope),
        loket_table(scope),
        knelpunten_table(scope),
        vroegsignalering_table(scope),
    ]


TABLES = {
    "plans": plans_table,
    "areas": areas_table,
    "zrm-households": lambda scope: zrm_tables(scope)[0],
    "zrm": lambda scope: zrm_tables(scope)[1],
    "doorbraken": doorbraken_table,
    "rekensom": rekensom_table,
    "loket": loket_table,
    "knelpunten": knelpunten_table,
    "vroegsignalering": vroegsignalering_table,
}
