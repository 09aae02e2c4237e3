import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.core.bsn import contains_bsn_like
from doorbraak.core.forms import Form, ModelForm
from doorbraak.core.models import OrganisationType
from doorbraak.households import zrm

from . import selectors
from .models import EntryKind, RegisterEntry
from .spreadsheet import PHONE

ORGANISATION_TYPES = [
    (OrganisationType.GEMEENTE.value, OrganisationType.GEMEENTE.label),
    (OrganisationType.UITVOERINGSORGANISATIE.value, OrganisationType.UITVOERINGSORGANISATIE.label),
]
ALL = [("", _("all"))]
_CBS_CODE = re.compile(r"^GM\d{4}\b", re.IGNORECASE)


class SearchForm(Form):
    """The register's filters, as GET parameters: they hold no personal data."""

    zoek = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, mandate, law or organisation."),
    )
    organisatietype = forms.ChoiceField(
        label=_("Kind of organisation"), required=False, choices=ALL + ORGANISATION_TYPES
    )
    leefgebied = forms.ChoiceField(
        label=_("Life domain"), required=False, choices=ALL + list(zrm.DOMAINS_2017)
    )
    gemeente = forms.ModelChoiceField(
        label=_("Serves gemeente"),
        required=False,
        queryset=selectors.served_gemeenten(),
        to_field_name="cbs_code",
        empty_label=_("all"),
    )
    soort = forms.ChoiceField(
        label=_("Kind of entry"), required=False, choices=ALL + list(EntryKind.choices)
    )

    def filters(self) -> selectors.RegisterFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return selectors.RegisterFilters(
            organisation_type=data.get("organisatietype") or "",
            domain=data.get("leefgebied") or "",
            gemeente=data.get("gemeente"),
            kind=data.get("soort") or "",
            query=(data.get("zoek") or "").strip(),
        )


class ListField(forms.CharField):
    """Values separated by semicolons, as in the import file."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return "; ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return list(dict.fromkeys(p.strip() for p in text.split(";") if p.strip()))


class RegisterEntryForm(ModelForm):
    domains = forms.MultipleChoiceField(
        label=_("Life domains"),
        choices=zrm.DOMAINS_2017,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    laws = ListField(
        label=_("Laws"),
        required=False,
        max_length=1000,
        help_text=_("Separate laws with a semicolon, e.g. Participatiewet; Wmo 2015; Zvw."),
    )
    gemeenten = forms.CharField(
        label=_("Gemeenten served"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "CBS codes or names separated by a semicolon, e.g. GM0599; Schiedam. "
            "A gemeente's own entries always serve the gemeente itself."
        ),
    )

    class Meta:
        model = RegisterEntry
        fields = [
            "kind",
            "name",
            "mandate",
            "domains",
            "laws",
            "nationwide",
            "gemeenten",
            "region",
            "email",
            "phone",
            "availability",
            "last_verified_on",
        ]
        widgets = {
            "mandate": forms.Textarea(attrs={"rows": 4}),
            "last_verified_on": forms.DateInput(),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if self.instance.pk:
            self.initial["gemeenten"] = "; ".join(
                f"{g.cbs_code} {g.name}" for g in self.instance.gemeenten.order_by("name")
            )
        else:
            self.initial.setdefault("last_verified_on", timezone.localdate())

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = RegisterEntry.objects.filter(organisation=self.organisation, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Your organisation already has an entry with this name."))
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone):
            raise forms.ValidationError(_("Enter a phone number, e.g. 010 123 45 67."))
        return phone

    def clean_laws(self):
        laws = self.cleaned_data["laws"]
        if any(len(law) > 100 for law in laws):
            raise forms.ValidationError(_("A law name is longer than 100 characters."))
        return laws

    def clean_last_verified_on(self):
        verified = self.cleaned_data["last_verified_on"]
        if verified and verified > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future."))
        return verified

    def clean_gemeenten(self):
        tokens = [t.strip() for t in self.cleaned_data["gemeenten"].split(";") if t.strip()]
        gemeenten = selectors.served_gemeenten()
        by_code = {g.cbs_code: g for g in gemeenten}
        by_name = {g.name.casefold(): g for g in gemeenten}
        found, unknown = [], []
        for token in tokens:
            code = _CBS_CODE.match(token)
            gemeente = by_code.get(code.group(0).upper()) if code else by_name.get(token.casefold())
            if gemeente is None:
                unknown.append(token)
            elif gemeente not in found:
                found.append(gemeente)
        if unknown:
            raise forms.ValidationError(
                _("Unknown gemeente: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return found

    def entry_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ImportForm(Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("The first row names the columns; see the list of columns below."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class ContactRequestForm(Form):
    entry = forms.UUIDField(widget=forms.HiddenInput)
    question = forms.CharField(
        label=_("Your question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Describe the situation and what you need decided. The receiver sees the household's "
            "reference, not names or BSN — leave those out."
        ),
    )
    share_identity = forms.BooleanField(
        label=_("There is a legal basis to share the applicant's name and date of birth"),
        required=False,
    )
    legal_basis = forms.CharField(
        label=_("Legal basis for sharing"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Consent or law and article, e.g. consent of 3 March, or Wmo 2015 art. 5.2.4."),
    )

    def clean_question(self):
        text = self.cleaned_data["question"]
        if contains_bsn_like(text):
            raise forms.ValidationError(_("This looks like a BSN. A request never carries a BSN."))
        return text

    def clean(self):
        data = super().clean()
        if data.get("share_identity") and not (data.get("legal_basis") or "").strip():
            self.add_error("legal_basis", _("Needed to share the name and date of birth."))
        return data


class AnswerForm(Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was decided or what the professional can do next."),
    )
    resolve = forms.BooleanField(label=_("This answer solves the request"), required=False)
