"""Forms rendered with NL Design System (Utrecht) classes, accessible by default.

Every form of the platform derives from ``Form`` or ``ModelForm`` here: labels are linked,
help texts and errors are tied to their field with ``aria-describedby``, invalid fields carry
``aria-invalid``, and the error summary at the top links to each field. Date fields are native
date pickers with ISO values in every locale.
"""

from django import forms
from django.forms.renderers import TemplatesSetting

_WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}


class NLDSFormRenderer(TemplatesSetting):
    form_template_name = "forms/nlds_form.html"
    field_template_name = "forms/nlds_field.html"


class NLDSMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.DateInput):
                # A native date picker only accepts ISO dates, whatever the active locale is:
                # with the Dutch format (03-12-2026) the browser shows an empty field.
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"
            css = next(
                (c for kind, c in _WIDGET_CLASSES.items() if isinstance(widget, kind)),
                "utrecht-textbox utrecht-textbox--html-input",
            )
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            described = []
            if field.help_text:
                described.append(f"{self.auto_id % self.add_prefix(name)}_helptext")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                error_id = f"{self.auto_id % self.add_prefix(name)}_error"
                existing = widget.attrs.get("aria-describedby", "")
                if error_id not in existing:
                    widget.attrs["aria-describedby"] = f"{existing} {error_id}".strip()


class Form(NLDSMixin, forms.Form):
    pass


class ModelForm(NLDSMixin, forms.ModelForm):
    pass
