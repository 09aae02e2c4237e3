from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from doorbraak.core.forms import Form

from .validation import normalise_gemeentecode


def max_upload_bytes() -> int:
    return int(getattr(settings, "SIGNALS_UPLOAD_MAX_MB", 60)) * 1024 * 1024


class UploadForm(Form):
    file = forms.FileField(
        label=_("File with signals (CSV or XLSX)"),
        help_text=_("Use the template: the first row names the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    gemeentecode = forms.CharField(
        label=_("CBS code of the gemeente (optional)"),
        required=False,
        max_length=6,
        help_text=_(
            "When every signal in the file is for one gemeente, e.g. GM0599. Otherwise leave "
            "empty: the column gemeentecode or the postcode decides."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB; split it into smaller files.")
                % {"max": limit // (1024 * 1024)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a CSV or XLSX file."))
        return upload

    def clean_gemeentecode(self):
        raw = self.cleaned_data.get("gemeentecode", "").strip()
        if not raw:
            return ""
        code = normalise_gemeentecode(raw)
        if code is None:
            raise forms.ValidationError(
                _("%(value)s is not a CBS gemeente code (GM and four digits, e.g. GM0599).")
                % {"value": raw}
            )
        return code
