from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import log_processing
from doorbraak.core.views_base import PlatformView
from doorbraak.households import zrm
from doorbraak.households.selectors import household_access

from . import selectors, services, workflow
from .forms import (
    ActionForm,
    ActionStatusForm,
    DoorbraakForm,
    EvaluationForm,
    EvaluationRecordForm,
    GoalForm,
    TransitionForm,
)
from .models import PlanStatus


class PlanCreateView(PlatformView):
    def post(self, request, uuid):
        access = household_access(self.actor, uuid)
        if access is None:
            raise Http404
        if not access.can_change:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        try:
            plan = services.plan_aanmaken(actor=self.actor, household=access.household)
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("households:detail", uuid=uuid)
        return redirect("plans:detail", uuid=plan.uuid)


class PlanMixin:
    change = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and getattr(request.actor, "membership", None):
            found = selectors.plan_access(request.actor, kwargs["uuid"])
            if found is None:
                raise Http404
            self.plan, self.access = found
            if self.change and not self.access.can_change:
                from django.core.exceptions import PermissionDenied

                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render_plan(self, request, status=200, **forms):
        plan = selectors.plan_detail(self.plan)
        context = {
            "plan": plan,
            "household": plan.household,
            "access": self.access,
            "doorbraak_form": forms.get("doorbraak_form")
            or DoorbraakForm(
                initial={
                    "version": plan.version,
                    "blocking_domains": plan.blocking_domains,
                    "blocking_problem": plan.blocking_problem,
                    "blocking_party": plan.blocking_party,
                    "breakthrough": plan.breakthrough,
                    "why_it_unlocks": plan.why_it_unlocks,
                }
            ),
            "goal_form": forms.get("goal_form") or GoalForm(initial={"version": plan.version}),
            "action_form": forms.get("action_form")
            or ActionForm(plan=plan, initial={"version": plan.version}),
            "evaluation_form": EvaluationForm(),
            "evaluations": [
                (
                    e,
                    forms.get("record_form")
                    if forms.get("record_for") == e.uuid
                    else EvaluationRecordForm(plan=plan, prefix=_prefix(e)),
                )
                for e in plan.evaluations.all()
            ],
            "steps": [
                (step.target, PlanStatus(step.target).label)
                for step in workflow.allowed_steps(plan.status, self.actor.role)
            ]
            if self.access.can_change
            else [],
            "status_labels": dict(PlanStatus.choices),
            "domain_labels": dict(zrm.DOMAINS_2017),
            "conflict": forms.get("conflict"),
            "action_statuses": ActionStatusForm.base_fields["status"].choices,
            "rekensom": _rekensom_of(plan),
            "legal_count": plan.provisions.count(),
            "knelpunt_count": plan.knelpunten.count(),
            "loket_count": plan.loket_cases.count(),
            "contact_count": plan.contact_requests.count(),
        }
        return TemplateResponse(request, "plans/detail.html", context, status=status)


def _rekensom_of(plan):
    from doorbraak.rekensom.selectors import rekensom_of

    return rekensom_of(plan)


class PlanDetailView(PlanMixin, PlatformView):
    def get(self, request, uuid):
        log_processing(self.actor, services.ACTIVITY, LogAction.READ, self.plan)
        return self.render_plan(request)


def _conflict_message():
    return _(
        "Someone else saved this plan while you were editing it. Your text is kept below; "
        "compare it with the current version and save again."
    )


class DoorbraakView(PlanMixin, PlatformView):
    change = True

    def post(self, request, uuid):
        form = DoorbraakForm(request.POST)
        if not form.is_valid():
            return self.render_plan(request, status=400, doorbraak_form=form)
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.doorbraak_opslaan(actor=self.actor, plan=self.plan, version=version, data=data)
        except services.ConcurrentEdit as conflict:
            bound = DoorbraakForm(
                initial={**request.POST.dict(), "version": conflict.current.version},
                data={
                    **request.POST.dict(),
                    "version": conflict.current.version,
                    "blocking_domains": request.POST.getlist("blocking_domains"),
                },
            )
            self.plan = conflict.current
            messages.error(request, _conflict_message())
            return self.render_plan(request, status=409, doorbraak_form=bound, conflict=True)
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The doorbraak has been saved."))
        return redirect("plans:detail", uuid=uuid)


