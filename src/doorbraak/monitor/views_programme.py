"""The programme monitor: aggregate figures of the platform, with small-cell suppression."""

from django.http import Http404
from django.template.response import TemplateResponse

from doorbraak.core.views_base import PlatformView

from . import programme
from .views import csv_response


class ProgrammeView(PlatformView):
    permission = "monitor.view_programme"

    def get(self, request, table=None):
        scope = programme.scope_for(self.actor)
        key = table or request.GET.get("csv")
        if key:
            if key not in programme.TABLES:
                raise Http404
            result = programme.TABLES[key](scope)
            return csv_response(f"programma-{key}.csv", result.header, result.rows)
        return TemplateResponse(
            request,
            "monitor/programme.html",
            {
                "scope": scope,
                "tables": programme.tables(scope),
                "threshold": programme.DEFAULT_THRESHOLD,
            },
        )


class ProgrammeCsvView(ProgrammeView):
    pass
