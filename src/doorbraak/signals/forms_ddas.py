"""Forms of the DDAS pages: the month of an export, the file of an import."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.core.forms import Form

MAX_IMPORT_BYTES = 50 * 1024 * 1024


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthForm(Form):
    maand = forms.CharField(
        label=_("Month"),
        widget=MonthInput,
        help_text=_("The month of the delivery, as year and month (for example 2026-11)."),
    )

    def clean_maand(self):
        value = self.cleaned_data["maand"].strip()
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if not match or not (1 <= int(match[2]) <= 12) or not (2000 <= int(match[1]) <= 2100):
            raise forms.ValidationError(_("Give the month as year-month, for example 2026-11."))
        return int(match[1]), int(match[2])


class DdasImportForm(Form):
    file = forms.FileField(
        label=_("DDAS file (JSON)"),
        help_text=_("A DDAS Vroegsignalering v0.9 file from your previous system."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload
