"""Public pages of stapeling (several groups of problems at once) per Nederland, gemeente and
area, from the synthetic population: every page and CSV says "synthetische gegevens".

Public, because the figures are synthetic and not about anybody; counts below 10 are suppressed
all the same (as they would be for real microdata).
"""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from doorbraak.core.views_base import PlatformView

from . import selectors
from . import stapeling_pages as pages
from .charts import stacked_bars
from .views import csv_response

SYNTHETIC_CSV_NOTE = (
    "# Synthetische gegevens: een kunstmatige bevolking, geen echte personen of huishoudens. "
    "Aantallen onder 10 zijn weergegeven als <10."
)


def _labels() -> dict:
    return {
        "distribution": _("Persons and households by number of groups"),
        "matrix": _("Co-occurrence of groups"),
        "change": _("Change in share points"),
        "total": _("total"),
    }


def _subject(level: str, code: str | None = None):
    if level == "gemeente":
        name = selectors.gemeente_name(code)
        return pages.gemeente_subject(code), name, None
    if level == "gebied":
        area = selectors.area(code)
        return pages.area_subject(area), area.name, area
    return pages.nederland_subject(), _("All gemeenten in the file"), None


def _context(level: str, code: str | None) -> dict:
    subject, name, area = _subject(level, code)
    context = {"level": level, "code": code, "name": name, "area": area, **pages.page(subject)}
    if context["available"]:
        unit_names = {pages.PERSONS: _("persons"), pages.HOUSEHOLDS: _("households")}
        context["chart"] = stacked_bars(
            [
                (f"{unit_names[row.unit]} {row.period}", row.shares)
                for row in context["distribution"]
            ],
            _(
                "Share of persons and households with 0, 1, 2 and 3 or more groups per period "
                "(synthetic data); the figures are in the table"
            ),
        )
        context["unit_names"] = unit_names
        context["matrices"] = [
            ("persons", "samenloop-caption", context["matrix"]),
            ("households", "samenloop-huishoudens-caption", context["household_matrix"]),
        ]
    if level == "nederland":
        data = pages.result()
        names = selectors.gemeente_names()
        context["gemeenten"] = (
            [(c, names.get(c, c)) for c in pages.gemeenten(data)] if data is not None else []
        )
        context["areas"] = selectors.areas()
    return context


class StapelingView(PlatformView):
    public = True
    level = "nederland"

    def get(self, request, cbs_code=None, slug=None):
        context = _context(self.level, cbs_code or slug)
        return TemplateResponse(request, "monitor/stapeling.html", context)


class StapelingCsvView(PlatformView):
    public = True
    level = "nederland"

    def get(self, request, cbs_code=None, slug=None):
        code = cbs_code or slug
        context = _context(self.level, code)
        header = [
            _("Table"),
            _("Unit"),
            _("Period"),
            _("Row"),
            _("Column"),
            _("Count"),
            _("Share (%)"),
        ]
        rows = pages.csv_rows(context, _labels()) if context["available"] else []
        response = csv_response(f"stapeling-{code or 'alle'}-synthetisch.csv", header, rows)
        # The note first, before the header: whoever opens the file reads it first.
        body = response.content.decode("utf-8")
        response.content = ("\ufeff" + SYNTHETIC_CSV_NOTE + "\r\n" + body.lstrip("\ufeff")).encode()
        return response
