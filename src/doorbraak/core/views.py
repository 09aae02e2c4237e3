from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control

from . import selectors, services
from .forms import Form
from .models import Organisation
from .permissions import can
from .roles import Role
from .views_base import PlatformView

ROLE_TASKS = {
    Role.PROFESSIONAL: gettext_lazy(
        "You work with households: their file, the situation per life domain, the doorbraak and "
        "the maatwerkplan."
    ),
    Role.TEAMLEIDER: gettext_lazy(
        "You decide on maatwerkplannen and keep an eye on what waits or is overdue in your team."
    ),
    Role.FUNCTIONEEL_BEHEERDER: gettext_lazy(
        "You maintain your organisation's settings, users, API clients and reference data."
    ),
    Role.MAATWERKFUNCTIONARIS: gettext_lazy(
        "You answer questions from professionals and decide on maatwerk within your mandate."
    ),
    Role.LOKET: gettext_lazy(
        "You triage cases at the Landelijk Maatwerkloket and prepare them for the LET."
    ),
    Role.ANALIST: gettext_lazy(
        "You follow the programme's outcomes and the dashboard sociale impact, "
        "without personal data."
    ),
    Role.PRIVACY_OFFICER: gettext_lazy(
        "You check who processed which personal data, why and on which legal basis."
    ),
}


class HomeView(PlatformView):
    permission = "core.view_home"

    def get(self, request):
        actor = self.actor
        return TemplateResponse(
            request,
            "core/home.html",
            {
                "role_task": ROLE_TASKS.get(actor.role, ""),
                "can_view_log": can(actor, "audit.view_log"),
                "can_view_register": can(actor, "audit.view_register"),
                "can_manage_api_clients": can(actor, "core.manage_api_clients"),
            },
        )


@cache_control(max_age=3600, public=True)
def theme_css(request, uuid):
    """The organisation's accent colour as a stylesheet (the CSP forbids inline styles)."""
    organisation = get_object_or_404(Organisation, uuid=uuid)
    css = f":root {{ --doorbraak-accent: {organisation.accent_colour}; }}\n"
    return HttpResponse(css, content_type="text/css")


theme_css.public = True


class ApiClientForm(Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the system"),
        max_length=200,
        help_text=gettext_lazy("For example: debiteurenadministratie (SAP) or huurincasso."),
    )


class ApiClientListView(PlatformView):
    permission = "core.manage_api_clients"

    def _render(self, request, form, token=None, status=200):
        return TemplateResponse(
            request,
            "core/api_clients.html",
            {
                "clients": selectors.api_clients_for(self.actor),
                "form": form,
                "new_token": token,
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, ApiClientForm())

    def post(self, request):
        form = ApiClientForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        client, token = services.api_client_aanmaken(
            actor=self.actor, name=form.cleaned_data["name"]
        )
        messages.success(
            request,
            _("The API client has been created. Copy the token now: it is shown only once."),
        )
        return self._render(request, ApiClientForm(), token=token)


class ApiClientRevokeView(PlatformView):
    permission = "core.manage_api_clients"

    def post(self, request, uuid):
        client = get_object_or_404(selectors.api_clients_for(self.actor), uuid=uuid)
        if not can(self.actor, "core.revoke_api_client", client):
            raise Http404
        services.api_client_intrekken(actor=self.actor, client=client)
        messages.success(request, _("The API client's token has been revoked."))
        return redirect("core:api-clients")


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
