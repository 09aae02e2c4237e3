"""Pages of the Maatwerkregister: search, an entry, the beheerder's own entries with import and
export, the receiving organisation's inbox of contact requests, and a plan's requests."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.permissions import can
from doorbraak.core.views_base import PlatformView
from doorbraak.households import zrm
from doorbraak.plans import selectors as plan_selectors
from doorbraak.plans.views import PlanMixin

from . import selectors, services, spreadsheet
from .forms import AnswerForm, ContactRequestForm, ImportForm, RegisterEntryForm, SearchForm
from .models import RequestStatus

PAGE_SIZE = 25


def _plan_for_links(request):
    """The plan a professional is looking for help for (``?plan=<uuid>``), if they may use it.

    Only a plan uuid travels in the URL; it is checked against the actor's access before the
    page offers "ask a question" links for it."""
    plan_uuid = _uuid(request.GET.get("plan", ""))
    if plan_uuid is None or not can(request.actor, "register.send_request"):
        return None
    found = plan_selectors.plan_access(request.actor, plan_uuid)
    if found is None or not found[1].can_change:
        return None
    return found[0]


def _uuid(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except (ValueError, TypeError):
        return None


def _base_context():
    return {"domain_labels": dict(zrm.DOMAINS_2017)}


# --- Search and detail ----------------------------------------------------------------------


class SearchView(PlatformView):
    permission = "register.search"

    def get(self, request):
        form = SearchForm(request.GET or None)
        filters = form.filters()
        entries = selectors.search_entries(filters)
        page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
        query = request.GET.copy()
        query.pop("pagina", None)
        context = {
            **_base_context(),
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "plan": _plan_for_links(request),
            "can_manage": can(self.actor, "register.manage"),
            "outdated_own": list(selectors.needing_reverification(self.actor.organisation))
            if can(self.actor, "register.manage")
            else [],
        }
        return TemplateResponse(request, "register/search.html", context)


class EntryDetailView(PlatformView):
    permission = "register.search"

    def get(self, request, uuid):
        entry = selectors.visible_entry(self.actor, uuid)
        if entry is None:
            raise Http404
        context = {
            **_base_context(),
            "entry": entry,
            "plan": _plan_for_links(request),
            "own": entry.organisation_id == self.actor.organisation.pk
            and can(self.actor, "register.manage"),
        }
        return TemplateResponse(request, "register/detail.html", context)


# --- Export ---------------------------------------------------------------------------------


class ExportMixin:
    """``?eigen=1``: the beheerder's own entries, inactive ones too; else the search result."""

    def entries(self, request):
        if request.GET.get("eigen"):
            if not can(self.actor, "register.manage"):
                raise PermissionDenied
            return selectors.own_entries(self.actor), "eigen"
        return selectors.search_entries(SearchForm(request.GET or None).filters()), "zoekresultaat"

    def filename(self, scope, extension):
        stamp = timezone.localdate().strftime("%Y%m%d")
        return f"maatwerkregister-{scope}-{stamp}.{extension}"


class ExportCsvView(ExportMixin, PlatformView):
    permission = "register.search"

    def get(self, request):
        entries, scope = self.entries(request)
        response = HttpResponse(spreadsheet.to_csv(entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename(scope, "csv")}"'
        return response


class ExportXlsxView(ExportMixin, PlatformView):
    permission = "register.search"

    def get(self, request):
        entries, scope = self.entries(request)
        response = HttpResponse(
            spreadsheet.to_xlsx(entries),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename(scope, "xlsx")}"'
        return response


# --- The beheerder's own entries ------------------------------------------------------------


class ManageView(PlatformView):
    permission = "register.manage"

    def get(self, request):
        return TemplateResponse(
            request,
            "register/manage.html",
            {
                **_base_context(),
                "entries": selectors.own_entries(self.actor),
                "outdated": selectors.needing_reverification(self.actor.organisation),
            },
        )


class EntryFormView(PlatformView):
    permission = "register.manage"

    def get_entry(self, uuid):
        if uuid is None:
            return None
        entry = selectors.own_entry(self.actor, uuid)
        if entry is None:
            raise Http404
        return entry

    def render(self, request, form, entry, status=200):
        return TemplateResponse(
            request,
            "register/entry_form.html",
            {**_base_context(), "form": form, "entry": entry},
            status=status,
        )

    def get(self, request, uuid=None):
        entry = self.get_entry(uuid)
        form = RegisterEntryForm(instance=entry, organisation=self.actor.organisation)
        return self.render(request, form, entry)

    def post(self, request, uuid=None):
        entry = self.get_entry(uuid)
        form = RegisterEntryForm(request.POST, instance=entry, organisation=self.actor.organisation)
        if not form.is_valid():
            return self.render(request, form, entry, status=400)
        saved = services.entry_opslaan(actor=self.actor, data=form.entry_data(), entry=entry)
        messages.success(request, _("The register entry has been saved."))
        return redirect("register:detail", uuid=saved.uuid)


class EntryActionView(PlatformView):
    """A one-button change of an own entry: verified, deactivate or activate."""

    permission = "register.manage"
    action = ""

    def post(self, request, uuid):
        entry = selectors.own_entry(self.actor, uuid)
        if entry is None:
            raise Http404
        if self.action == "verify":
            services.entry_gecontroleerd(actor=self.actor, entry=entry)
            messages.success(request, _("The entry is marked as checked today."))
        else:
            services.entry_actief(actor=self.actor, entry=entry, active=self.action == "activate")
            messages.success(
                request,
                _("The entry is active again.")
                if entry.active
                else _("The entry is deactivated: it no longer shows in the search."),
            )
        target = request.POST.get("terug")
        if target == "detail":
            return redirect("register:detail", uuid=entry.uuid)
        return redirect("register:manage")


class ImportView(PlatformView):
    permission = "register.manage"

    def render(self, request, form, result=None, file_problems=None, status=200):
        return TemplateResponse(
            request,
            "register/import.html",
            {
                "form": form,
                "result": result,
                "file_problems": file_problems or [],
                "columns": spreadsheet.COLUMNS,
                "required": spreadsheet.REQUIRED,
                "domains": zrm.DOMAINS_2017,
            },
            status=status,
        )

    def get(self, request):
        return self.render(request, ImportForm())

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form, status=400)
        upload = form.cleaned_data["file"]
        try:
            if upload.size > spreadsheet.MAX_BYTES:
                raise spreadsheet.ImportFileError([_("The file is larger than 5 MB.")])
            rows = spreadsheet.read_table(upload.name, upload.read())
            result = spreadsheet.import_entries(actor=self.actor, rows=rows)
        except spreadsheet.ImportFileError as refused:
            return self.render(request, ImportForm(), file_problems=refused.problems, status=400)
        return self.render(request, ImportForm(), result=result)


