from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.core.forms import Form
from doorbraak.core.models import Organisation, User
from doorbraak.households import zrm

from .models import ActionStatus


class VersionedForm(Form):
    """Carries the plan version the form was opened on, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class DoorbraakForm(VersionedForm):
    blocking_domains = forms.MultipleChoiceField(
        label=_("Blocked life domains"),
        choices=zrm.DOMAINS_2017,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    blocking_problem = forms.CharField(
        label=_("The blocking problem"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The one obstacle that keeps the other problems from being solved."),
    )
    blocking_party = forms.CharField(
        label=_("Organisation or rule that blocks"),
        required=False,
        max_length=300,
    )
    breakthrough = forms.CharField(
        label=_("The proposed doorbraak"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What has to happen, and who can do it."),
    )
    why_it_unlocks = forms.CharField(
        label=_("Why this unlocks the rest"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GoalForm(VersionedForm):
    domain = forms.ChoiceField(
        label=_("Life domain"), choices=[("", "—")] + zrm.DOMAINS_2017, required=False
    )
    description = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(VersionedForm):
    what = forms.CharField(label=_("What"), max_length=300)
    goal = forms.ChoiceField(label=_("For goal"), required=False)
    owner_user = forms.ModelChoiceField(
        label=_("Owner: a person"),
        required=False,
        queryset=User.objects.none(),
        to_field_name="uuid",
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner: an organisation"),
        required=False,
        queryset=Organisation.objects.filter(active=True),
        to_field_name="uuid",
    )
    owner_text = forms.CharField(
        label=_("Owner: someone else"),
        required=False,
        max_length=200,
        help_text=_("For example: the resident, or a volunteer."),
    )
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["goal"].choices = [("", "—")] + [
            (str(g.uuid), g.description[:80]) for g in plan.goals.all()
        ]
        self.fields["owner_user"].queryset = (
            User.objects.filter(
                memberships__organisation=plan.household.organisation,
                memberships__active=True,
            )
            .distinct()
            .order_by("last_name")
        )

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date lies in the past."))
        return due

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("owner_user")
            or cleaned.get("owner_organisation")
            or cleaned.get("owner_text")
        ):
            self.add_error(
                "owner_user", _("Name an owner: a person, an organisation or someone else.")
            )
        return cleaned

    def action_data(self) -> dict:
        data = {
            k: self.cleaned_data[k]
            for k in ("what", "owner_user", "owner_organisation", "owner_text", "due_on")
        }
        data["goal"] = (
            self.plan.goals.filter(uuid=self.cleaned_data["goal"]).first()
            if self.cleaned_data["goal"]
            else None
        )
        return data


class ActionStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class TransitionForm(VersionedForm):
    target = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvaluationForm(Form):
    planned_on = forms.DateField(
        label=_("Evaluation on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class EvaluationRecordForm(Form):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    assessment = forms.ChoiceField(
        label=_("New ZRM"),
        required=False,
        help_text=_("Record a new ZRM first on the household page; then choose it here."),
    )
    notes = forms.CharField(
        label=_("What came out of it"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["assessment"].choices = [("", "—")] + [
            (str(a.uuid), a.assessed_on.strftime("%d-%m-%Y"))
            for a in plan.household.assessments.order_by("-assessed_on")[:20]
        ]

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("An evaluation that was held cannot lie in the future."))
        return held_on

    def chosen_assessment(self):
        chosen = self.cleaned_data.get("assessment")
        return self.plan.household.assessments.filter(uuid=chosen).first() if chosen else None
