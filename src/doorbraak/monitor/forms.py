"""The editing screen of a stedelijk vernieuwingsgebied (functioneel beheerder)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorbraak.core.forms import ModelForm

from . import selectors
from .boundaries import WIJK_CODE
from .models import Area

SEPARATORS = re.compile(r"[\s,;]+")


class AreaForm(ModelForm):
    wijk_codes_text = forms.CharField(
        label=gettext_lazy("CBS wijk codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "The wijken that form the area, e.g. WK059910 WK059912, separated by spaces, "
            "commas or new lines. They must belong to the gemeente and exist in the CBS "
            "figures of the CBS year."
        ),
    )

    class Meta:
        model = Area
        fields = ["name", "slug", "gemeente_code", "cbs_year", "status", "note"]
        help_texts = {
            "slug": gettext_lazy(
                "Part of the web address: lower-case letters, digits and hyphens; it cannot be "
                "changed later."
            ),
            "gemeente_code": gettext_lazy("The CBS code of the gemeente, e.g. GM0599."),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        organisation = actor.organisation
        self.fields["note"].widget.attrs["rows"] = 3
        if self.instance.pk:
            self.fields["wijk_codes_text"].initial = " ".join(self.instance.wijk_codes)
            # The slug is the address of the public page: it stays.
            self.fields["slug"].disabled = True
        if not organisation.manages_platform:
            # A gemeente's beheerder keeps the areas of its own gemeente.
            self.fields["gemeente_code"].disabled = True
            self.fields["gemeente_code"].initial = organisation.cbs_code
            if not self.instance.pk:
                self.instance.gemeente_code = organisation.cbs_code
        self.order_fields(
            ["name", "slug", "gemeente_code", "cbs_year", "wijk_codes_text", "status", "note"]
        )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug == "nieuw":
            raise ValidationError(_("“nieuw” is reserved for the address of a new area."))
        return slug

    def clean_gemeente_code(self):
        code = (self.cleaned_data.get("gemeente_code") or "").strip().upper()
        if self.fields["gemeente_code"].disabled:
            return code  # the beheerder's own gemeente
        if code not in selectors.gemeente_names():
            raise ValidationError(
                _("“%(code)s” is not the CBS code of a gemeente (GM followed by four digits).")
                % {"code": code}
            )
        return code

    def clean(self):
        cleaned = super().clean()
        gemeente = cleaned.get("gemeente_code")
        year = cleaned.get("cbs_year")
        raw = (cleaned.get("wijk_codes_text") or "").strip()
        codes: list[str] = []
        for code in SEPARATORS.split(raw.upper()) if raw else []:
            if code and code not in codes:
                codes.append(code)
        errors = []
        for code in codes:
            if code.startswith("BU"):
                errors.append(
                    _(
                        "%(code)s is a buurt code: the areas are made of wijken for now; "
                        "give the code of its wijk (WK…)."
                    )
                    % {"code": code}
                )
            elif not WIJK_CODE.match(code):
                errors.append(
                    _(
                        "“%(code)s” is not a CBS wijk code: WK, the four digits of the gemeente "
                        "and two characters, e.g. WK059910."
                    )
                    % {"code": code}
                )
            elif gemeente and code[2:6] != gemeente[2:]:
                errors.append(
                    _("Wijk %(code)s does not belong to gemeente %(name)s (%(gemeente)s).")
                    % {
                        "code": code,
                        "gemeente": gemeente,
                        "name": selectors.gemeente_names().get(gemeente, gemeente),
                    }
                )
        if not errors and codes and year:
            known = selectors.known_wijk_codes(year)
            if not known:
                errors.append(
                    _(
                        "No CBS wijk figures are loaded for %(year)s, so the wijk codes cannot "
                        "be checked: choose the year of the loaded figures."
                    )
                    % {"year": year}
                )
            else:
                errors += [
                    _("Wijk %(code)s does not exist in the CBS figures of %(year)s.")
                    % {"code": code, "year": year}
                    for code in codes
                    if code not in known
                ]
        if errors:
            self.add_error("wijk_codes_text", errors)
        cleaned["wijk_codes"] = codes
        return cleaned

    def save(self, commit=True):
        self.instance.wijk_codes = self.cleaned_data["wijk_codes"]
        if self.fields["gemeente_code"].disabled and not self.instance.gemeente_code:
            self.instance.gemeente_code = self.actor.organisation.cbs_code
        return super().save(commit=commit)
