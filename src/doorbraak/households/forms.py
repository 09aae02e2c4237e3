from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.core import bsn as bsn_rules
from doorbraak.core.forms import Form, ModelForm
from doorbraak.core.models import Organisation, Team, User

from . import zrm
from .models import Household, Person, ProcessingGround


def _clean_postcode(value: str) -> str:
    value = (value or "").upper().replace(" ", "")
    return f"{value[:4]} {value[4:]}" if len(value) == 6 else value


class BsnField(forms.CharField):
    """A BSN typed by a person: spaces and dots allowed, checked with the elfproef."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("BSN"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 11)
        kwargs.setdefault(
            "help_text",
            _("Optional. Nine digits; checked with the elfproef. Never shown in full in lists."),
        )
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        digits = bsn_rules.normalise(value)
        if not digits.isdigit() or len(digits) not in (8, 9):
            raise forms.ValidationError(
                _("A BSN has nine digits; you entered %(n)s characters."), params={"n": len(digits)}
            )
        if not bsn_rules.is_valid(digits):
            raise forms.ValidationError(
                _("This is not a valid BSN: it fails the elfproef. Check for a typing error.")
            )
        return digits.zfill(9)


class AddressForm(ModelForm):
    class Meta:
        model = Household
        fields = [
            "straat",
            "huisnummer",
            "toevoeging",
            "postcode",
            "plaats",
            "wijk_code",
            "buurt_code",
        ]

    def clean_postcode(self):
        return _clean_postcode(self.cleaned_data["postcode"])


class PersonForm(ModelForm):
    bsn = BsnField()

    class Meta:
        model = Person
        fields = [
            "role",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "telefoon",
            "email",
            "in_jeugdhulp",
        ]
        widgets = {"geboortedatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_geboortedatum(self):
        born = self.cleaned_data.get("geboortedatum")
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth lies in the future."))
        return born


class ApplicantForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = [f for f in PersonForm.Meta.fields if f != "role"]


class SearchForm(Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    geboortedatum = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    bsn = BsnField(
        help_text=_(
            "Searched through a keyed hash; the number itself is never stored in the search."
        )
    )

    def clean_postcode(self):
        return _clean_postcode(self.cleaned_data["postcode"])

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(k) for k in ("name", "geboortedatum", "postcode", "bsn")):
            raise forms.ValidationError(_("Fill in at least one field to search on."))
        if cleaned.get("name") and len(cleaned["name"]) < 2:
            self.add_error("name", _("Type at least two letters of the name."))
        return cleaned


class GroundForm(ModelForm):
    class Meta:
        model = ProcessingGround
        fields = ["purpose", "ground", "law", "given_by", "given_on", "share_with"]
        widgets = {
            "given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "share_with": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = household.members.all()
        self.fields["share_with"].queryset = Organisation.objects.filter(active=True).exclude(
            pk=household.organisation_id
        )


class ShareForm(Form):
    ground = forms.ModelChoiceField(
        label=_("On the basis of"), queryset=ProcessingGround.objects.none(), to_field_name="uuid"
    )
    user = forms.ModelChoiceField(
        label=_("Professional"),
        queryset=User.objects.none(),
        to_field_name="uuid",
        help_text=_("A named person of an organisation that the basis allows."),
    )
    purpose = forms.CharField(label=_("Purpose of sharing"), max_length=300)
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    include_special_categories = forms.BooleanField(
        label=_("Including health and justice data (only where the purpose needs it)"),
        required=False,
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        grounds = household.grounds.filter(withdrawn_on__isnull=True)
        self.fields["ground"].queryset = grounds
        organisations = Organisation.objects.filter(pk__in=grounds.values("share_with"))
        self.fields["user"].queryset = (
            User.objects.filter(
                memberships__organisation__in=organisations,
                memberships__active=True,
                is_active=True,
            )
            .distinct()
            .order_by("last_name")
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name()} — "
            + ", ".join(
                sorted(
                    {
                        m.organisation.name
                        for m in u.memberships.all()
                        if m.organisation in organisations
                    }
                )
            )
        )

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        today = timezone.localdate()
        if ends_on <= today:
            raise forms.ValidationError(_("The end date must lie in the future."))
        if (ends_on - today).days > 366:
            raise forms.ValidationError(_("Share for at most one year; extend it later if needed."))
        return ends_on

    def organisation(self):
        ground, user = self.cleaned_data["ground"], self.cleaned_data["user"]
        return ground.share_with.filter(memberships__user=user).first()


class TransferForm(Form):
    to_team = forms.ModelChoiceField(
        label=_("To team"), queryset=Team.objects.none(), to_field_name="uuid"
    )
    note = forms.CharField(
        label=_("Handover note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the new team needs to know to continue without asking again."),
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_team"].queryset = Team.objects.filter(
            organisation=household.organisation
        ).exclude(pk=household.team_id)


class AssessmentForm(Form):
    person = forms.ModelChoiceField(
        label=_("For"),
        queryset=Person.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("The household as a whole"),
    )
    assessed_on = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = household.members.all()
        self.domain_fields = []
        for code, label in zrm.DOMAINS_2017:
            self.fields[f"score_{code}"] = forms.TypedChoiceField(
                label=label,
                choices=[("", "—")] + zrm.SCALE,
                coerce=int,
                error_messages={"required": _("Give a score for %(domain)s.") % {"domain": label}},
            )
            self.domain_fields.append(f"score_{code}")

    def clean_assessed_on(self):
        day = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("An assessment describes the past 30 days; the date cannot lie in the future.")
            )
        return day

    def scores(self) -> dict[str, int]:
        return {name.removeprefix("score_"): self.cleaned_data[name] for name in self.domain_fields}
