"""Pages of DDAS (export and import) and of the vroegsignalering monitor.

The gemeente is always the actor's own organisation: nothing here takes another gemeente.
"""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from doorbraak.core.views_base import PlatformView
from doorbraak.monitor.views import csv_response

from . import ddas, monitor
from .forms_ddas import DdasImportForm, MonthForm


def previous_month(today):
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


class DdasView(PlatformView):
    """Choose a month and download the DDAS delivery of the gemeente."""

    permission = "signals.ddas"

    def get(self, request):
        year, month = previous_month(timezone.localdate())
        if "maand" in request.GET:
            form = MonthForm(request.GET)
            if form.is_valid():
                year, month = form.cleaned_data["maand"]
                organisation = self.actor.organisation
                data = ddas.export_month(self.actor, organisation, year, month)
                response = HttpResponse(
                    ddas.dumps(data), content_type="application/json; charset=utf-8"
                )
                name = ddas.file_name(organisation, year, month)
                response["Content-Disposition"] = f'attachment; filename="{name}"'
                return response
            status = 400
        else:
            form = MonthForm(initial={"maand": f"{year:04d}-{month:02d}"})
            status = 200
        return TemplateResponse(
            request,
            "signals/ddas.html",
            {"form": form, "gemeente": self.actor.organisation, "supplier": ddas.supplier_code()},
            status=status,
        )


class DdasImportView(PlatformView):
    permission = "signals.ddas"

    def render_page(self, request, form, report=None, status=200):
        return TemplateResponse(
            request,
            "signals/ddas_import.html",
            {"form": form, "report": report, "gemeente": self.actor.organisation},
            status=status,
        )

    def get(self, request):
        return self.render_page(request, DdasImportForm())

    def post(self, request):
        form = DdasImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        upload = form.cleaned_data["file"]
        report = ddas.import_ddas(
            self.actor, self.actor.organisation, upload.read(), file_name=upload.name
        )
        return self.render_page(
            request, DdasImportForm(), report=report, status=200 if report.ok else 400
        )


class MonitorView(PlatformView):
    """Counts per month of the gemeente, small cells suppressed; ``?csv=<table>`` downloads one."""

    permission = "signals.monitor"

    def get(self, request):
        today = timezone.localdate()
        year, month = monitor.month_of(request.GET.get("maand", ""), today)
        organisation = self.actor.organisation
        tables = monitor.tables(organisation, year, month)
        key = request.GET.get("csv")
        if key:
            table = next((t for t in tables if t.key == key), None)
            if table is None:
                raise Http404
            name = (
                f"vroegsignalering-{table.key}-{organisation.cbs_code}-{year:04d}-{month:02d}.csv"
            )
            return csv_response(name, table.header, table.rows)
        return TemplateResponse(
            request,
            "signals/monitor.html",
            {
                "tables": tables,
                "gemeente": organisation,
                "maand": monitor.month_label(year, month),
                "threshold": monitor.THRESHOLD,
            },
        )
