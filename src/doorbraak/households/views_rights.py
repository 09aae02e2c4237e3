"""Pages for the rights of the data subject (AVG art. 15–17) of one household member.

Only the household's own team (``access.can_change``) may use them; erasure also needs the
rule ``households.erase`` (teamleider). Correction uses the ordinary person edit page.
"""

import json

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorbraak.core.forms import Form
from doorbraak.core.views_base import PlatformView

from . import rights, selectors
from .views import HouseholdMixin


class EraseForm(Form):
    ground = forms.ChoiceField(
        label=gettext_lazy("Legal ground for erasure"),
        choices=rights.ErasureGround.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "For a request of the data subject, the retention period of the register of "
            "processing activities applies. Unlawful processing or an upheld objection "
            "oblige erasure now."
        ),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I have checked the request and the identity of the person, and I understand that "
            "erasure cannot be undone."
        ),
    )


class PersonRightsMixin(HouseholdMixin):
    """The household of the actor's own team and one of its members, else 404/403."""

    change = True

    def dispatch(self, request, *args, **kwargs):
        self.person_uuid = kwargs.get("person_uuid")
        return super().dispatch(request, *args, **kwargs)

    def get_person(self):
        person = selectors.person_in(self.access, self.person_uuid)
        if person is None:
            raise Http404
        return person


def _filename(person, extension: str) -> str:
    # Never a name or BSN in a file name: the household reference and a short id.
    return f"inzage-{person.household.reference}-{str(person.uuid)[:8]}.{extension}"


class PersonExportJsonView(PersonRightsMixin, PlatformView):
    def get(self, request, uuid, person_uuid):
        person = self.get_person()
        data = rights.inzage(actor=self.actor, person=person, form="json")
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename(person, "json")}"'
        response["Cache-Control"] = "no-store"
        return response


class PersonExportPdfView(PersonRightsMixin, PlatformView):
    def get(self, request, uuid, person_uuid):
        from doorbraak.core.pdf import html_to_pdf, pdf_response

        person = self.get_person()
        data = rights.person_data(person)
        html = render_to_string(
            "households/rights_export_pdf.html", {"data": data}, request=request
        )
        pdf = html_to_pdf(html)
        rights.inzage(actor=self.actor, person=person, form="pdf")
        return pdf_response(pdf, _filename(person, "pdf"))


class PersonEraseView(PersonRightsMixin, PlatformView):
    permission = "households.erase"

    def _render(self, request, person, form, status=200, refusal=None):
        return TemplateResponse(
            request,
            "households/rights_erase.html",
            {
                "household": self.household,
                "person": person,
                "form": form,
                "retention": rights.retention_check(self.household),
                "refusal": refusal,
            },
            status=status,
        )

    def get(self, request, uuid, person_uuid):
        return self._render(request, self.get_person(), EraseForm())

    def post(self, request, uuid, person_uuid):
        person = self.get_person()
        form = EraseForm(request.POST)
        if not form.is_valid():
            return self._render(request, person, form, status=400)
        name = person.full_name
        try:
            rights.verwijderen(actor=self.actor, person=person, ground=form.cleaned_data["ground"])
        except rights.ErasureRefused as refused:
            return self._render(request, person, form, status=409, refusal=str(refused))
        messages.success(
            request,
            _("%(name)s has been erased, with their assessments and history.") % {"name": name},
        )
        return redirect("households:detail", uuid=self.household.uuid)
