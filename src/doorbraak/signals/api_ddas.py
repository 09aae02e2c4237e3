"""API of DDAS: the monthly delivery of a gemeente as JSON (the official Uitwisselmodel).

For a system client of the gemeente (``signals.ddas_api``) or its staff (``signals.ddas``).
Another gemeente's code gives 404, as if it did not exist.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak.core.api import ApiView
from doorbraak.core.permissions import can

from . import ddas


class CanExportDdas(permissions.BasePermission):
    message = _("Your role gives no access to the DDAS delivery.")

    def has_permission(self, request, view):
        actor = request.actor
        return can(actor, "signals.ddas_api") or can(actor, "signals.ddas")


class DdasMonthView(ApiView, APIView):
    permission_classes = [*ApiView.permission_classes, CanExportDdas]

    @extend_schema(
        summary="DDAS-levering vroegsignalering van een maand",
        description=(
            "The DDAS Vroegsignalering v0.9 Uitwisselmodel of the gemeente for one month "
            "(signals with their signaaldatum in the month and the cases touched in it), "
            "validated against the official VNG schema. Each call is recorded in the "
            "processing log, one record per resident."
        ),
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="DDAS Uitwisselmodel"),
            404: OpenApiResponse(description="Another gemeente, or not a month."),
        },
    )
    def get(self, request, gemeente, period):
        actor = self.actor
        year, month = (int(part) for part in period.split("-"))
        if gemeente != actor.organisation.cbs_code or not 1 <= month <= 12:
            raise Http404
        data = ddas.export_month(actor, actor.organisation, year, month)
        response = Response(data)
        response["Content-Disposition"] = (
            f'inline; filename="{ddas.file_name(actor.organisation, year, month)}"'
        )
        return response