# --- The receiving organisation's inbox -----------------------------------------------------


class InboxView(PlatformView):
    permission = "register.inbox"

    def get(self, request):
        status = request.GET.get("status", "")
        if status not in RequestStatus.values:
            status = ""
        page = Paginator(selectors.inbox(self.actor, status), PAGE_SIZE).get_page(
            request.GET.get("pagina")
        )
        requests = list(page.object_list)
        services.verzoeken_inzien(actor=self.actor, requests=requests, side="inbox")
        return TemplateResponse(
            request,
            "register/inbox.html",
            {
                "page": page,
                "requests": requests,
                "status": status,
                "statuses": RequestStatus.choices,
            },
        )


class InboxRequestMixin:
    def get_request(self, uuid):
        found = selectors.inbox_request(self.actor, uuid)
        if found is None:
            raise Http404
        return found


class InboxRequestView(InboxRequestMixin, PlatformView):
    permission = "register.inbox"

    def render(self, request, contact, form, status=200):
        return TemplateResponse(
            request,
            "register/request.html",
            {"contact": contact, "form": form},
            status=status,
        )

    def get(self, request, uuid):
        contact = self.get_request(uuid)
        services.verzoek_inzien(actor=self.actor, request=contact, side="ontvanger")
        return self.render(request, contact, AnswerForm(initial={"answer": contact.answer}))

    def post(self, request, uuid):
        contact = self.get_request(uuid)
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return self.render(request, contact, form, status=400)
        try:
            services.verzoek_beantwoorden(
                actor=self.actor,
                request=contact,
                answer=form.cleaned_data["answer"],
                resolve=form.cleaned_data["resolve"],
            )
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Your answer has been sent."))
        return redirect("register:inbox")


class InboxSolveView(InboxRequestMixin, PlatformView):
    permission = "register.inbox"

    def post(self, request, uuid):
        contact = self.get_request(uuid)
        try:
            services.verzoek_oplossen(actor=self.actor, request=contact)
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The request is marked as solved."))
        return redirect("register:inbox")


# --- A plan's requests (the sender side) ----------------------------------------------------


class PlanRequestsMixin(PlanMixin):
    """The household's own team only: a share gives no view of the plan's contact requests."""

    permission = "register.send_request"

    def check_team(self):
        if not self.access.can_change:
            raise PermissionDenied


class PlanRequestsView(PlanRequestsMixin, PlatformView):
    def render(self, request, form=None, entry=None, status=200):
        self.check_team()
        contacts = list(selectors.plan_requests(self.plan))
        services.verzoeken_inzien(actor=self.actor, requests=contacts, side="afzender")
        if entry is None and form is None:
            entry_uuid = _uuid(request.GET.get("aan", ""))
            entry = selectors.visible_entry(self.actor, entry_uuid) if entry_uuid else None
            if entry is not None and not entry.active:
                entry = None
            form = ContactRequestForm(initial={"entry": entry.uuid}) if entry else None
        return TemplateResponse(
            request,
            "register/plan_requests.html",
            {
                "plan": self.plan,
                "household": self.plan.household,
                "contacts": contacts,
                "entry": entry,
                "form": form,
            },
            status=status,
        )

    def get(self, request, uuid):
        return self.render(request)

    def post(self, request, uuid):
        self.check_team()
        form = ContactRequestForm(request.POST)
        entry = None
        if form.is_valid():
            entry = selectors.visible_entry(self.actor, form.cleaned_data["entry"])
            if entry is None or not entry.active:
                form.add_error(None, _("Choose an active entry of the register."))
        if not form.is_valid():
            return self.render(request, form=form, entry=entry, status=400)
        try:
            services.verzoek_versturen(
                actor=self.actor,
                plan=self.plan,
                entry=entry,
                question=form.cleaned_data["question"],
                share_identity=form.cleaned_data["share_identity"],
                legal_basis=form.cleaned_data["legal_basis"],
            )
        except services.NotAllowed as refused:
            form.add_error(None, str(refused))
            return self.render(request, form=form, entry=entry, status=400)
        messages.success(
            request, _("Your question has been sent to %(name)s.") % {"name": entry.name}
        )
        return redirect("register:plan-requests", uuid=uuid)


class PlanRequestSolveView(PlanRequestsMixin, PlatformView):
    def post(self, request, uuid, request_uuid):
        self.check_team()
        contact = selectors.plan_request(self.plan, request_uuid)
        if contact is None:
            raise Http404
        try:
            services.verzoek_oplossen(actor=self.actor, request=contact)
        except services.NotAllowed as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The request is marked as solved."))
        return redirect("register:plan-requests", uuid=uuid)
