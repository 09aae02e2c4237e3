"""Pages of the vroegsignalering team: the work queue, a case, deadlines, the gemeente's
settings and the CJIB noodstop of a household."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.views_base import PlatformView

from . import noodstop as noodstop_rule
from . import priority
from . import selectors_work as selectors
from . import services_work as services
from .codes import THREATENING, Signaalpartner
from .forms_work import (
    AcceptForm,
    CloseForm,
    ContactAttemptForm,
    NoodstopForm,
    NoodstopUpdateForm,
    OfferForm,
    SettingsForm,
)
from .matching import settings_for
from .models import CaseKind, CaseStatus, Feedback

PAGE_SIZE = 50


class QueueView(PlatformView):
    permission = "signals.work"

    def get(self, request):
        today = timezone.localdate()
        filters = selectors.QueueFilters.from_query(request.GET)
        paginator = Paginator(selectors.queue(self.actor, filters, today), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("pagina"))
        services.queue_read(actor=self.actor, cases=list(page.object_list))
        query = request.GET.copy()
        query.pop("pagina", None)
        return TemplateResponse(
            request,
            "signals/work_queue.html",
            {
                "page": page,
                "filters": filters,
                "query": query.urlencode(),
                "counts": selectors.queue_counts(self.actor, today),
                "kinds": CaseKind.choices,
                "wijken": selectors.wijken(self.actor),
                "partners": Signaalpartner.choices,
                "age_bands": [
                    ("tot27", _("younger than 27")),
                    ("27-44", _("27 to 44")),
                    ("45-66", _("45 to 66")),
                    ("67plus", _("67 or older")),
                ],
                "amount_bands": [
                    ("tot500", _("less than € 500")),
                    ("500-1500", _("€ 500 to € 1,500")),
                    ("1500-5000", _("€ 1,500 to € 5,000")),
                    ("5000plus", _("€ 5,000 or more")),
                ],
                "today": today,
            },
        )


def _why(case, settings) -> list[tuple[str, int]]:
    """The reasons behind the case's priority, recomputed from its signals."""
    signals = list(case.signals.all())
    features = priority.Features(
        crisis=case.crisis,
        creditor_count=case.creditor_count,
        total_amount=case.total_amount,
        threatening=any(s.signaalpartner in THREATENING for s in signals),
        warm_handover=any(s.warme_overdracht for s in signals),
        repeated=case.kind == CaseKind.HERHAALD,
    )
    weights = priority.weights_for(settings.priority_weights)
    return [(priority.WEIGHT_LABELS[k], p) for k, p in priority.explain(features, weights)]


def _timeline(case, signals, attempts) -> list[dict]:
    events = [
        {"on": s.signaaldatum, "what": _("Signal from %(creditor)s") % {"creditor": s.creditor}}
        for s in signals
    ]
    events.append({"on": case.matchingsdatum, "what": _("Case formed by matching")})
    events += [
        {
            "on": a.datum,
            "what": _("Contact attempt: %(kind)s, %(result)s")
            % {
                "kind": a.get_soort_display(),
                "result": _("reached") if a.bereikt else _("not reached"),
            },
        }
        for a in attempts
    ]
    if case.offer_made_on:
        events.append({"on": case.offer_made_on, "what": _("Offer of help made")})
    if case.offer_accepted_on:
        events.append({"on": case.offer_accepted_on, "what": _("Offer accepted")})
    if case.closed_at:
        events.append(
            {
                "on": timezone.localdate(case.closed_at),
                "what": _("Closed: %(outcome)s") % {"outcome": case.get_resultaat_display()},
            }
        )
    return sorted(events, key=lambda e: e["on"])


