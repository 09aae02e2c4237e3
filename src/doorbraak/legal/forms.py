from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.core.bsn import contains_bsn_like
from doorbraak.core.forms import Form, ModelForm
from doorbraak.escalation.models import Knelpunt

from .models import Decision, Provision


class ProvisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        mark = "" if obj.verification == "geverifieerd" else " ⚠"
        return f"{obj.citation} — {obj.title}{mark}"


def grouped_choices(provisions):
    """Options grouped by law, in catalogue order, for a select with optgroups."""
    groups: dict[str, list] = {}
    for p in provisions:
        mark = "" if p.verification == "geverifieerd" else " ⚠"
        groups.setdefault(p.law, []).append((p.pk, f"{p.citation} — {p.title}{mark}"))
    return [("", _("— choose a provision —"))] + list(groups.items())


class AttachForm(Form):
    provision = ProvisionChoiceField(label=_("Provision"), queryset=Provision.objects.none())
    argument = forms.CharField(
        label=_("Why this provision gives room here"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Link the provision to this household's situation and the doorbraak."),
    )

    def __init__(self, *args, provisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = provisions if provisions is not None else Provision.objects.none()
        self.fields["provision"].queryset = queryset
        self.fields["provision"].choices = grouped_choices(queryset)


class DecisionForm(Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    decided_by = forms.CharField(
        label=_("Decided by (name and function)"), max_length=200, required=False
    )
    decided_for = forms.CharField(
        label=_("On behalf of"),
        max_length=200,
        required=False,
        help_text=_("The body with the power, e.g. college van B&W, UWV, CJIB."),
    )
    mandate = forms.CharField(
        label=_("Mandate"),
        max_length=300,
        required=False,
        help_text=_(
            "The mandate or delegation decision, e.g. Mandaatbesluit sociaal domein 2025, art. 4."
        ),
    )
    decided_on = forms.DateField(label=_("Decided on"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") and data["decision"] != Decision.OPEN:
            for field in ("decided_by", "decided_for", "mandate", "decided_on"):
                if not data.get(field):
                    self.add_error(field, _("Needed to record a decision."))
        return data


class KnelpuntForm(ModelForm):
    class Meta:
        model = Knelpunt
        fields = ["law", "article", "provision", "kind", "blocking_organisation", "what_blocks"]
        widgets = {"what_blocks": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, provisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = provisions if provisions is not None else Provision.objects.none()
        self.fields["provision"].queryset = queryset
        self.fields["provision"].required = False
        self.fields["provision"].choices = [("", _("— none —"))] + grouped_choices(queryset)[1:]
        # The model's help text speaks to the loket that classifies later; here it is optional.
        self.fields["kind"].help_text = ""

    def clean_what_blocks(self):
        text = self.cleaned_data["what_blocks"]
        if contains_bsn_like(text):
            raise forms.ValidationError(
                _("This looks like a BSN. Describe the rule and its effect, not the person.")
            )
        return text
