"""The juridische paragraaf of a plan, knelpunten, and the catalogue of provisions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import log_processing
from doorbraak.core.views_base import PlatformView
from doorbraak.escalation.selectors import knelpunten_of_plan
from doorbraak.households import zrm
from doorbraak.plans.services import ACTIVITY, NotAllowed
from doorbraak.plans.views import PlanMixin

from . import selectors, services
from .forms import AttachForm, DecisionForm, KnelpuntForm
from .models import Kind
from .paragraph import paragraph


def _prefix(attached) -> str:
    return f"b-{attached.uuid.hex[:8]}"


class LegalMixin(PlanMixin):
    def render_page(self, request, status=200, **forms):
        plan = self.plan
        attached = list(selectors.plan_provisions(plan))
        knelpunten = knelpunten_of_plan(plan)
        provisions = selectors.current_provisions()
        editable = self.access.can_change and plan.is_editable
        context = {
            "plan": plan,
            "household": plan.household,
            "access": self.access,
            "editable": editable,
            "attached": [
                (
                    a,
                    forms.get("decision_form")
                    if forms.get("decision_for") == a.uuid
                    else DecisionForm(
                        prefix=_prefix(a),
                        initial={
                            "decision": a.decision,
                            "decided_by": a.decided_by,
                            "decided_for": a.decided_for,
                            "mandate": a.mandate,
                            "decided_on": a.decided_on,
                        },
                    ),
                )
                for a in attached
            ],
            "knelpunten": knelpunten,
            "paragraph": paragraph(plan, attached, knelpunten),
            "attach_form": forms.get("attach_form") or AttachForm(provisions=provisions),
            "knelpunt_form": forms.get("knelpunt_form")
            or KnelpuntForm(prefix="knelpunt", provisions=provisions),
        }
        return TemplateResponse(request, "legal/plan_legal.html", context, status=status)


class PlanLegalView(LegalMixin, PlatformView):
    def get(self, request, uuid):
        log_processing(
            self.actor, ACTIVITY, LogAction.READ, self.plan, detail="juridische paragraaf"
        )
        return self.render_page(request)


class AttachView(LegalMixin, PlatformView):
    change = True

    def post(self, request, uuid):
        form = AttachForm(request.POST, provisions=selectors.current_provisions())
        if not form.is_valid():
            return self.render_page(request, status=400, attach_form=form)
        try:
            services.bepaling_toevoegen(
                actor=self.actor,
                plan=self.plan,
                provision=form.cleaned_data["provision"],
                argument=form.cleaned_data["argument"],
            )
        except NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, _("The provision has been added to the juridische paragraaf.")
            )
        return redirect("legal:plan", uuid=uuid)


class AttachedMixin(LegalMixin):
    change = True

    def attached_or_404(self, attached_uuid):
        attached = selectors.plan_provisions(self.plan).filter(uuid=attached_uuid).first()
        if attached is None:
            raise Http404
        return attached


class DecisionView(AttachedMixin, PlatformView):
    def post(self, request, uuid, attached_uuid):
        attached = self.attached_or_404(attached_uuid)
        form = DecisionForm(request.POST, prefix=_prefix(attached))
        if not form.is_valid():
            return self.render_page(
                request, status=400, decision_form=form, decision_for=attached.uuid
            )
        services.besluit_vastleggen(actor=self.actor, attached=attached, data=form.cleaned_data)
        messages.success(request, _("The decision has been recorded."))
        return redirect("legal:plan", uuid=uuid)


class DetachView(AttachedMixin, PlatformView):
    def post(self, request, uuid, attached_uuid):
        attached = self.attached_or_404(attached_uuid)
        try:
            services.bepaling_verwijderen(actor=self.actor, attached=attached)
        except NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The provision has been removed."))
        return redirect("legal:plan", uuid=uuid)


class KnelpuntCreateView(LegalMixin, PlatformView):
    change = True

    def post(self, request, uuid):
        form = KnelpuntForm(
            request.POST, prefix="knelpunt", provisions=selectors.current_provisions()
        )
        if not form.is_valid():
            return self.render_page(request, status=400, knelpunt_form=form)
        services.knelpunt_vastleggen(actor=self.actor, plan=self.plan, data=form.cleaned_data)
        messages.success(request, _("The knelpunt has been recorded."))
        return redirect("legal:plan", uuid=uuid)


class CatalogueView(PlatformView):
    permission = "legal.view_catalogue"

    def get(self, request):
        domain = request.GET.get("leefgebied", "")
        law = request.GET.get("wet", "")
        kind = request.GET.get("soort", "")
        query = request.GET.get("zoek", "")[:100]
        everything = list(selectors.current_provisions())
        return TemplateResponse(
            request,
            "legal/catalogue.html",
            {
                "catalogue": selectors.current_catalogue(),
                "provisions": selectors.catalogue_filtered(
                    domain=domain, law=law, kind=kind, query=query
                ),
                "laws": sorted({p.law for p in everything}),
                "domains": zrm.DOMAINS_2017,
                "kinds": Kind.choices,
                "chosen": {"domain": domain, "law": law, "kind": kind, "query": query},
                "domain_labels": dict(zrm.DOMAINS_2017),
            },
        )
