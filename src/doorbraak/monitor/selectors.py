"""Read the dashboard's figures: every page and CSV gets its rows from one function here, so a
download holds exactly what its table shows."""

import csv
import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.db.models import Sum
from django.http import Http404

from doorbraak.core.models import Organisation, OrganisationType

from .loader import DATA, KWB_PERIOD, NEDERLAND
from .models import Area, AreaType, AreaValue, Indicator, IndicatorKind

#: The waves shown in the weekly charts and tables (the full series is in the weekly CSV).
WAVES_FROM, WAVES_TO = "2020-W09", "2022-W52"


@lru_cache(maxsize=1)
def _cbs_names() -> dict[str, str]:
    with (DATA / "gemeenten_2024.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["gemeentecode"]: row["gemeentenaam"] for row in csv.DictReader(handle)}


def gemeente_names() -> dict[str, str]:
    return _cbs_names()


def gemeente_name(code: str) -> str:
    """The CBS name; for a code CBS does not know, a gemeente on the platform; otherwise 404."""
    name = _cbs_names().get(code)
    if name is None:
        name = (
            Organisation.objects.filter(cbs_code=code, type=OrganisationType.GEMEENTE)
            .values_list("name", flat=True)
            .first()
        )
    if name is None:
        raise Http404
    return name


def indicators(kind: str | None = None) -> list[Indicator]:
    queryset = Indicator.objects.all()
    return list(queryset.filter(kind=kind) if kind else queryset)


def indicator(code: str) -> Indicator:
    found = Indicator.objects.filter(code=code).first()
    if found is None:
        raise Http404
    return found


def yearly_values(area_type: str, code: str) -> dict[str, Decimal]:
    """{indicator code: value} of the yearly indicators of one area."""
    return dict(
        AreaValue.objects.filter(
            area_type=area_type, area_code=code, period=KWB_PERIOD
        ).values_list("indicator__code", "value")
    )


@dataclass
class ComparisonRow:
    indicator: Indicator
    values: list[Decimal | None]  # one per compared area, in the order of the columns


def comparison(areas: list[tuple[str, str]]) -> list[ComparisonRow]:
    """The yearly indicators side by side for (area type, code) pairs, e.g. area, gemeente, NL."""
    columns = [yearly_values(area_type, code) for area_type, code in areas]
    return [
        ComparisonRow(item, [column.get(item.code) for column in columns])
        for item in indicators(IndicatorKind.YEARLY)
    ]


@dataclass
class GemeenteRow:
    code: str
    name: str
    value: Decimal | None


def gemeente_table(item: Indicator) -> list[GemeenteRow]:
    """All gemeenten for one indicator: the 2024 value, or for a weekly series the sum over the
    waves (per 100,000, so the sum is the cumulative rate over those weeks)."""
    queryset = AreaValue.objects.filter(indicator=item, area_type=AreaType.GEMEENTE)
    if item.kind == IndicatorKind.WEEKLY:
        values = dict(
            queryset.filter(period__gte=WAVES_FROM, period__lte=WAVES_TO)
            .values("area_code")
            .annotate(total=Sum("value"))
            .values_list("area_code", "total")
        )
    else:
        values = dict(queryset.filter(period=KWB_PERIOD).values_list("area_code", "value"))
    names = gemeente_names()
    return sorted(
        (GemeenteRow(code, name, values.get(code)) for code, name in names.items()),
        key=lambda row: row.name,
    )


def map_values(item: Indicator) -> dict[str, Decimal]:
    return {row.code: row.value for row in gemeente_table(item) if row.value is not None}


def area(slug: str) -> Area:
    found = Area.objects.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def areas() -> list[Area]:
    return list(Area.objects.all())


def area_gemeenten() -> set[str]:
    return set(Area.objects.values_list("gemeente_code", flat=True))


def week_start(iso_week: str) -> datetime.date:
    year, week = iso_week.split("-W")
    return datetime.date.fromisocalendar(int(year), int(week), 1)


def week_month(iso_week: str) -> str:
    """The month an ISO week belongs to: that of its Thursday (as ISO 8601 assigns weeks)."""
    thursday = week_start(iso_week) + datetime.timedelta(days=3)
    return f"{thursday.year}-{thursday.month:02d}"


@dataclass
class WeeklySeries:
    indicators: list[Indicator]
    weeks: list[str]
    values: dict[str, dict[str, Decimal]]  # indicator code -> week -> value

    def months(self) -> list[tuple[str, list[Decimal | None]]]:
        """Per month the sum of the weekly rates of each indicator (None: no week with data)."""
        totals: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for code, weeks in self.values.items():
            for week, value in weeks.items():
                month = week_month(week)
                totals[month][code] = totals[month].get(code, Decimal(0)) + value
        return [
            (month, [totals[month].get(item.code) for item in self.indicators])
            for month in sorted(totals)
        ]

    def rows(self) -> list[tuple[str, list[Decimal | None]]]:
        return [
            (week, [self.values[item.code].get(week) for item in self.indicators])
            for week in self.weeks
        ]


def weekly_series(area_type: str, code: str, first=WAVES_FROM, last=WAVES_TO) -> WeeklySeries:
    items = indicators(IndicatorKind.WEEKLY)
    values: dict[str, dict[str, Decimal]] = {item.code: {} for item in items}
    queryset = AreaValue.objects.filter(
        area_type=area_type, area_code=code, indicator__kind=IndicatorKind.WEEKLY
    )
    if first:
        queryset = queryset.filter(period__gte=first)
    if last:
        queryset = queryset.filter(period__lte=last)
    for indicator_code, week, value in queryset.values_list("indicator__code", "period", "value"):
        values[indicator_code][week] = value
    weeks = sorted({week for series in values.values() for week in series})
    return WeeklySeries(items, weeks, values)


def nederland() -> tuple[str, str]:
    return AreaType.LAND, NEDERLAND


# --- Wijken ----------------------------------------------------------------------------------


def wijk_boundaries(gemeente_code: str, cbs_year: int) -> list:
    from .models import WijkBoundary

    return list(WijkBoundary.objects.filter(gemeente_code=gemeente_code, cbs_year=cbs_year))


@dataclass
class WijkRow:
    code: str
    name: str
    value: Decimal | None
    in_area: bool = False
    has_boundary: bool = False


def wijk_table(item: Indicator, gemeente_code: str, boundaries: list, area_codes=()) -> list:
    """The wijken of a gemeente with the indicator's 2024 value: every wijk with a figure or a
    boundary, in code order."""
    prefix = "WK" + gemeente_code[2:]
    values = dict(
        AreaValue.objects.filter(
            indicator=item,
            area_type=AreaType.WIJK,
            area_code__startswith=prefix,
            period=KWB_PERIOD,
        ).values_list("area_code", "value")
    )
    names = {b.code: b.name for b in boundaries}
    codes = sorted(set(values) | set(names))
    return [
        WijkRow(code, names.get(code, ""), values.get(code), code in area_codes, code in names)
        for code in codes
    ]


# --- Editing the areas (functioneel beheerder) -------------------------------------------------


def editable_areas(actor) -> list[Area]:
    """The areas the actor may edit: all for the platform's beheerder, else its gemeente's."""
    organisation = actor.organisation
    queryset = Area.objects.select_related("updated_by")
    if organisation is None:
        return []
    if not organisation.manages_platform:
        queryset = queryset.filter(gemeente_code=organisation.cbs_code or "-")
    return list(queryset)


def editable_area(actor, slug: str) -> Area:
    """One area the actor may edit; another gemeente's area is a 404 (as if it did not exist)."""
    from doorbraak.core.permissions import can

    found = Area.objects.filter(slug=slug).first()
    if found is None or not can(actor, "monitor.change_area", found):
        raise Http404
    return found


def known_wijk_codes(cbs_year: int) -> set[str]:
    """The wijk codes in the loaded KWB figures of a year (the values of CBS's wijken)."""
    return set(
        AreaValue.objects.filter(area_type=AreaType.WIJK, period=str(cbs_year))
        .values_list("area_code", flat=True)
        .distinct()
    )


def area_history(area: Area, limit: int = 20) -> list:
    return list(area.history.select_related("history_user").order_by("-history_date")[:limit])
