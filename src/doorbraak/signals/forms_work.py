"""Forms of the vroegsignalering work. Labels in English (translated); DDAS terms in Dutch."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.core.forms import Form, ModelForm
from doorbraak.core.models import Team

from . import priority
from .codes import HELP_OUTCOMES, Eindresultaat, Signaalpartner
from .models import ContactAttempt, Noodstop, SignalSettings
from .services_work import DEFAULT_ACCEPTED_OUTCOME

YES_NO = [("1", _("Yes")), ("0", _("No"))]
PARAMETER_LABELS = {
    "min_days": _("minimum days in arrears"),
    "max_days": _("maximum days in arrears"),
    "max_months": _("maximum months in arrears"),
}


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))


class ContactAttemptForm(ModelForm):
    prefix = "contact"
    bereikt = forms.TypedChoiceField(
        label=_("Resident reached?"),
        choices=YES_NO,
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ContactAttempt
        fields = ["soort", "bereikt", "datum", "dagdeel", "note"]
        widgets = {"datum": forms.DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"note": _("Do not write a BSN or medical details here.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()
        self.fields["datum"].validators.append(_not_in_future)


class OfferForm(Form):
    prefix = "aanbod"
    on = forms.DateField(label=_("Offer made on"), validators=[_not_in_future])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class AcceptForm(Form):
    """Aanbod aanvaard: opens a household file in a team of the gemeente."""

    prefix = "aanvaard"
    team = forms.ModelChoiceField(label=_("Team that takes on the household"), queryset=None)
    voornamen = forms.CharField(label=_("First names"), max_length=200)
    tussenvoegsel = forms.CharField(label=_("Prefix"), max_length=20, required=False)
    achternaam = forms.CharField(label=_("Surname"), max_length=200)
    geboortedatum = forms.DateField(
        label=_("Date of birth"), required=False, validators=[_not_in_future]
    )
    telefoon = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    take_bsn = forms.BooleanField(
        label=_("Take the BSN of the signal over into the household file"), required=False
    )
    outcome = forms.ChoiceField(label=_("Outcome of the case"))

    def __init__(self, *args, case=None, signals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=case.organisation)
        self.fields["outcome"].choices = [
            (value, label) for value, label in Eindresultaat.choices if value in HELP_OUTCOMES
        ]
        self.fields["outcome"].initial = DEFAULT_ACCEPTED_OUTCOME
        first = next((s for s in signals if s.achternaam), None)
        if first is not None:
            self.fields["voornamen"].initial = first.voorletters
            self.fields["tussenvoegsel"].initial = first.voorvoegsel[:20]
            self.fields["achternaam"].initial = first.achternaam
            self.fields["geboortedatum"].initial = first.geboortedatum
            self.fields["telefoon"].initial = first.telefoon
            self.fields["email"].initial = first.email
        has_bsn = any(s.bsn_encrypted for s in signals)
        self.fields["take_bsn"].initial = has_bsn
        if not has_bsn:
            del self.fields["take_bsn"]

    def applicant(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("voornamen", "tussenvoegsel", "achternaam", "geboortedatum")
        } | {"telefoon": data["telefoon"], "email": data["email"]}


class CloseForm(Form):
    prefix = "afsluiten"
    outcome = forms.ChoiceField(
        label=_("Outcome (DDAS Eindresultaat)"),
        choices=[("", "—"), *Eindresultaat.choices],
        help_text=_("The creditor only learns whether the signal was taken up, never the outcome."),
    )


class SettingsForm(ModelForm):
    """The gemeente's rules, the deadline per signal type, the priority weights and the legal
    checks, in one form."""

    class Meta:
        model = SignalSettings
        fields = [
            "matching_period_days",
            "repeat_window_days",
            "retention_days_no_help",
            "deadline_days",
            "crisis_deadline_days",
            "reminder_days_before",
        ]

    def __init__(self, *args, check_rules=(), **kwargs):
        super().__init__(*args, **kwargs)
        settings = self.instance
        for partner, label in Signaalpartner.choices:
            self.fields[f"type_{partner}"] = forms.IntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=366,
                initial=(settings.deadline_per_type or {}).get(partner),
            )
        weights = priority.weights_for(settings.priority_weights)
        for key, label in priority.WEIGHT_LABELS.items():
            self.fields[f"weight_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=priority.MAX_WEIGHT, initial=weights[key]
            )
        self.check_codes = []
        for default, own in check_rules:
            rule = own or default
            self.check_codes.append(default.code)
            self.fields[f"check_{default.code}_active"] = forms.BooleanField(
                label=_("Check “%(code)s” is on") % {"code": default.code},
                required=False,
                initial=rule.active,
            )
            for name, value in sorted((default.parameters or {}).items()):
                self.fields[f"check_{default.code}_{name}"] = forms.IntegerField(
                    label=f"{default.code}: {PARAMETER_LABELS.get(name, name)}",
                    min_value=0,
                    max_value=3660,
                    initial=(rule.parameters or {}).get(name, value),
                )
        self.check_defaults = {d.code: d for d, _own in check_rules}
        # Widgets of fields added here get the NLDS classes too.
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault(
                    "class", "utrecht-checkbox utrecht-checkbox--html-input"
                )
            else:
                field.widget.attrs.setdefault(
                    "class", "utrecht-textbox utrecht-textbox--html-input"
                )

    def type_fields(self):
        return [self[f"type_{p}"] for p in Signaalpartner.values]

    def weight_fields(self):
        return [self[f"weight_{k}"] for k in priority.WEIGHT_LABELS]

    def check_field_groups(self):
        return [
            (code, [self[name] for name in self.fields if name.startswith(f"check_{code}_")])
            for code in self.check_codes
        ]

    def clean(self):
        data = super().clean()
        if (
            data.get("crisis_deadline_days")
            and data.get("deadline_days")
            and data["crisis_deadline_days"] > data["deadline_days"]
        ):
            self.add_error(
                "crisis_deadline_days",
                _("The term for a crisis signal cannot be longer than the normal term."),
            )
        low = data.get("check_termijn-30-100_min_days")
        high = data.get("check_termijn-30-100_max_days")
        if low is not None and high is not None and low >= high:
            self.add_error(
                "check_termijn-30-100_max_days",
                _("The maximum number of days must be larger than the minimum."),
            )
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields}
        values["deadline_per_type"] = {
            p: data[f"type_{p}"] for p in Signaalpartner.values if data.get(f"type_{p}")
        }
        values["priority_weights"] = {
            k: data[f"weight_{k}"]
            for k in priority.WEIGHT_LABELS
            if data[f"weight_{k}"] != priority.DEFAULT_WEIGHTS[k]
        }
        return values

    def checks(self) -> dict:
        data = self.cleaned_data
        result = {}
        for code in self.check_codes:
            params = {
                name: data[f"check_{code}_{name}"]
                for name in sorted(self.check_defaults[code].parameters or {})
            }
            result[code] = (data[f"check_{code}_active"], params)
        return result


class NoodstopForm(ModelForm):
    class Meta:
        model = Noodstop
        fields = ["requested_on", "reference", "debt_help_started_on", "note"]
        widgets = {
            "requested_on": forms.DateInput(),
            "debt_help_started_on": forms.DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reference": _("The reference the CJIB gave the noodstop request."),
            "debt_help_started_on": _(
                "When debt help starts within four months of the request, the noodstop is "
                "extended by eight months."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_on"].validators.append(_not_in_future)
        self.fields["requested_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        start, requested = data.get("debt_help_started_on"), data.get("requested_on")
        if start and requested and start > timezone.localdate():
            self.add_error("debt_help_started_on", _("The date cannot be in the future."))
        return data


class NoodstopUpdateForm(ModelForm):
    prefix = "bijwerken"

    class Meta:
        model = Noodstop
        fields = ["debt_help_started_on", "ended_on"]
        widgets = {"debt_help_started_on": forms.DateInput(), "ended_on": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].validators.append(_not_in_future)

    def clean(self):
        data = super().clean()
        ended = data.get("ended_on")
        if ended and ended < self.instance.requested_on:
            self.add_error("ended_on", _("A noodstop cannot end before it was requested."))
        return data
