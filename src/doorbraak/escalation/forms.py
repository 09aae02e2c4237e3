"""Forms of the escalation route. Labels in English (translated), domain terms in Dutch."""

import io
import zipfile

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.core.bsn import contains_bsn_like
from doorbraak.core.forms import Form, ModelForm
from doorbraak.core.models import Organisation, OrganisationType
from doorbraak.households import zrm
from doorbraak.legal.forms import KnelpuntForm

from . import workflow
from .models import (
    MAX_ATTACHMENT_BYTES,
    DecisionStatus,
    KnelpuntKind,
    KnelpuntStatus,
    LetSession,
    LoketCase,
    LoketStatus,
    Milestone,
    Regime,
)
from .services import NOTE

# Allowed attachments: extension → (content type, check of the first bytes).
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}


def _office_member(data: bytes, folder: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith(folder) for name in archive.namelist())
    except zipfile.BadZipFile:
        return False


def content_matches(extension: str, data: bytes) -> bool:
    """The file is what its name says: checked on its first bytes, not on the browser's word."""
    if extension == "pdf":
        return data.startswith(b"%PDF-")
    if extension == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if extension == "docx":
        return data.startswith(b"PK") and _office_member(data, "word/")
    if extension == "xlsx":
        return data.startswith(b"PK") and _office_member(data, "xl/")
    return False


