from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorbraak.core.exports import streaming_csv
from doorbraak.core.permissions import can
from doorbraak.core.views_base import PlatformView

from . import selectors, services
from .forms import LogFilterForm, ProcessingActivityForm
from .models import Action, ProcessingActivity


class LogView(PlatformView):
    permission = "audit.view_log"

    def get(self, request):
        form = LogFilterForm(request.GET or None, actor=self.actor)
        filters = form.to_filters()
        page = selectors.log_page(self.actor, filters, cursor=request.GET.get("na"))
        services.log_processing(
            self.actor,
            "verwerkingenlog-inzien",
            Action.SEARCH,
            controller=self.actor.organisation,
            detail=_describe(filters),
        )
        query = request.GET.copy()
        query.pop("na", None)
        return TemplateResponse(
            request,
            "audit/log.html",
            {
                "form": form,
                "page": page,
                "query": query.urlencode(),
            },
        )


class LogExportView(PlatformView):
    permission = "audit.view_log"

    def get(self, request):
        form = LogFilterForm(request.GET or None, actor=self.actor)
        filters = form.to_filters()
        services.log_processing(
            self.actor,
            "verwerkingenlog-inzien",
            Action.EXPORT,
            controller=self.actor.organisation,
            detail=_describe(filters),
        )
        header = [
            "tijdstip",
            "trace_id",
            "span_id",
            "parent_span_id",
            "verwerkingsactiviteit",
            "actie",
            "status",
            "doel",
            "grondslag",
            "wie",
            "organisatie",
            "rol",
            "api_client",
            "verwerkingsverantwoordelijke",
            "soort_betrokkene",
            "betrokkene_pseudoniem",
            "soort_object",
            "object",
            "toelichting",
        ]

        def rows():
            for e in selectors.iter_log(self.actor, filters):
                yield (
                    [
                        e.occurred_at.isoformat(),
                        e.trace_id,
                        e.span_id,
                        e.parent_span_id,
                        e.activity.code,
                        e.action,
                        e.status,
                        e.purpose,
                        e.legal_basis,
                        e.actor_label,
                        e.actor_organisation.name if e.actor_organisation else "",
                        e.actor_role,
                        e.api_client_uuid or "",
                        e.controller.name if e.controller else "",
                        e.subject_type,
                        e.subject_pseudonym,
                        e.object_type,
                        e.object_uuid or "",
                        e.detail,
                    ]
                )

        return streaming_csv("verwerkingenlog", header, rows())


def _describe(filters: selectors.LogFilters) -> str:
    used = [name for name, value in vars(filters).items() if value]
    return ("filters: " + ", ".join(used)) if used else "geen filters"


class ActivityListView(PlatformView):
    permission = "audit.view_register"

    def get(self, request):
        return TemplateResponse(
            request,
            "audit/activity_list.html",
            {
                "activities": selectors.activities_for(self.actor),
                "can_change": can(self.actor, "audit.change_register"),
            },
        )


class ActivityDetailView(PlatformView):
    permission = "audit.view_register"

    def get(self, request, uuid):
        activity = get_object_or_404(selectors.activities_for(self.actor), uuid=uuid)
        history = [
            {"record": record, "what": _history_label(record)}
            for record in activity.history.select_related("history_user").order_by("-history_date")[
                :50
            ]
        ]
        return TemplateResponse(
            request,
            "audit/activity_detail.html",
            {
                "activity": activity,
                "history": history,
                "can_change": can(self.actor, "audit.change_register"),
            },
        )


HISTORY_TYPES = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}


def _history_label(record) -> str:
    label = str(HISTORY_TYPES.get(record.history_type, record.history_type))
    previous = record.prev_record
    if record.history_type == "~" and previous is not None:
        changed = record.diff_against(previous).changed_fields
        fields = [str(ProcessingActivity._meta.get_field(name).verbose_name) for name in changed]
        if fields:
            label += ": " + ", ".join(fields)
    return label


class ActivityEditView(PlatformView):
    permission = "audit.change_register"

    def get_object(self, uuid):
        if uuid is None:
            return None
        return get_object_or_404(selectors.activities_for(self.actor), uuid=uuid)

    def get(self, request, uuid=None):
        form = ProcessingActivityForm(instance=self.get_object(uuid))
        return TemplateResponse(request, "audit/activity_form.html", {"form": form})

    def post(self, request, uuid=None):
        form = ProcessingActivityForm(request.POST, instance=self.get_object(uuid))
        if not form.is_valid():
            return TemplateResponse(request, "audit/activity_form.html", {"form": form}, status=400)
        activity = form.save()
        messages.success(request, _("The processing activity has been saved."))
        return redirect("audit:activity-detail", uuid=activity.uuid)
