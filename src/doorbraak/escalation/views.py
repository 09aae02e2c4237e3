"""Pages of the escalation route: the Maatwerkloket, the LET, overbrugging and knelpunten."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.audit.models import Action
from doorbraak.core.exports import streaming_csv
from doorbraak.core.permissions import can
from doorbraak.core.views_base import PlatformView
from doorbraak.households import zrm
from doorbraak.legal.selectors import current_provisions
from doorbraak.plans.views import PlanMixin

from . import selectors, services
from .charts import knelpunten_chart
from .forms import (
    AgendaForm,
    AttachmentForm,
    DecisionFollowUpForm,
    KnelpuntStatusForm,
    LetDecisionForm,
    LetSessionForm,
    LoketCaseForm,
    LoketKnelpuntForm,
    OverbruggingForm,
    ServiceLevelForm,
    SettlementForm,
    TriageForm,
)
from .models import (
    DecisionStatus,
    KnelpuntKind,
    KnelpuntStatus,
    LoketStatus,
    Milestone,
)
from .selectors import working_days_for


def _case_context(case):
    return {
        "domain_labels": dict(zrm.DOMAINS_2017),
        "organisations": list(case.organisations.order_by("name")),
    }


# --- The plan's loket page (the professional) -------------------------------------------------


class PlanLoketView(PlanMixin, PlatformView):
    """The loket cases of a plan, with their outcome, and the form to submit a new one."""

    def render_page(self, request, status=200, form=None):
        cases = list(selectors.cases_of_plan(self.plan).select_related("routed_to"))
        services.log_cases_read(self.actor, cases, "loketzaken van het plan")
        return TemplateResponse(
            request,
            "escalation/plan_loket.html",
            {
                "plan": self.plan,
                "household": self.plan.household,
                "access": self.access,
                "cases": cases,
                "form": form if form is not None else LoketCaseForm(),
                "can_submit": self.access.can_change,
                "levels": {
                    "first": working_days_for(Milestone.EERSTE_REACTIE),
                    "decision": working_days_for(Milestone.BESLUIT),
                },
            },
            status=status,
        )

    def get(self, request, uuid):
        return self.render_page(request)

    def post(self, request, uuid):
        if not self.access.can_change:
            raise PermissionDenied
        form = LoketCaseForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(request, status=400, form=form)
        data = dict(form.cleaned_data)
        uploads = data.pop("attachments", [])
        organisations = data.pop("organisations", [])
        try:
            case = services.loket_verzoek_indienen(
                actor=self.actor,
                plan=self.plan,
                data=data,
                organisations=organisations,
                uploads=uploads,
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
            return self.render_page(request, status=400, form=form)
        messages.success(request, _("Your request has been sent to the Maatwerkloket."))
        return redirect("escalation:case", uuid=case.uuid)


# --- Loket cases -------------------------------------------------------------------------------


class CaseListView(PlatformView):
    permission = "escalation.view_cases"

    def get(self, request):
        status = request.GET.get("status", "")
        status = status if status in LoketStatus.values else ""
        overdue = request.GET.get("te_laat") == "1"
        cases = selectors.case_list(self.actor, status=status, overdue=overdue)
        services.log_cases_read(self.actor, cases, "lijst loketzaken")
        return TemplateResponse(
            request,
            "escalation/case_list.html",
            {
                "cases": cases,
                "is_loket": selectors.is_loket_staff(self.actor),
                "statuses": LoketStatus.choices,
                "chosen": {"status": status, "overdue": overdue},
                "today": timezone.localdate(),
            },
        )


class CaseMixin:
    def get_access(self) -> selectors.CaseAccess:
        access = selectors.case_access(self.actor, self.kwargs["uuid"])
        if access is None:
            raise Http404
        return access

    def render_case(self, request, access, status=200, **forms):
        case = access.case
        is_loket = access.is_loket
        context = {
            "case": case,
            "access": access,
            "events": list(case.events.select_related("by", "by_organisation"))
            if access.full
            else [],
            "attachments": list(case.attachments.defer("data")) if access.full else [],
            "decisions": list(selectors.decisions_visible(self.actor, case)),
            "overbruggingen": list(selectors.overbruggingen_visible(self.actor, case)),
            "knelpunten": list(case.knelpunten.all()) if is_loket else [],
            "today": timezone.localdate(),
            **_case_context(case),
        }
        if is_loket:
            context["triage_form"] = forms.get("triage_form") or TriageForm(case=case)
            context["knelpunt_form"] = forms.get("knelpunt_form") or LoketKnelpuntForm(
                provisions=current_provisions()
            )
            if case.status == LoketStatus.OVERBRUGGING:
                context["overbrugging_form"] = forms.get("overbrugging_form") or OverbruggingForm(
                    initial={"starts_on": timezone.localdate(), "voorfinancier": case.gemeente}
                )
        if access.is_team and case.status != LoketStatus.AFGEROND:
            context["attachment_form"] = forms.get("attachment_form") or AttachmentForm()
        return TemplateResponse(request, "escalation/case_detail.html", context, status=status)


class CaseDetailView(CaseMixin, PlatformView):
    permission = "escalation.view_cases"

    def get(self, request, uuid):
        access = self.get_access()
        services.case_read(self.actor, access.case, detail="" if access.full else "minimale set")
        return self.render_case(request, access)


class TriageView(CaseMixin, PlatformView):
    permission = "escalation.triage"

    def post(self, request, uuid):
        access = self.get_access()
        form = TriageForm(request.POST, case=access.case)
        if not form.is_valid():
            return self.render_case(request, access, status=400, triage_form=form)
        try:
            services.triageren(
                actor=self.actor,
                case=access.case,
                action=form.cleaned_data["action"],
                text=form.cleaned_data["text"],
                ministry=form.cleaned_data.get("ministry"),
                session=form.cleaned_data.get("session"),
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The case has been updated."))
        return redirect("escalation:case", uuid=uuid)


class AttachmentAddView(CaseMixin, PlatformView):
    permission = "escalation.view_cases"

    def post(self, request, uuid):
        access = self.get_access()
        if not access.is_team:
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_case(request, access, status=400, attachment_form=form)
        try:
            for upload in form.cleaned_data["attachments"]:
                services.bijlage_toevoegen(actor=self.actor, case=access.case, upload=upload)
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The attachment has been added."))
        return redirect("escalation:case", uuid=uuid)


class AttachmentView(CaseMixin, PlatformView):
    permission = "escalation.view_cases"

    def get(self, request, uuid, attachment_uuid):
        access = self.get_access()
        if not access.full:
            raise Http404
        attachment = access.case.attachments.filter(uuid=attachment_uuid).first()
        if attachment is None:
            raise Http404
        services.bijlage_inzien(actor=self.actor, attachment=attachment)
        response = HttpResponse(bytes(attachment.data), content_type=attachment.content_type)
        safe_name = attachment.name.replace('"', "")
        response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class CaseKnelpuntView(CaseMixin, PlatformView):
    permission = "escalation.manage_knelpunten"

    def post(self, request, uuid):
        access = self.get_access()
        form = LoketKnelpuntForm(request.POST, provisions=current_provisions())
        if not form.is_valid():
            return self.render_case(request, access, status=400, knelpunt_form=form)
        services.knelpunt_uit_zaak(actor=self.actor, case=access.case, data=form.cleaned_data)
        messages.success(request, _("The knelpunt has been recorded."))
        return redirect("escalation:case", uuid=uuid)


class CaseOverbruggingView(CaseMixin, PlatformView):
    permission = "escalation.manage_overbruggingen"

    def post(self, request, uuid):
        access = self.get_access()
        form = OverbruggingForm(request.POST)
        if not form.is_valid():
            return self.render_case(request, access, status=400, overbrugging_form=form)
        try:
            overbrugging = services.overbrugging_starten(
                actor=self.actor, case=access.case, **form.cleaned_data
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("escalation:case", uuid=uuid)
        messages.success(request, _("The overbrugging has been started."))
        return redirect("escalation:overbrugging", uuid=overbrugging.uuid)


class ServiceLevelView(PlatformView):
    permission = "escalation.manage_service_levels"

    def render_page(self, request, form=None, status=200):
        levels = selectors.service_levels()
        rows = [
            (code, label, levels.get(code), working_days_for(code))
            for code, label in Milestone.choices
        ]
        return TemplateResponse(
            request,
            "escalation/service_levels.html",
            {"rows": rows, "form": form or ServiceLevelForm()},
            status=status,
        )

    def get(self, request):
        return self.render_page(request)

    def post(self, request):
        form = ServiceLevelForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form=form, status=400)
        services.servicenorm_wijzigen(actor=self.actor, **form.cleaned_data)
        messages.success(request, _("The service level has been saved. It applies to new cases."))
        return redirect("escalation:service-levels")


# --- LET ---------------------------------------------------------------------------------------


class SessionListView(PlatformView):
    permission = "escalation.manage_let"

    def render_page(self, request, form=None, status=200):
        return TemplateResponse(
            request,
            "escalation/session_list.html",
            {
                "sessions": list(selectors.sessions_for(self.actor).order_by("-held_on", "-id")),
                "form": form or LetSessionForm(),
                "waiting": list(
                    selectors.cases_for(self.actor)
                    .filter(status=LoketStatus.BIJ_LET)
                    .select_related("gemeente")
                ),
            },
            status=status,
        )

    def get(self, request):
        return self.render_page(request)

    def post(self, request):
        form = LetSessionForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form=form, status=400)
        session = services.let_sessie_plannen(actor=self.actor, **form.cleaned_data)
        messages.success(request, _("The LET session has been planned."))
        return redirect("escalation:session", uuid=session.uuid)


class SessionMixin:
    def get_session(self):
        session = selectors.session_for(self.actor, self.kwargs["uuid"])
        if session is None:
            raise Http404
        return session

    def render_session(self, request, session, status=200, **forms):
        cases = list(session.cases.select_related("gemeente"))
        services.let_sessie_inzien(actor=self.actor, session=session, cases=cases)
        decisions = list(
            session.decisions.select_related("case", "responsible_organisation").order_by(
                "case_id", "deadline"
            )
        )
        return TemplateResponse(
            request,
            "escalation/session_detail.html",
            {
                "session": session,
                "cases": cases,
                "decisions": decisions,
                "participants": list(session.participants.order_by("name")),
                "agenda_form": forms.get("agenda_form") or AgendaForm(prefix="agenda"),
                "decision_form": forms.get("decision_form") or LetDecisionForm(session=session),
                "today": timezone.localdate(),
            },
            status=status,
        )


class SessionDetailView(SessionMixin, PlatformView):
    permission = "escalation.manage_let"

    def get(self, request, uuid):
        return self.render_session(request, self.get_session())


class SessionAgendaView(SessionMixin, PlatformView):
    permission = "escalation.manage_let"

    def post(self, request, uuid):
        session = self.get_session()
        form = AgendaForm(request.POST, prefix="agenda")
        if not form.is_valid():
            return self.render_session(request, session, status=400, agenda_form=form)
        try:
            services.agenderen(actor=self.actor, session=session, case=form.cleaned_data["case"])
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The case is on the agenda."))
        return redirect("escalation:session", uuid=uuid)


class SessionDecisionView(SessionMixin, PlatformView):
    permission = "escalation.manage_let"

    def post(self, request, uuid):
        session = self.get_session()
        form = LetDecisionForm(request.POST, session=session)
        if not form.is_valid():
            return self.render_session(request, session, status=400, decision_form=form)
        data = form.cleaned_data
        try:
            services.let_besluit_vastleggen(
                actor=self.actor,
                session=session,
                case=data["case"],
                what=data["what"],
                responsible=data["responsible_organisation"],
                deadline=data["deadline"],
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The LET decision has been recorded."))
        return redirect("escalation:session", uuid=uuid)


class DecisionListView(PlatformView):
    """LET decisions to follow up: all for the loket, an organisation's own for its staff."""

    permission = "escalation.view_let_decisions"

    def get(self, request):
        status = request.GET.get("status", "")
        decisions = selectors.decision_list(self.actor, status=status)
        services.let_besluiten_inzien(actor=self.actor, decisions=decisions)
        today = timezone.localdate()
        return TemplateResponse(
            request,
            "escalation/decision_list.html",
            {
                "rows": [
                    (
                        d,
                        d.is_overdue_on(today),
                        DecisionFollowUpForm(
                            prefix=f"d-{d.uuid.hex[:8]}",
                            initial={"status": d.status, "done_on": d.done_on or today},
                        ),
                    )
                    for d in decisions
                ],
                "statuses": DecisionStatus.choices,
                "chosen": status,
                "is_loket": selectors.is_loket_staff(self.actor),
            },
        )