class CaseMixin:
    def get_case(self):
        case = selectors.case_for(self.actor, self.kwargs["uuid"])
        if case is None:
            raise Http404
        return case

    def render_case(self, request, case, status=200, **forms):
        signals = selectors.signals_of(case)
        attempts = selectors.attempts_of(case)
        context = {
            "case": case,
            "signals": signals,
            "attempts": attempts,
            "timeline": _timeline(case, signals, attempts),
            "why": _why(case, settings_for(case.organisation)),
            "today": timezone.localdate(),
            "feedback": Feedback,
        }
        if case.status == CaseStatus.OPEN:
            context["contact_form"] = forms.get("contact_form") or ContactAttemptForm()
            context["offer_form"] = forms.get("offer_form") or OfferForm()
            context["accept_form"] = forms.get("accept_form") or AcceptForm(
                case=case, signals=signals
            )
            context["close_form"] = forms.get("close_form") or CloseForm()
        if request.method == "GET" or status != 200:
            services.case_read(actor=self.actor, case=case, signals=signals)
        return TemplateResponse(request, "signals/work_case.html", context, status=status)


class CaseView(CaseMixin, PlatformView):
    permission = "signals.work"

    def get(self, request, uuid):
        return self.render_case(request, self.get_case())


class CaseActionView(CaseMixin, PlatformView):
    """POST only: one form of the case page; on an error the page is shown again (400)."""

    permission = "signals.work"
    http_method_names = ["post"]
    form_class = None
    form_key = ""

    def make_form(self, request, case):
        return self.form_class(request.POST)

    def post(self, request, uuid):
        case = self.get_case()
        form = self.make_form(request, case)
        if not form.is_valid():
            return self.render_case(request, case, status=400, **{self.form_key: form})
        try:
            message = self.apply(case, form)
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("signals:case", uuid=case.uuid)
        messages.success(request, message)
        return redirect(self.success_url(case))

    def success_url(self, case):
        return reverse("signals:case", kwargs={"uuid": case.uuid})


class ContactAttemptView(CaseActionView):
    form_class = ContactAttemptForm
    form_key = "contact_form"

    def apply(self, case, form):
        services.contactpoging_vastleggen(actor=self.actor, case=case, data=form.cleaned_data)
        return _("The contact attempt has been recorded.")


class OfferView(CaseActionView):
    form_class = OfferForm
    form_key = "offer_form"

    def apply(self, case, form):
        services.aanbod_gedaan(actor=self.actor, case=case, on=form.cleaned_data["on"])
        return _("The offer of help has been recorded.")


class AcceptView(CaseActionView):
    form_key = "accept_form"

    def make_form(self, request, case):
        return AcceptForm(request.POST, case=case, signals=selectors.signals_of(case))

    def apply(self, case, form):
        household = services.aanbod_aanvaard(
            actor=self.actor,
            case=case,
            team=form.cleaned_data["team"],
            applicant=form.applicant(),
            take_bsn=form.cleaned_data.get("take_bsn", False),
            outcome=form.cleaned_data["outcome"],
        )
        return _("Household file %(reference)s has been opened for team %(team)s.") % {
            "reference": household.reference,
            "team": household.team.name,
        }


class CloseView(CaseActionView):
    form_class = CloseForm
    form_key = "close_form"

    def apply(self, case, form):
        services.afsluiten(actor=self.actor, case=case, outcome=form.cleaned_data["outcome"])
        return _("The case has been closed.")

    def success_url(self, case):
        return reverse("signals:queue")


class AssignView(CaseMixin, PlatformView):
    permission = "signals.work"
    http_method_names = ["post"]

    def post(self, request, uuid):
        case = self.get_case()
        try:
            services.toewijzen(actor=self.actor, case=case)
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The case is now assigned to you."))
        return redirect("signals:case", uuid=case.uuid)


class DeadlinesView(PlatformView):
    permission = "signals.work"

    def get(self, request):
        today = timezone.localdate()
        settings = settings_for(self.actor.organisation)
        cases = list(selectors.deadlines(self.actor, today, settings.reminder_days_before)[:500])
        services.queue_read(actor=self.actor, cases=cases)
        return TemplateResponse(
            request,
            "signals/work_deadlines.html",
            {
                "cases": cases,
                "today": today,
                "settings": settings,
                "noodstops": list(
                    selectors.running_noodstops(self.actor, today).filter(
                        ends_on__lte=today + datetime.timedelta(days=selectors.NOODSTOP_SOON_DAYS)
                    )[:200]
                ),
            },
        )


