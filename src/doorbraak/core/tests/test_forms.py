"""The shared NL Design System form base."""

import datetime

from django import forms
from django.utils import translation

from doorbraak.core.forms import Form


class _DatedForm(Form):
    on = forms.DateField(initial=datetime.date(2026, 12, 3))
    until = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_date_fields_render_iso_values_in_the_dutch_locale():
    with translation.override("nl"):
        form = _DatedForm()
        html = str(form["on"])
        bound = str(_DatedForm(data={"on": "2026-12-03", "until": "2027-01-31"})["until"])
    assert 'type="date"' in html and 'value="2026-12-03"' in html
    assert 'value="2027-01-31"' in bound


def test_invalid_field_is_described_by_its_error():
    form = _DatedForm(data={"on": "gisteren", "until": ""})
    assert not form.is_valid()
    assert form.fields["on"].widget.attrs["aria-invalid"] == "true"
    assert form.fields["on"].widget.attrs["aria-describedby"] == "id_on_error"
