"""The vroegsignalering monitor: counts per month and gemeente, with small-cell suppression.

The figures of a month follow one cohort:

- signals: signals with their ``signaaldatum`` in the month (as the DDAS export);
- households: cases with their ``matchingsdatum`` in the month (one case = one household);
- reached: of those cases, the ones with a contact attempt that reached the resident;
- offer made / accepted: of those cases, the ones with an offer of help made / accepted;
- outcomes: those cases per DDAS Eindresultaat (or "no outcome yet").

Per signaalpartner type a case counts under every type of its signals; per wijk under the
case's wijk (signals under their own). The counts here are exact (``Funnel``); ``tables()``
makes the display values with ``monitor.stapeling.suppression`` (every count below 10, zero
included, is shown as "<10"; in a distribution with a shown total a second cell is hidden
where one hidden cell could be worked out). Retention does not change any of these counts: it
clears personal fields only.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from doorbraak.monitor.stapeling.suppression import DEFAULT_THRESHOLD, suppress, suppress_counts

from .codes import Eindresultaat, Signaalpartner
from .ddas import month_bounds
from .models import ContactAttempt, Signal, SignalCase

STAGES = ("signals", "households", "reached", "offered", "accepted")
NO_OUTCOME = ""
NO_WIJK = ""


@dataclass
class Table:
    """A table as shown (same shape as ``monitor.programme.Table``); its CSV is exactly this."""

    key: str
    caption: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


@dataclass
class Funnel:
    signals: int = 0
    households: int = 0
    reached: int = 0
    offered: int = 0
    accepted: int = 0

    def values(self) -> list[int]:
        return [getattr(self, stage) for stage in STAGES]


@dataclass
class MonthFigures:
    year: int
    month: int
    total: Funnel = field(default_factory=Funnel)
    outcomes: Counter = field(default_factory=Counter)
    per_type: dict[str, Funnel] = field(default_factory=lambda: defaultdict(Funnel))
    per_wijk: dict[str, Funnel] = field(default_factory=lambda: defaultdict(Funnel))


def _add_case(funnel: Funnel, case: SignalCase, reached: set[int]) -> None:
    funnel.households += 1
    funnel.reached += case.pk in reached
    funnel.offered += case.offer_made_on is not None
    funnel.accepted += case.offer_accepted_on is not None


def month_figures(organisations, year: int, month: int) -> MonthFigures:
    """Exact counts of one month over ``organisations`` (one gemeente, or several)."""
    start, end = month_bounds(year, month)
    figures = MonthFigures(year, month)
    signals = Signal.objects.filter(
        organisation__in=organisations, signaaldatum__range=(start, end)
    )
    for partner, wijk in signals.values_list("signaalpartner", "wijk_code"):
        figures.total.signals += 1
        figures.per_type[partner].signals += 1
        figures.per_wijk[wijk or NO_WIJK].signals += 1
    cases = list(
        SignalCase.objects.filter(
            organisation__in=organisations, matchingsdatum__range=(start, end)
        ).only("pk", "wijk_code", "resultaat", "offer_made_on", "offer_accepted_on")
    )
    ids = [case.pk for case in cases]
    reached = set(
        ContactAttempt.objects.filter(case__in=ids, bereikt=True).values_list("case", flat=True)
    )
    types = defaultdict(set)
    for case_id, partner in Signal.objects.filter(case__in=ids).values_list(
        "case", "signaalpartner"
    ):
        types[case_id].add(partner)
    for case in cases:
        _add_case(figures.total, case, reached)
        _add_case(figures.per_wijk[case.wijk_code or NO_WIJK], case, reached)
        for partner in types[case.pk]:
            _add_case(figures.per_type[partner], case, reached)
        figures.outcomes[case.resultaat or NO_OUTCOME] += 1
    return figures


def funnel_per_organisation(organisations) -> dict[int, Funnel]:
    """All-time funnel per gemeente (for the programme monitor)."""
    result: dict[int, Funnel] = defaultdict(Funnel)
    for organisation_id in Signal.objects.filter(organisation__in=organisations).values_list(
        "organisation", flat=True
    ):
        result[organisation_id].signals += 1
    cases = list(
        SignalCase.objects.filter(organisation__in=organisations).only(
            "pk", "organisation", "offer_made_on", "offer_accepted_on"
        )
    )
    reached = set(
        ContactAttempt.objects.filter(case__organisation__in=organisations, bereikt=True)
        .values_list("case", flat=True)
        .distinct()
    )
    for case in cases:
        _add_case(result[case.organisation_id], case, reached)
    return result


# --- display -----------------------------------------------------------------------------------


def stage_labels() -> list[str]:
    return [
        _("Signals received"),
        _("Households (cases)"),
        _("Reached"),
        _("Offer of help made"),
        _("Offer accepted"),
    ]


def month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def previous_months(year: int, month: int, count: int = 12) -> list[tuple[int, int]]:
    months = []
    for _i in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def _suppressed_columns(rows: list[list[int]]) -> list[list]:
    """Suppress each column of a breakdown (a distribution of its column's total)."""
    if not rows:
        return []
    columns = [suppress_counts([row[i] for row in rows]) for i in range(len(rows[0]))]
    return [[column[r] for column in columns] for r in range(len(rows))]


def funnel_table(organisation, year: int, month: int) -> Table:
    table = Table(
        "trechter",
        _("Vroegsignalering per month: signals, households, reached, offers"),
        [_("Month"), *stage_labels()],
        note=_(
            "Households, reached and offers are counted for the cases matched in the month, "
            "whenever the contact or offer took place."
        ),
    )
    for y, m in previous_months(year, month):
        figures = month_figures([organisation], y, m)
        table.rows.append([month_label(y, m), *map(suppress, figures.total.values())])
    return table


def outcome_table(figures: MonthFigures) -> Table:
    table = Table(
        "resultaten",
        _("Outcomes of the cases matched in %(month)s")
        % {"month": month_label(figures.year, figures.month)},
        [_("Outcome"), _("Households (cases)")],
    )
    labels = [(NO_OUTCOME, _("No outcome yet")), *Eindresultaat.choices]
    counts = [figures.outcomes.get(value, 0) for value, _label in labels]
    for (_value, label), shown in zip(labels, suppress_counts(counts), strict=True):
        table.rows.append([str(label), shown])
    return table


def type_table(figures: MonthFigures) -> Table:
    table = Table(
        "soort",
        _("Per kind of creditor (signaalpartner), %(month)s")
        % {"month": month_label(figures.year, figures.month)},
        [_("Kind of creditor"), *stage_labels()],
        note=_("A case with signals of several kinds is counted under each of them."),
    )
    choices = [(v, label) for v, label in Signaalpartner.choices if v in figures.per_type]
    rows = [figures.per_type[value].values() for value, _label in choices]
    for (_value, label), shown in zip(choices, _suppressed_columns(rows), strict=True):
        table.rows.append([str(label), *shown])
    return table


def wijk_table(figures: MonthFigures) -> Table:
    table = Table(
        "wijk",
        _("Per wijk, %(month)s") % {"month": month_label(figures.year, figures.month)},
        [_("Wijk (CBS code)"), *stage_labels()],
        note=_("Signals and cases whose address is not in the postcode table have no wijk."),
    )
    codes = sorted(figures.per_wijk, key=lambda code: (code == NO_WIJK, code))
    rows = [figures.per_wijk[code].values() for code in codes]
    for code, shown in zip(codes, _suppressed_columns(rows), strict=True):
        table.rows.append([code or _("Unknown"), *shown])
    return table


def tables(organisation, year: int, month: int) -> list[Table]:
    figures = month_figures([organisation], year, month)
    return [
        funnel_table(organisation, year, month),
        outcome_table(figures),
        type_table(figures),
        wijk_table(figures),
    ]


def month_of(value: str, today: datetime.date) -> tuple[int, int]:
    """``yyyy-mm`` from a query parameter, or the current month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


THRESHOLD = DEFAULT_THRESHOLD
