from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.views_base import PlatformView

from . import rules_big5, selectors, services
from .forms import CloseForm, DomainForm, ToekomstplanForm
from .models import Big5Domain


def _domain_names(codes) -> str:
    return ", ".join(str(Big5Domain(code).label) for code in codes)


def _refusal_message(refused: services.NotAllowed) -> str:
    domains = _domain_names(refused.not_arranged)
    if refused.code == rules_big5.NOT_ARRANGED:
        return _(
            "The trajectory cannot be closed yet: not arranged: %(domains)s. We only let go of "
            "the young person when the Big 5 are arranged; a team leader can close it earlier "
            "with a recorded reason."
        ) % {"domains": domains}
    if refused.code == rules_big5.REASON_REQUIRED:
        return _(
            "Not every domain is arranged (%(domains)s): record the reason for closing the "
            "trajectory now."
        ) % {"domains": domains}
    if refused.code == "closed":
        return _("This transition plan has been closed; it can no longer be changed.")
    if refused.code == "exists":
        return _("This young person already has a transition plan.")
    return _("This is not possible.")


class YoungPeopleView(PlatformView):
    permission = "youth.view_list"

    def get(self, request):
        rows = selectors.young_people_for(self.actor)
        services.lijst_inzien(actor=self.actor, people=[row.person for row in rows])
        return TemplateResponse(request, "youth/list.html", {"rows": rows})


class YoungPersonMixin:
    """Looks the young person up through the selector: 404 for anything the actor may not open;
    changes only through the household's own team."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and getattr(request.actor, "membership", None):
            self.found = selectors.young_person_access(request.actor, kwargs["person_uuid"])
            if self.found is None:
                raise Http404
            if request.method == "POST" and not self.found.can_change:
                raise PermissionDenied
            self.person = self.found.person
            self.plan = self.found.plan
        return super().dispatch(request, *args, **kwargs)

    def redirect_to_plan(self):
        return redirect("youth:plan", person_uuid=self.person.uuid)


class PlanView(YoungPersonMixin, PlatformView):
    def _forms(self, data=None):
        household = self.found.household
        domains = {d.domain: d for d in self.plan.domains.all()} if self.plan else {}
        domain_forms = []
        for code, label in Big5Domain.choices:
            row = domains.get(code)
            initial = (
                {
                    "status": row.status,
                    "note": row.note,
                    "responsible_user": row.responsible_user.uuid
                    if row.responsible_user_id
                    else None,
                    "responsible_text": row.responsible_text,
                    "date": row.date,
                }
                if row
                else {"status": rules_big5.NIET_GEREGELD}
            )
            form = DomainForm(
                data,
                prefix=code,
                initial=initial,
                household=household,
                current_user_id=row.responsible_user_id if row else None,
            )
            domain_forms.append((code, label, row, form))
        toekomstplan_form = ToekomstplanForm(
            data, initial={"toekomstplan": self.plan.toekomstplan if self.plan else ""}
        )
        return toekomstplan_form, domain_forms

    def _render(self, request, toekomstplan_form, domain_forms, status=200):
        born = self.person.geboortedatum
        turns_18_on = rules_big5.eighteenth_birthday(born) if born else None
        statuses = self.plan.statuses() if self.plan else {}
        return TemplateResponse(
            request,
            "youth/plan.html",
            {
                "person": self.person,
                "household": self.found.household,
                "plan": self.plan,
                "can_change": self.found.can_change,
                "turns_18_on": turns_18_on,
                "today": timezone.localdate(),
                "arranged": rules_big5.arranged_count(statuses),
                "total": len(rules_big5.DOMAINS),
                "not_arranged": _domain_names(rules_big5.not_arranged(statuses)),
                "toekomstplan_form": toekomstplan_form,
                "domain_forms": domain_forms,
                "close_form": CloseForm(reason_required=bool(rules_big5.not_arranged(statuses))),
                "is_teamleider": self.actor.role == rules_big5.TEAMLEIDER,
            },
            status=status,
        )

    def get(self, request, person_uuid):
        services.plan_inzien(actor=self.actor, person=self.person, plan=self.plan)
        return self._render(request, *self._forms())

    def post(self, request, person_uuid):
        if self.plan is None:
            try:
                services.plan_starten(actor=self.actor, person=self.person)
            except services.NotAllowed as refused:
                messages.error(request, _refusal_message(refused))
            else:
                messages.success(request, _("The transition plan has been started."))
            return self.redirect_to_plan()
        if not self.plan.is_open:
            messages.error(request, _refusal_message(services.NotAllowed("closed")))
            return self.redirect_to_plan()
        toekomstplan_form, domain_forms = self._forms(request.POST)
        forms_ = [toekomstplan_form] + [form for _c, _l, _r, form in domain_forms]
        if all(form.is_valid() for form in forms_):
            try:
                services.plan_opslaan(
                    actor=self.actor,
                    plan=self.plan,
                    toekomstplan=toekomstplan_form.cleaned_data["toekomstplan"],
                    domains={code: form.cleaned_data for code, _l, _r, form in domain_forms},
                )
            except services.NotAllowed as refused:
                messages.error(request, _refusal_message(refused))
            else:
                messages.success(request, _("The Big 5 have been saved."))
            return self.redirect_to_plan()
        return self._render(request, toekomstplan_form, domain_forms, status=400)


class CloseView(YoungPersonMixin, PlatformView):
    def post(self, request, person_uuid):
        if self.plan is None:
            raise Http404
        form = CloseForm(request.POST)
        form.is_valid()  # the reason is free text; the Big 5 rule decides whether it is needed
        try:
            services.plan_afsluiten(
                actor=self.actor, plan=self.plan, reason=form.cleaned_data.get("reason", "")
            )
        except services.NotAllowed as refused:
            messages.error(request, _refusal_message(refused))
        else:
            messages.success(request, _("The trajectory has been closed."))
        return self.redirect_to_plan()
