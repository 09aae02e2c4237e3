"""Pages of intake: the creditor's upload, template, deliveries and rejected rows; the platform
beheerder's queue of signals that could not be routed."""

import csv
import io
import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing
from doorbraak.core.crypto import decrypt
from doorbraak.core.views_base import PlatformView

from . import intake, routing, selectors_intake, template
from .forms_intake import UploadForm, max_upload_bytes
from .models import Channel, Feedback


def _csv_safe(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula (CSV injection)."""
    if value and value[0] in "=+-@" and not value[1:].replace(",", "").replace(".", "").isdigit():
        return "'" + value
    return value


class UploadView(PlatformView):
    permission = "signals.deliver"

    def render(self, request, form, status=200):
        return TemplateResponse(
            request,
            "signals/intake/upload.html",
            {
                "form": form,
                "columns": template.COLUMNS,
                "max_mb": max_upload_bytes() // (1024 * 1024),
                "recent": selectors_intake.own_deliveries(self.actor)[:5],
            },
            status=status,
        )

    def get(self, request):
        return self.render(request, UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form, status=400)
        upload = form.cleaned_data["file"]
        delivery = intake.receive(
            self.actor,
            self.actor.organisation,
            upload,
            upload.name,
            Channel.UPLOAD,
            gemeente_code=form.cleaned_data["gemeentecode"],
        )
        messages.success(
            request,
            _(
                "The file has been received. Processing runs in the background; this page shows "
                "the result."
            ),
        )
        return redirect("signals:delivery", uuid=delivery.uuid)


class TemplateCsvView(PlatformView):
    permission = "signals.deliver"

    def get(self, request):
        response = HttpResponse(template.as_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="vroegsignalen-sjabloon.csv"'
        return response


class TemplateXlsxView(PlatformView):
    permission = "signals.deliver"

    def get(self, request):
        response = HttpResponse(
            template.as_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="vroegsignalen-sjabloon.xlsx"'
        return response


class DeliveryListView(PlatformView):
    permission = "signals.deliver"

    def get(self, request):
        page = Paginator(selectors_intake.own_deliveries(self.actor), 50).get_page(
            request.GET.get("pagina")
        )
        return TemplateResponse(request, "signals/intake/deliveries.html", {"page": page})


class DeliveryMixin:
    permission = "signals.deliver"

    def get_delivery(self, uuid):
        delivery = selectors_intake.own_delivery(self.actor, uuid)
        if delivery is None:
            raise Http404
        return delivery


class DeliveryDetailView(DeliveryMixin, PlatformView):
    def get(self, request, uuid):
        delivery = self.get_delivery(uuid)
        rejected = Paginator(selectors_intake.rejected_rows(delivery), 200).get_page(
            request.GET.get("fouten")
        )
        signals = Paginator(selectors_intake.signal_feedback(delivery), 200).get_page(
            request.GET.get("signalen")
        )
        labels = dict(Feedback.choices)
        for item in signals.object_list:
            item["feedback_label"] = labels.get(item["feedback"], labels[Feedback.PENDING])
        return TemplateResponse(
            request,
            "signals/intake/delivery.html",
            {"delivery": delivery, "rejected": rejected, "signals": signals},
        )


class RejectedCsvView(DeliveryMixin, PlatformView):
    """The rejected rows in the template's columns plus a column ``fouten``: correct, resend."""

    def get(self, request, uuid):
        delivery = self.get_delivery(uuid)
        rows = list(selectors_intake.rejected_rows(delivery))
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([*template.NAMES, "fouten"])
        for rejected in rows:
            values = (
                json.loads(decrypt(rejected.values_encrypted)) if rejected.values_encrypted else {}
            )
            errors = " | ".join(
                f"{e['column']}: {e['message']}" if e.get("column") else e["message"]
                for e in rejected.errors
            )
            writer.writerow(
                [_csv_safe(str(values.get(name, ""))) for name in template.NAMES] + [errors]
            )
        if rows:
            log_processing(
                self.actor,
                intake.ACTIVITY,
                Action.EXPORT,
                subjects=[
                    Subject("afgekeurde-rij", f"{delivery.uuid}:{r.row_number}") for r in rows
                ],
                controller=delivery.creditor,
                detail=f"afgekeurde rijen levering {delivery.uuid}",
            )
        stamp = timezone.localtime(delivery.received_at).strftime("%Y%m%d-%H%M")
        response = HttpResponse(
            ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="afgekeurd-{stamp}.csv"'
        return response


class WaitingView(PlatformView):
    """Signals that could not be routed: counts and a list without names or BSN."""

    permission = "signals.route"

    def get(self, request):
        page = Paginator(selectors_intake.waiting_signals(), 100).get_page(
            request.GET.get("pagina")
        )
        if page.object_list:
            log_processing(
                self.actor,
                intake.ACTIVITY,
                Action.READ,
                subjects=[Subject("vroegsignaal", str(s["uuid"])) for s in page.object_list],
                controller=self.actor.organisation,
                detail="wachtrij routering",
            )
        return TemplateResponse(
            request,
            "signals/intake/waiting.html",
            {"page": page, "counts": selectors_intake.waiting_counts()},
        )

    def post(self, request):
        result = routing.reroute_waiting(self.actor)
        messages.success(
            request,
            _("Routing run again: %(routed)s signal(s) routed, %(waiting)s still waiting.")
            % result,
        )
        return redirect("signals:waiting")