class DecisionFollowUpView(PlatformView):
    permission = "escalation.view_let_decisions"

    def post(self, request, uuid):
        decision = selectors.decision_for(self.actor, uuid)
        if decision is None:
            raise Http404
        form = DecisionFollowUpForm(request.POST, prefix=f"d-{decision.uuid.hex[:8]}")
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("escalation:decisions")
        try:
            services.let_besluit_opvolgen(
                actor=self.actor,
                decision=decision,
                status=form.cleaned_data["status"],
                done_on=form.cleaned_data.get("done_on"),
                note=form.cleaned_data.get("note", ""),
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The follow-up has been saved."))
        return redirect("escalation:decisions")


# --- Overbrugging ------------------------------------------------------------------------------


class OverbruggingListView(PlatformView):
    permission = "escalation.view_overbruggingen"

    def get(self, request):
        newest_first = request.GET.get("sorteer") == "nieuwste"
        rows = selectors.open_settlements(self.actor, oldest_first=not newest_first)
        done = selectors.settled(self.actor)
        services.overbruggingen_inzien(
            actor=self.actor, overbruggingen=[r.overbrugging for r in rows] + done
        )
        return TemplateResponse(
            request,
            "escalation/overbrugging_list.html",
            {"rows": rows, "settled": done, "newest_first": newest_first},
        )


class OverbruggingMixin:
    def get_overbrugging(self):
        overbrugging = selectors.overbrugging_for(self.actor, self.kwargs["uuid"])
        if overbrugging is None:
            raise Http404
        return overbrugging

    def render_overbrugging(self, request, overbrugging, status=200, form=None):
        can_settle = can(self.actor, "escalation.manage_overbruggingen") and not (
            overbrugging.is_settled
        )
        return TemplateResponse(
            request,
            "escalation/overbrugging_detail.html",
            {
                "overbrugging": overbrugging,
                "case": overbrugging.loket_case,
                "age": overbrugging.age_on(timezone.localdate()),
                "form": (form or SettlementForm(overbrugging=overbrugging)) if can_settle else None,
            },
            status=status,
        )


class OverbruggingDetailView(OverbruggingMixin, PlatformView):
    permission = "escalation.view_overbruggingen"

    def get(self, request, uuid):
        overbrugging = self.get_overbrugging()
        services.overbrugging_inzien(actor=self.actor, overbrugging=overbrugging)
        return self.render_overbrugging(request, overbrugging)


class SettleView(OverbruggingMixin, PlatformView):
    permission = "escalation.manage_overbruggingen"

    def post(self, request, uuid):
        overbrugging = self.get_overbrugging()
        form = SettlementForm(request.POST, overbrugging=overbrugging)
        if not form.is_valid():
            return self.render_overbrugging(request, overbrugging, status=400, form=form)
        data = form.cleaned_data
        try:
            services.overbrugging_verrekenen(
                actor=self.actor,
                overbrugging=overbrugging,
                final_payer=data["final_payer"],
                amount=data["amount"],
                settled_on=data["settled_on"],
                note=data.get("note", ""),
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The settlement has been recorded."))
        return redirect("escalation:overbrugging", uuid=uuid)


# --- Knelpunten --------------------------------------------------------------------------------


class KnelpuntListView(PlatformView):
    """The national register, anonymised: the rule, never the household or plan."""

    permission = "escalation.view_knelpunten"

    def get(self, request):
        law = request.GET.get("wet", "")[:200]
        kind = request.GET.get("soort", "")
        status = request.GET.get("status", "")
        rows = selectors.national_knelpunten(law=law, kind=kind, status=status)
        services.knelpunten_inzien(actor=self.actor, detail="landelijk overzicht")
        manage = can(self.actor, "escalation.manage_knelpunten")
        return TemplateResponse(
            request,
            "escalation/knelpunt_list.html",
            {
                "rows": [
                    (
                        row,
                        KnelpuntStatusForm(
                            prefix=f"k-{row['uuid'].hex[:8]}",
                            initial={"status": row["status"], "kind": row["kind"]},
                        )
                        if manage
                        else None,
                    )
                    for row in rows
                ],
                "laws": selectors.knelpunt_laws(),
                "kinds": KnelpuntKind.choices,
                "statuses": KnelpuntStatus.choices,
                "chosen": {"law": law, "kind": kind, "status": status},
            },
        )


class KnelpuntStatusView(PlatformView):
    permission = "escalation.manage_knelpunten"

    def post(self, request, uuid):
        knelpunt = selectors.knelpunt(uuid)
        if knelpunt is None:
            raise Http404
        form = KnelpuntStatusForm(request.POST, prefix=f"k-{knelpunt.uuid.hex[:8]}")
        if not form.is_valid():
            messages.error(request, _("Choose a valid status."))
            return redirect("escalation:knelpunten")
        services.knelpunt_status(
            actor=self.actor,
            knelpunt=knelpunt,
            status=form.cleaned_data["status"],
            kind=form.cleaned_data.get("kind", ""),
        )
        messages.success(request, _("The knelpunt has been updated."))
        return redirect("escalation:knelpunten")


def _years(request):
    def year(name):
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None

    return year("van"), year("tot")


class ReportView(PlatformView):
    permission = "escalation.view_knelpunten"

    def get(self, request):
        year_from, year_to = _years(request)
        rows = selectors.knelpunten_report(year_from=year_from, year_to=year_to)
        quarters, per_law = selectors.report_by_law_and_quarter(rows)
        services.knelpunten_inzien(actor=self.actor, detail="rapport per wet en kwartaal")
        return TemplateResponse(
            request,
            "escalation/report.html",
            {
                "rows": rows,
                "chart": knelpunten_chart(
                    quarters,
                    per_law,
                    _("Knelpunten per law and quarter; the table has the figures."),
                ),
                "quarters": quarters,
                "year_from": year_from or "",
                "year_to": year_to or "",
                "total": sum(r.total for r in rows),
            },
        )


class ReportCsvView(PlatformView):
    permission = "escalation.view_knelpunten"

    def get(self, request):
        year_from, year_to = _years(request)
        rows = selectors.knelpunten_report(year_from=year_from, year_to=year_to)
        services.knelpunten_inzien(
            actor=self.actor, detail="rapport per wet en kwartaal (csv)", action=Action.EXPORT
        )

        return streaming_csv(
            "knelpunten",
            ["wet", "organisatie", "kwartaal", "totaal", "open", "geescaleerd", "opgelost"],
            (
                [r.law, r.organisation, r.quarter, r.total, r.open, r.geescaleerd, r.opgelost]
                for r in rows
            ),
        )
