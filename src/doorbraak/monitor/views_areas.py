"""The editing screen of the stedelijke vernieuwingsgebieden, for the functioneel beheerder.

The platform's beheerder keeps every area; a gemeente's beheerder only those of its own gemeente
(another gemeente's area is a 404). After a save, the area's figures are recomputed.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doorbraak.core.views_base import PlatformView

from . import selectors, services
from .forms import AreaForm


class AreaListView(PlatformView):
    permission = "monitor.manage_areas"

    def get(self, request):
        names = selectors.gemeente_names()
        areas = [
            {"area": area, "gemeente": names.get(area.gemeente_code, area.gemeente_code)}
            for area in selectors.editable_areas(self.actor)
        ]
        return TemplateResponse(request, "monitor/area_list.html", {"areas": areas})


class AreaEditView(PlatformView):
    permission = "monitor.manage_areas"

    def _area(self, slug):
        return selectors.editable_area(self.actor, slug) if slug else None

    def _render(self, request, form, area):
        history = []
        if area is not None:
            labels = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
            history = [
                {"record": record, "what": labels.get(record.history_type, "")}
                for record in selectors.area_history(area)
            ]
        return TemplateResponse(
            request, "monitor/area_form.html", {"form": form, "area": area, "history": history}
        )

    def get(self, request, slug=None):
        area = self._area(slug)
        return self._render(request, AreaForm(instance=area, actor=self.actor), area)

    def post(self, request, slug=None):
        area = self._area(slug)
        form = AreaForm(request.POST, instance=area, actor=self.actor)
        if not form.is_valid():
            return self._render(request, form, area)
        saved = form.save(commit=False)
        values = services.save_area(self.actor, saved)
        if values:
            text = ngettext(
                "The area has been saved; %(count)s figure was recomputed from its wijken.",
                "The area has been saved; %(count)s figures were recomputed from its wijken.",
                values,
            ) % {"count": values}
        else:
            text = _(
                "The area has been saved. It has no figures of its own: no wijk of it has "
                "CBS figures for its year."
            )
        messages.success(request, text)
        return redirect("monitor:area-edit", slug=saved.slug)
