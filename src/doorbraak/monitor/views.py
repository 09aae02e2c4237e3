"""Public pages of the dashboard sociale impact: Nederland, a gemeente, an area, an indicator.

No login: the figures are public (CBS, RIVM). Each table has a CSV twin built from the same
rows (``tables.py``), so a download holds exactly what the page shows.
"""

import csv
import io

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from doorbraak.core.views_base import PlatformView

from . import selectors, tables
from .charts import choropleth, class_breaks, class_of, legend, line_chart, wijk_choropleth
from .loader import KWB_PERIOD
from .models import AreaType, IndicatorKind

DEFAULT_MAP_INDICATOR = "bevolkingsdichtheid"


def csv_response(filename: str, header: list[str], rows: list[list[str]]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    # A byte-order mark makes spreadsheet programs read the file as UTF-8 (as in the register).
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def map_context(request, *, current: str | None = None, item=None) -> dict:
    """The choropleth of one yearly indicator, its legend, and the table of the same figures."""
    choices = selectors.indicators(IndicatorKind.YEARLY)
    if item is None:
        wanted = request.GET.get("indicator", DEFAULT_MAP_INDICATOR)
        item = next((i for i in choices if i.code == wanted), None) or next(
            (i for i in choices if i.code == DEFAULT_MAP_INDICATOR), choices[0] if choices else None
        )
    if item is None:
        return {"map": None}
    rows, breaks = tables.map_rows(item)
    values = {row.code: row.value for row in rows if row.value is not None}
    names = {row.code: row.name for row in rows}
    outlined = selectors.area_gemeenten()
    return {
        "map": {
            "indicator": item,
            "choices": choices,
            "svg": choropleth(
                values,
                names,
                breaks,
                decimals=item.decimals,
                unit=item.unit,
                title=_("Map of the gemeenten: %(title)s") % {"title": item.title},
                outlined=outlined,
                current=current,
            ),
            "legend": legend(breaks, item.decimals),
            "rows": [{"row": row, "class": class_of(row.value, breaks)} for row in rows],
        }
    }


def wijk_map_context(context: dict, gemeente_code: str, gemeente: str, area=None) -> dict:
    """The wijken of the gemeente for the indicator of the map: a choropleth when their
    boundaries are loaded (for the year of the figures, or the area's CBS year), and a table."""
    item = (context.get("map") or {}).get("indicator")
    if item is None:
        return {"wijk_map": None}
    year = area.cbs_year if area is not None else int(KWB_PERIOD)
    shapes = selectors.wijk_boundaries(gemeente_code, year)
    area_codes = set(area.wijk_codes) if area is not None else set()
    rows = selectors.wijk_table(item, gemeente_code, shapes, area_codes)
    breaks = class_breaks([row.value for row in rows if row.value is not None])
    svg = None
    if shapes:
        svg = wijk_choropleth(
            {b.code: b.geometry for b in shapes},
            {row.code: row.value for row in rows if row.value is not None},
            {b.code: b.name for b in shapes},
            breaks,
            decimals=item.decimals,
            unit=item.unit,
            title=_("Map of the wijken of %(gemeente)s: %(title)s")
            % {"gemeente": gemeente, "title": item.title},
            highlighted=area_codes,
        )
    return {
        "wijk_map": {
            "indicator": item,
            "year": year,
            "svg": svg,
            "source": shapes[0].source if shapes else "",
            "legend": legend(breaks, item.decimals),
            "rows": [{"row": row, "class": class_of(row.value, breaks)} for row in rows],
            "area": area,
        }
    }


def covid_context(area_type: str, code: str) -> dict:
    series = selectors.weekly_series(area_type, code)
    charts = [
        {
            "indicator": item,
            "svg": line_chart(
                series.weeks,
                series.values[item.code],
                _("%(title)s per week, %(first)s to %(last)s; the figures are in the table")
                % {"title": item.title, "first": selectors.WAVES_FROM, "last": selectors.WAVES_TO},
                item.decimals,
            ),
        }
        for item in series.indicators
    ]
    return {
        "covid": {
            "charts": charts,
            "indicators": series.indicators,
            # The caption says "per 100,000 residents"; the column headers stay short.
            "short_titles": [
                item.title.replace(" per 100.000 inwoners", "") for item in series.indicators
            ],
            "months": series.months() if series.weeks else [],
            "first": selectors.WAVES_FROM,
            "last": selectors.WAVES_TO,
        }
    }


class DashboardView(PlatformView):
    public = True

    def get(self, request):
        context = {
            "rows": tables.nederland_rows(),
            "columns": [_("Nederland")],
            "indicators": selectors.indicators(),
            "areas": selectors.areas(),
            "gemeenten": sorted(selectors.gemeente_names().items(), key=lambda item: item[1]),
            **map_context(request),
            **covid_context(*selectors.nederland()),
        }
        return TemplateResponse(request, "monitor/dashboard.html", context)


class NederlandCsvView(PlatformView):
    public = True

    def get(self, request):
        header, rows = tables.nederland_csv()
        return csv_response("nederland-kerncijfers-2024.csv", header, rows)


class GemeenteView(PlatformView):
    public = True

    def get(self, request, cbs_code):
        name = selectors.gemeente_name(cbs_code)
        context = {
            "code": cbs_code,
            "name": name,
            "rows": tables.gemeente_rows(cbs_code),
            "columns": [name, _("Nederland")],
            "areas": [a for a in selectors.areas() if a.gemeente_code == cbs_code],
            **map_context(request, current=cbs_code),
            **covid_context(AreaType.GEMEENTE, cbs_code),
        }
        context.update(wijk_map_context(context, cbs_code, name))
        return TemplateResponse(request, "monitor/gemeente.html", context)


class GemeenteCsvView(PlatformView):
    public = True

    def get(self, request, cbs_code):
        name = selectors.gemeente_name(cbs_code)
        header, rows = tables.gemeente_csv(cbs_code, name)
        return csv_response(f"{cbs_code}-kerncijfers-2024.csv", header, rows)


class CovidCsvView(PlatformView):
    """The monthly table of the page; ``?per=week`` gives every week of 2020-W09 to 2024-W09."""

    public = True

    def get(self, request, cbs_code=None):
        if cbs_code:
            selectors.gemeente_name(cbs_code)
            area_type, code = AreaType.GEMEENTE, cbs_code
        else:
            area_type, code = selectors.nederland()
        weekly = request.GET.get("per") == "week"
        header, rows = tables.covid_csv(area_type, code, weekly=weekly)
        suffix = "weken-2020-2024" if weekly else "maanden-2020-2022"
        return csv_response(f"{code}-covid-{suffix}.csv", header, rows)


class GebiedView(PlatformView):
    public = True

    def get(self, request, slug):
        area = selectors.area(slug)
        gemeente = selectors.gemeente_name(area.gemeente_code)
        context = {
            "area": area,
            "gemeente": gemeente,
            "rows": tables.gebied_rows(area),
            "columns": [area.name, gemeente, _("Nederland")],
            **map_context(request, current=area.gemeente_code),
        }
        context.update(wijk_map_context(context, area.gemeente_code, gemeente, area))
        return TemplateResponse(request, "monitor/gebied.html", context)


class GebiedCsvView(PlatformView):
    public = True

    def get(self, request, slug):
        area = selectors.area(slug)
        header, rows = tables.gebied_csv(area, selectors.gemeente_name(area.gemeente_code))
        return csv_response(f"{area.slug}-vergelijking-2024.csv", header, rows)


class IndicatorView(PlatformView):
    public = True

    def get(self, request, code):
        item = selectors.indicator(code)
        context = {"indicator": item, "rows": selectors.gemeente_table(item)}
        if item.kind == IndicatorKind.YEARLY:
            context.update(map_context(request, item=item))
        context["waves"] = (selectors.WAVES_FROM, selectors.WAVES_TO)
        return TemplateResponse(request, "monitor/indicator.html", context)


class IndicatorCsvView(PlatformView):
    public = True

    def get(self, request, code):
        item = selectors.indicator(code)
        header, rows = tables.indicator_csv(item)
        return csv_response(f"{item.code}-gemeenten.csv", header, rows)
