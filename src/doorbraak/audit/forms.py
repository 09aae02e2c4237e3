from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.core.forms import Form, ModelForm
from doorbraak.core.models import Organisation, User

from .models import ProcessingActivity
from .selectors import LogFilters


class LogFilterForm(Form):
    subject = forms.CharField(
        label=_("Data subject (pseudonym)"),
        required=False,
        max_length=64,
        help_text=_("The pseudonym shown in the log or on the person's page; 64 characters."),
    )
    object_uuid = forms.UUIDField(
        label=_("Object id"),
        required=False,
        help_text=_("The public id of a household, plan or other object."),
    )
    user = forms.ModelChoiceField(
        label=_("User"),
        required=False,
        queryset=User.objects.none(),
        to_field_name="uuid",
        empty_label=_("All users"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        to_field_name="uuid",
        empty_label=_("All organisations"),
    )
    activity = forms.ModelChoiceField(
        label=_("Processing activity"),
        required=False,
        queryset=ProcessingActivity.objects.all(),
        to_field_name="code",
        empty_label=_("All activities"),
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = actor.organisation
        self.fields["user"].queryset = (
            User.objects.filter(memberships__organisation=organisation)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(active=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date lies before the start date."))
        return cleaned

    def to_filters(self) -> LogFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return LogFilters(
            subject=(data.get("subject") or "").strip().lower(),
            object_uuid=str(data["object_uuid"]) if data.get("object_uuid") else "",
            user_uuid=str(data["user"].uuid) if data.get("user") else "",
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            activity_id=data["activity"].pk if data.get("activity") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class ProcessingActivityForm(ModelForm):
    class Meta:
        model = ProcessingActivity
        fields = [
            "code",
            "name",
            "purpose",
            "legal_basis",
            "data_subjects",
            "data_categories",
            "special_categories",
            "recipients",
            "retention",
            "retention_days",
            "active",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "data_categories": forms.Textarea(attrs={"rows": 3}),
            "special_categories": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The platform's code refers to the code: it cannot change once in use.
            self.fields["code"].disabled = True
