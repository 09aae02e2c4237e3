"""The rekensom of a plan (with a live preview), the catalogue, local amounts, programme totals."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import log_processing
from doorbraak.core.models import OrganisationType
from doorbraak.core.views_base import PlatformView
from doorbraak.plans.services import ACTIVITY, NotAllowed
from doorbraak.plans.views import PlanMixin

from . import engine, selectors, services
from .forms import (
    SCENARIO_PREFIX,
    LineFormSet,
    LocalAmountForm,
    SettingsForm,
    engine_problem_message,
    initial_lines,
    plain,
)
from .models import Payer, Scenario
from .summary import result_context


class RekensomMixin(PlanMixin):
    def setup_rekensom(self):
        self.rekensom = selectors.rekensom_of(self.plan)
        if self.rekensom is None:
            raise Http404

    @property
    def editable(self) -> bool:
        return self.access.can_change and self.plan.is_editable

    def formsets(self, data=None, settings_data=None):
        rekensom = self.rekensom
        items = selectors.catalogue_items(
            rekensom.catalogue, special_categories=self.access.special_categories
        )
        periods = rekensom.periods
        if data is not None and settings_data is not None and settings_data.is_valid():
            periods = (
                settings_data.settings().years
                * engine.PERIODS_PER_YEAR[settings_data.settings().granularity]
            )
        return {
            scenario: LineFormSet(
                data,
                prefix=SCENARIO_PREFIX[scenario],
                items=items,
                periods=periods,
                initial=None if data is not None else initial_lines(rekensom, scenario),
            )
            for scenario in (Scenario.ZONDER, Scenario.MET)
        }

    def settings_form(self, data=None):
        rekensom = self.rekensom
        return SettingsForm(
            data,
            initial={
                "version": rekensom.version,
                "years": rekensom.years,
                "granularity": rekensom.granularity,
                "discount_percent": plain(rekensom.discount_rate * 100),
                "starts_on": rekensom.starts_on,
            },
        )

    def entered(self, settings_form, formsets):
        """(settings, lines, errors) of a bound form: errors as Dutch sentences with place."""
        errors = []
        valid = settings_form.is_valid()
        for scenario, formset in formsets.items():
            if not formset.is_valid():
                valid = False
                for n, form in enumerate(formset.forms, start=1):
                    for field, field_errors in form.errors.items():
                        label = form.fields[field].label if field in form.fields else ""
                        for error in field_errors:
                            errors.append(
                                _("%(scenario)s, line %(n)s, %(field)s: %(error)s")
                                % {
                                    "scenario": Scenario(scenario).label,
                                    "n": n,
                                    "field": label,
                                    "error": error,
                                }
                            )
        if not valid:
            return None, None, errors
        lines = [
            form.line(scenario)
            for scenario, formset in formsets.items()
            for form in formset.forms
            if form.cleaned_data and form.is_line
        ]
        return settings_form.settings(), lines, errors

    def render_page(
        self, request, *, settings_form=None, formsets=None, result=None, status=200, errors=None
    ):
        if result is None:
            result = services.result_of(self.rekensom)
        context = {
            "plan": self.plan,
            "household": self.plan.household,
            "access": self.access,
            "rekensom": self.rekensom,
            "editable": self.editable,
            "settings_form": settings_form or self.settings_form(),
            "formsets": formsets or self.formsets(),
            "lines": self.rekensom.lines.select_related("item"),
            "errors": errors or [],
            **result_context(result),
        }
        return TemplateResponse(request, "rekensom/rekensom.html", context, status=status)


class RekensomView(RekensomMixin, PlatformView):
    def get(self, request, uuid):
        self.setup_rekensom()
        log_processing(self.actor, ACTIVITY, LogAction.READ, self.plan, detail="rekensom")
        return self.render_page(request)

    def post(self, request, uuid):
        self.setup_rekensom()
        if not self.access.can_change:
            raise PermissionDenied
        settings_form = self.settings_form(request.POST)
        formsets = self.formsets(request.POST, settings_form)
        settings, lines, errors = self.entered(settings_form, formsets)
        if settings is None:
            return self.render_page(
                request, settings_form=settings_form, formsets=formsets, status=400, errors=errors
            )
        try:
            services.rekensom_opslaan(
                actor=self.actor,
                rekensom=self.rekensom,
                version=settings_form.cleaned_data["version"],
                settings=settings,
                lines=lines,
            )
        except engine.InvalidRekensom as invalid:
            errors = [engine_problem_message(w, c) for w, c in invalid.problems]
            return self.render_page(
                request, settings_form=settings_form, formsets=formsets, status=400, errors=errors
            )
        except services.ConcurrentEdit as conflict:
            self.rekensom = conflict.current
            messages.error(
                request,
                _(
                    "Someone else saved this rekensom while you were editing it. Your lines are "
                    "kept below; check them against the saved figures and save again."
                ),
            )
            data = request.POST.copy()
            data["version"] = conflict.current.version
            settings_form = self.settings_form(data)
            return self.render_page(
                request,
                settings_form=settings_form,
                formsets=self.formsets(data, settings_form),
                status=409,
            )
        except NotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("rekensom:plan", uuid=uuid)
        messages.success(request, _("The rekensom has been saved."))
        return redirect("rekensom:plan", uuid=uuid)


class RekensomCreateView(RekensomMixin, PlatformView):
    change = True

    def post(self, request, uuid):
        try:
            services.rekensom_aanmaken(actor=self.actor, plan=self.plan)
        except NotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("plans:detail", uuid=uuid)
        return redirect("rekensom:plan", uuid=uuid)


class RekensomPreviewView(RekensomMixin, PlatformView):
    """htmx: the figures for the lines as typed, not saved. Reads nothing personal."""

    change = True

    def post(self, request, uuid):
        self.setup_rekensom()
        settings_form = self.settings_form(request.POST)
        formsets = self.formsets(request.POST, settings_form)
        settings, lines, errors = self.entered(settings_form, formsets)
        context = {"errors": errors, "preview": True}
        if settings is not None:
            try:
                result = services.preview(self.rekensom, settings, lines)
            except engine.InvalidRekensom as invalid:
                context["errors"] = [engine_problem_message(w, c) for w, c in invalid.problems]
            else:
                context.update(result_context(result))
        return TemplateResponse(request, "rekensom/_result.html", context)


class CatalogueView(PlatformView):
    permission = "rekensom.view_catalogue"

    def get(self, request):
        catalogue = selectors.current_catalogue()
        if catalogue is None:
            raise Http404
        local = services.local_amounts(self.actor.organisation)
        items = list(selectors.catalogue_items(catalogue))
        can_override = self._can_override()
        return TemplateResponse(
            request,
            "rekensom/catalogue.html",
            {
                "catalogue": catalogue,
                "rows": [(item, local.get(item.code)) for item in items],
                "payer_labels": dict(Payer.choices),
                "can_override": can_override,
                "versions": selectors.catalogue_versions(),
            },
        )

    def _can_override(self) -> bool:
        from doorbraak.core.permissions import can

        return (
            can(self.actor, "rekensom.manage_local_amounts")
            and self.actor.organisation.type == OrganisationType.GEMEENTE
        )


class LocalAmountView(PlatformView):
    permission = "rekensom.manage_local_amounts"

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and getattr(request.actor, "organisation", None) is not None
            and request.actor.organisation.type != OrganisationType.GEMEENTE
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _item(self, code):
        item = selectors.current_item(code)
        if item is None:
            raise Http404
        return item

    def get(self, request, code):
        item = self._item(code)
        local = services.local_amounts(self.actor.organisation).get(code)
        form = LocalAmountForm(instance=local, initial={"price_year": item.price_year})
        return self._render(request, item, form, local)

    def post(self, request, code):
        item = self._item(code)
        local = services.local_amounts(self.actor.organisation).get(code)
        if request.POST.get("verwijderen"):
            services.lokaal_bedrag_verwijderen(actor=self.actor, code=code)
            messages.success(request, _("The local amount has been removed."))
            return redirect("rekensom:catalogue")
        form = LocalAmountForm(request.POST, instance=local)
        if not form.is_valid():
            return self._render(request, item, form, local, status=400)
        data = {f: form.cleaned_data[f] for f in LocalAmountForm.Meta.fields}
        services.lokaal_bedrag_opslaan(actor=self.actor, code=code, data=data)
        messages.success(request, _("The local amount has been saved."))
        return redirect("rekensom:catalogue")

    def _render(self, request, item, form, local, status=200):
        return TemplateResponse(
            request,
            "rekensom/local_amount.html",
            {"item": item, "form": form, "local": local, "payer_labels": dict(Payer.choices)},
            status=status,
        )


class ProgrammeTotalsView(PlatformView):
    permission = "rekensom.view_programme_totals"

    def get(self, request):
        organisation = self.actor.organisation
        scoped = organisation.type == OrganisationType.GEMEENTE
        rows = selectors.programme_totals(organisation=organisation if scoped else None)
        return TemplateResponse(
            request,
            "rekensom/programme.html",
            {"rows": rows, "scoped": scoped, "payer_labels": dict(Payer.choices)},
        )