class GoalCreateView(PlanMixin, PlatformView):
    change = True

    def post(self, request, uuid):
        form = GoalForm(request.POST)
        if not form.is_valid():
            return self.render_plan(request, status=400, goal_form=form)
        try:
            services.doel_toevoegen(
                actor=self.actor,
                plan=self.plan,
                version=form.cleaned_data["version"],
                domain=form.cleaned_data["domain"],
                description=form.cleaned_data["description"],
            )
        except services.ConcurrentEdit as conflict:
            self.plan = conflict.current
            messages.error(request, _conflict_message())
            data = {**request.POST.dict(), "version": conflict.current.version}
            return self.render_plan(
                request, status=409, goal_form=GoalForm(data=data), conflict=True
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The goal has been added."))
        return redirect("plans:detail", uuid=uuid)


class ActionCreateView(PlanMixin, PlatformView):
    change = True

    def post(self, request, uuid):
        form = ActionForm(request.POST, plan=self.plan)
        if not form.is_valid():
            return self.render_plan(request, status=400, action_form=form)
        try:
            services.actie_toevoegen(
                actor=self.actor,
                plan=self.plan,
                version=form.cleaned_data["version"],
                data=form.action_data(),
            )
        except services.ConcurrentEdit as conflict:
            self.plan = conflict.current
            messages.error(request, _conflict_message())
            data = {**request.POST.dict(), "version": conflict.current.version}
            return self.render_plan(
                request,
                status=409,
                action_form=ActionForm(data=data, plan=self.plan),
                conflict=True,
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The action has been added."))
        return redirect("plans:detail", uuid=uuid)


class ActionStatusView(PlanMixin, PlatformView):
    change = True

    def post(self, request, uuid, action_uuid):
        action = self.plan.actions.filter(uuid=action_uuid).first()
        if action is None:
            raise Http404
        form = ActionStatusForm(request.POST)
        if form.is_valid():
            services.actie_status(
                actor=self.actor, action=action, status=form.cleaned_data["status"]
            )
            messages.success(request, _("The action's status has been changed."))
        else:
            messages.error(request, _("Choose a valid status."))
        return redirect("plans:detail", uuid=uuid)


class TransitionView(PlanMixin, PlatformView):
    change = True

    def post(self, request, uuid):
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The step could not be read; reload the page and try again."))
            return redirect("plans:detail", uuid=uuid)
        try:
            plan = services.status_wijzigen(
                actor=self.actor,
                plan=self.plan,
                version=form.cleaned_data["version"],
                target=form.cleaned_data["target"],
                note=form.cleaned_data["note"],
            )
        except services.ConcurrentEdit:
            messages.error(
                request, _("The plan was changed meanwhile. Check it and take the step again.")
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, _("The plan is now: %(status)s.") % {"status": plan.get_status_display()}
            )
        return redirect("plans:detail", uuid=uuid)


class EvaluationCreateView(PlanMixin, PlatformView):
    change = True

    def post(self, request, uuid):
        form = EvaluationForm(request.POST)
        if form.is_valid():
            services.evaluatie_plannen(
                actor=self.actor, plan=self.plan, planned_on=form.cleaned_data["planned_on"]
            )
            messages.success(request, _("The evaluation has been planned."))
        else:
            messages.error(request, _("Enter a valid date for the evaluation."))
        return redirect("plans:detail", uuid=uuid)


def _prefix(evaluation) -> str:
    """One form per evaluation on the page: a prefix keeps their field ids apart."""
    return f"ev-{evaluation.uuid.hex[:8]}"


class EvaluationRecordView(PlanMixin, PlatformView):
    change = True

    def post(self, request, uuid, evaluation_uuid):
        evaluation = self.plan.evaluations.filter(uuid=evaluation_uuid).first()
        if evaluation is None:
            raise Http404
        form = EvaluationRecordForm(request.POST, plan=self.plan, prefix=_prefix(evaluation))
        if not form.is_valid():
            return self.render_plan(
                request, status=400, record_form=form, record_for=evaluation.uuid
            )
        services.evaluatie_vastleggen(
            actor=self.actor,
            evaluation=evaluation,
            held_on=form.cleaned_data["held_on"],
            assessment=form.chosen_assessment(),
            notes=form.cleaned_data["notes"],
        )
        messages.success(request, _("The evaluation has been recorded."))
        return redirect("plans:detail", uuid=uuid)