def checked_upload(upload):
    """(name, content type, bytes) of an allowed file, or a ValidationError."""
    from .services import Upload

    name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES:
        raise forms.ValidationError(
            _("%(name)s: only PDF, Word (docx), Excel (xlsx), PNG and JPG files are accepted."),
            params={"name": name},
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise forms.ValidationError(_("%(name)s is larger than 5 MB."), params={"name": name})
    data = upload.read()
    if not content_matches(extension, data):
        raise forms.ValidationError(
            _("%(name)s is not a valid %(kind)s file."),
            params={"name": name, "kind": extension.upper()},
        )
    return Upload(name=name, content_type=ALLOWED_TYPES[extension], data=data)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        uploads, errors = [], []
        for upload in files:
            try:
                uploads.append(checked_upload(super().clean(upload, initial)))
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return uploads


def involved_organisations():
    return Organisation.objects.filter(
        active=True,
        type__in=[
            OrganisationType.UITVOERINGSORGANISATIE,
            OrganisationType.RIJK,
            OrganisationType.GEMEENTE,
        ],
    ).order_by("type", "name")


FREE_TEXT = (
    "tried_locally",
    "tried_regionally",
    "who_involved",
    "why_failed",
    "question",
    "laws",
    "other_organisations",
)


class LoketCaseForm(ModelForm):
    """The request to the loket: entry test, question, minimal dataset, attachments."""

    life_domains = forms.MultipleChoiceField(
        label=_("Life domains involved"),
        choices=zrm.DOMAINS_2017,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations involved"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Agencies, ministries or gemeenten that play a part."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, docx, xlsx, PNG or JPG, at most 5 MB each. Leave out names and BSN."),
    )

    class Meta:
        model = LoketCase
        fields = [
            "tried_locally",
            "tried_regionally",
            "who_involved",
            "why_failed",
            "question",
            "life_domains",
            "laws",
            "organisations",
            "other_organisations",
            "identifying_details",
            "identifying_legal_basis",
        ]
        labels = {
            "tried_locally": _("What was tried locally"),
            "tried_regionally": _("What was tried regionally"),
            "who_involved": _("Who was involved"),
            "why_failed": _("Why it did not work"),
            "question": _("Your question to the Maatwerkloket"),
            "laws": _("Laws and regulations involved"),
            "other_organisations": _("Other organisations involved"),
            "identifying_details": _("Names or BSN (only with a legal basis)"),
            "identifying_legal_basis": _("Legal basis for passing on names or BSN"),
        }
        help_texts = {
            "tried_locally": _("Entry test: what the team and the gemeente did, and when."),
            "tried_regionally": _(
                "Entry test: what was tried regionally, e.g. through the Maatwerkregister."
            ),
            "who_involved": _("Organisations and functions, not names of residents."),
            "why_failed": _("Which rule, system or disagreement stopped it."),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "tried_locally",
                "tried_regionally",
                "who_involved",
                "why_failed",
                "question",
                "laws",
                "identifying_details",
                "identifying_legal_basis",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = involved_organisations()
        for name in ("tried_locally", "tried_regionally", "who_involved", "why_failed", "question"):
            self.fields[name].required = True

    def clean(self):
        data = super().clean()
        basis = (data.get("identifying_legal_basis") or "").strip()
        if (data.get("identifying_details") or "").strip() and not basis:
            self.add_error(
                "identifying_legal_basis",
                _("Names or BSN can only be passed on with a legal basis."),
            )
        if not basis:
            for name in FREE_TEXT:
                if contains_bsn_like(data.get(name) or ""):
                    self.add_error(
                        name,
                        _(
                            "This looks like a BSN. The loket works with the household "
                            "reference; give a legal basis to pass on a BSN."
                        ),
                    )
        return data


class AttachmentForm(Form):
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("PDF, docx, xlsx, PNG or JPG, at most 5 MB each."),
    )


TRIAGE_ACTIONS = [
    (NOTE, _("Add a note to the timeline")),
    (workflow.IN_BEHANDELING, _("Take in progress")),
    (workflow.ADVIES_GEGEVEN, _("Give advice to the professional")),
    (workflow.BIJ_LET, _("Route to the LET")),
    (workflow.OVERBRUGGING, _("Route to the overbruggingsprocedure")),
    (workflow.BELEIDSVRAAG, _("Send a policy question to a ministry")),
    (workflow.AFGEROND, _("Close with the outcome")),
]


class TriageForm(Form):
    action = forms.ChoiceField(label=_("What to do"), choices=TRIAGE_ACTIONS)
    text = forms.CharField(
        label=_("Note, advice, question or outcome"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        help_text=_(
            "Needed for a note, advice, a policy question and closing: the professional reads it."
        ),
    )
    ministry = forms.ModelChoiceField(
        label=_("Ministry (interdepartementaal loket)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    session = forms.ModelChoiceField(
        label=_("LET session"),
        queryset=LetSession.objects.none(),
        required=False,
        help_text=_("Optional: put the case on the agenda of a session."),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["ministry"].queryset = Organisation.objects.filter(
            type=OrganisationType.RIJK, active=True
        ).order_by("name")
        self.fields["session"].queryset = LetSession.objects.filter(
            held_on__gte=timezone.localdate()
        ).order_by("held_on")
        if case is not None:
            allowed = set(workflow.ALLOWED.get(case.status, ())) | {NOTE}
            self.fields["action"].choices = [c for c in TRIAGE_ACTIONS if c[0] in allowed]

    def clean(self):
        data = super().clean()
        action = data.get("action")
        text = (data.get("text") or "").strip()
        needs_text = (NOTE, workflow.ADVIES_GEGEVEN, workflow.BELEIDSVRAAG, workflow.AFGEROND)
        if action in needs_text and not text:
            self.add_error("text", _("Needed for this step."))
        if action == workflow.BELEIDSVRAAG and not data.get("ministry"):
            self.add_error("ministry", _("Choose the ministry."))
        if contains_bsn_like(text):
            self.add_error("text", _("This looks like a BSN. Use the household reference."))
        return data


class LoketKnelpuntForm(KnelpuntForm):
    """The plan's knelpunt form, with the kind of obstacle."""

    class Meta(KnelpuntForm.Meta):
        fields = [*KnelpuntForm.Meta.fields, "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = True


class KnelpuntStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=KnelpuntStatus.choices)
    kind = forms.ChoiceField(
        label=_("Kind of obstacle"),
        choices=[("", _("— keep —")), *KnelpuntKind.choices],
        required=False,
    )


class OverbruggingForm(Form):
    support = forms.CharField(
        label=_("Support that starts now"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    voorfinancier = forms.ModelChoiceField(
        label=_("Voorfinancier"), queryset=Organisation.objects.none()
    )
    starts_on = forms.DateField(label=_("Starts on"))
    regimes = forms.MultipleChoiceField(
        label=_("Regimes that dispute who pays"),
        choices=Regime.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voorfinancier"].queryset = involved_organisations()


class SettlementForm(Form):
    final_payer = forms.ModelChoiceField(
        label=_("Final payer"), queryset=Organisation.objects.none()
    )
    amount = forms.DecimalField(
        label=_("Amount (euro)"), min_value=0, max_digits=12, decimal_places=2
    )
    settled_on = forms.DateField(label=_("Settled on"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args, overbrugging=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.overbrugging = overbrugging
        self.fields["final_payer"].queryset = involved_organisations()

    def clean_settled_on(self):
        value = self.cleaned_data["settled_on"]
        if self.overbrugging is not None and value < self.overbrugging.starts_on:
            raise forms.ValidationError(_("The settlement cannot be before the support started."))
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future."))
        return value


class LetSessionForm(Form):
    held_on = forms.DateField(label=_("Date"))
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    representatives = forms.CharField(
        label=_("Representatives"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Name and organisation of each representative, one per line."),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = involved_organisations()


class AgendaForm(Form):
    case = forms.ModelChoiceField(label=_("Case with the LET"), queryset=LoketCase.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = LoketCase.objects.filter(status=LoketStatus.BIJ_LET)
        self.fields["case"].label_from_instance = lambda c: (
            f"{c.household_reference} — {c.gemeente.name} ({c.submitted_at:%d-%m-%Y})"
        )


class LetDecisionForm(Form):
    case = forms.ModelChoiceField(label=_("Case"), queryset=LoketCase.objects.none())
    what = forms.CharField(
        label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    deadline = forms.DateField(label=_("Deadline"))

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = (
            session.cases.select_related("gemeente") if session else LoketCase.objects.none()
        )
        self.fields["case"].label_from_instance = lambda c: (
            f"{c.household_reference} — {c.gemeente.name}"
        )
        self.fields["responsible_organisation"].queryset = involved_organisations()

    def clean_what(self):
        text = self.cleaned_data["what"]
        if contains_bsn_like(text):
            raise forms.ValidationError(_("This looks like a BSN. Use the household reference."))
        return text


class DecisionFollowUpForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=DecisionStatus.choices)
    done_on = forms.DateField(label=_("Done on"), required=False)
    note = forms.CharField(
        label=_("How it was done"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == DecisionStatus.AFGEROND and not data.get("done_on"):
            self.add_error("done_on", _("Needed to mark the decision as done."))
        if data.get("done_on") and data["done_on"] > timezone.localdate():
            self.add_error("done_on", _("The date lies in the future."))
        return data


class ServiceLevelForm(Form):
    milestone = forms.ChoiceField(label=_("Milestone"), choices=Milestone.choices)
    working_days = forms.IntegerField(label=_("Working days"), min_value=1, max_value=120)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