class SettingsView(PlatformView):
    permission = "signals.manage"

    def render_page(self, request, form, status=200):
        return TemplateResponse(
            request, "signals/work_settings.html", {"form": form}, status=status
        )

    def get(self, request):
        settings = settings_for(self.actor.organisation)
        return self.render_page(
            request,
            SettingsForm(
                instance=settings, check_rules=selectors.check_rules(self.actor.organisation)
            ),
        )

    def post(self, request):
        settings = settings_for(self.actor.organisation)
        form = SettingsForm(
            request.POST,
            instance=settings,
            check_rules=selectors.check_rules(self.actor.organisation),
        )
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        services.instellingen_opslaan(actor=self.actor, values=form.values(), checks=form.checks())
        messages.success(request, _("The settings have been saved."))
        return redirect("signals:settings")


# --- CJIB noodstop --------------------------------------------------------------------------


class HouseholdNoodstopView(PlatformView):
    permission = "signals.noodstop"

    def get_household(self):
        household = selectors.household_for_noodstop(self.actor, self.kwargs["uuid"])
        if household is None:
            raise Http404
        return household

    def render_page(self, request, household, form=None, status=200):
        noodstops = list(household.noodstops.order_by("-requested_on", "-id"))
        return TemplateResponse(
            request,
            "signals/noodstop_household.html",
            {
                "household": household,
                "noodstops": [
                    {
                        "obj": n,
                        "extended": noodstop_rule.is_extended(
                            n.requested_on, n.debt_help_started_on
                        ),
                        "window_end": noodstop_rule.window_end(n.requested_on),
                        "form": NoodstopUpdateForm(instance=n, prefix=f"n{n.pk}"),
                    }
                    for n in noodstops
                ],
                "form": form or NoodstopForm(),
                "today": timezone.localdate(),
            },
            status=status,
        )

    def get(self, request, uuid):
        household = self.get_household()
        return self.render_page(request, household)

    def post(self, request, uuid):
        household = self.get_household()
        form = NoodstopForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, household, form=form, status=400)
        noodstop = services.noodstop_vastleggen(
            actor=self.actor, household=household, **form.cleaned_data
        )
        messages.success(
            request,
            _("The noodstop has been recorded; it ends on %(date)s.")
            % {"date": noodstop.ends_on.strftime("%d-%m-%Y")},
        )
        return redirect("signals:household-noodstop", uuid=household.uuid)


class NoodstopUpdateView(PlatformView):
    permission = "signals.noodstop"
    http_method_names = ["post"]

    def post(self, request, uuid):
        noodstop = selectors.noodstop_for(self.actor, uuid)
        if noodstop is None:
            raise Http404
        form = NoodstopUpdateForm(request.POST, instance=noodstop, prefix=f"n{noodstop.pk}")
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("signals:household-noodstop", uuid=noodstop.household.uuid)
        services.noodstop_bijwerken(
            actor=self.actor,
            noodstop=noodstop,
            debt_help_started_on=form.cleaned_data["debt_help_started_on"],
            ended_on=form.cleaned_data["ended_on"],
        )
        messages.success(request, _("The noodstop has been updated."))
        return redirect("signals:household-noodstop", uuid=noodstop.household.uuid)


class NoodstopListView(PlatformView):
    permission = "signals.noodstop"

    def get(self, request):
        today = timezone.localdate()
        noodstops = list(selectors.running_noodstops(self.actor, today)[:500])
        return TemplateResponse(
            request,
            "signals/noodstop_list.html",
            {
                "noodstops": noodstops,
                "today": today,
                "soon": today + datetime.timedelta(days=selectors.NOODSTOP_SOON_DAYS),
                "team_links": not self.actor.has_role("vroegsignalering"),
            },
        )
