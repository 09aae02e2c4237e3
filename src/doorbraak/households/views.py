from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.permissions import can
from doorbraak.core.views_base import PlatformView

from . import selectors, services, zrm
from .forms import (
    AddressForm,
    ApplicantForm,
    AssessmentForm,
    GroundForm,
    PersonForm,
    SearchForm,
    ShareForm,
    TransferForm,
)
from .selectors import SearchCriteria


class CaseloadView(PlatformView):
    permission = "households.view_caseload"

    def get(self, request):
        page = selectors.team_page(self.actor, cursor=request.GET.get("na"))
        shared = selectors.shared_with(self.actor)
        services.lijst_inzien(actor=self.actor, households=page.items + shared)
        return TemplateResponse(
            request,
            "households/list.html",
            {
                "page": page,
                "shared": shared,
                "team": self.actor.team,
            },
        )


class IntakeView(PlatformView):
    permission = "households.create"

    def get(self, request):
        return TemplateResponse(
            request,
            "households/intake.html",
            {
                "address_form": AddressForm(prefix="adres"),
                "person_form": ApplicantForm(prefix="aanvrager"),
            },
        )

    def post(self, request):
        address_form = AddressForm(request.POST, prefix="adres")
        person_form = ApplicantForm(request.POST, prefix="aanvrager")
        if address_form.is_valid() and person_form.is_valid():
            applicant = {k: v for k, v in person_form.cleaned_data.items() if k != "bsn"}
            household = services.huishouden_aanmaken(
                actor=self.actor,
                address=address_form.cleaned_data,
                applicant=applicant,
                bsn=person_form.cleaned_data["bsn"],
            )
            messages.success(request, _("The household has been created."))
            return redirect("households:detail", uuid=household.uuid)
        return TemplateResponse(
            request,
            "households/intake.html",
            {
                "address_form": address_form,
                "person_form": person_form,
            },
            status=400,
        )


class SearchView(PlatformView):
    """Search by name, date of birth, postcode or BSN: always POST, so nothing lands in a URL."""

    permission = "households.search"

    def get(self, request):
        return TemplateResponse(request, "households/search.html", {"form": SearchForm()})

    def post(self, request):
        form = SearchForm(request.POST)
        results = None
        if form.is_valid():
            data = form.cleaned_data
            criteria = SearchCriteria(
                name=data["name"],
                geboortedatum=data["geboortedatum"],
                postcode=data["postcode"],
                bsn=data["bsn"],
            )
            results = selectors.search(self.actor, criteria)
            services.zoeken(
                actor=self.actor, people=results, criteria_used=[k for k, v in data.items() if v]
            )
        return TemplateResponse(
            request,
            "households/search.html",
            {
                "form": form,
                "results": results,
            },
            status=200 if form.is_valid() else 400,
        )


class HouseholdMixin:
    """Looks the household up through the selector: 404 for anything the actor may not open."""

    change = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and getattr(request.actor, "membership", None):
            self.access = selectors.household_access(request.actor, kwargs["uuid"])
            if self.access is None:
                raise Http404
            if self.change and not self.access.can_change:
                raise PermissionDenied
            self.household = self.access.household
        return super().dispatch(request, *args, **kwargs)


class HouseholdDetailView(HouseholdMixin, PlatformView):
    def get(self, request, uuid):
        household = self.household
        services.huishouden_inzien(actor=self.actor, household=household)
        assessments = selectors.assessments_of(self.access)
        plans = household.plans.annotate(
            open_actions=Count("actions", filter=Q(actions__status__in=["open", "bezig"]))
        ).order_by("-created_at")
        return TemplateResponse(
            request,
            "households/detail.html",
            {
                "household": household,
                "access": self.access,
                "members": household.members.order_by("role", "geboortedatum"),
                "grounds": household.grounds.prefetch_related("share_with").select_related(
                    "given_by"
                ),
                "shares": household.shares.select_related("user", "organisation").order_by(
                    "-ends_on"
                ),
                "transfers": household.transfers.select_related("from_team", "to_team", "by")[:5],
                "latest": assessments[-1] if assessments else None,
                "plans": plans,
                "can_erase": can(self.actor, "households.erase"),
                "today": timezone.localdate(),
            },
        )


class PersonEditView(HouseholdMixin, PlatformView):
    change = True

    def _person(self, person_uuid):
        if person_uuid is None:
            return None
        person = selectors.person_in(self.access, person_uuid)
        if person is None:
            raise Http404
        return person

    def get(self, request, uuid, person_uuid=None):
        person = self._person(person_uuid)
        form = PersonForm(instance=person, initial={"bsn": person.bsn} if person else None)
        return TemplateResponse(
            request,
            "households/person_form.html",
            {"form": form, "household": self.household, "person": person},
        )

    def post(self, request, uuid, person_uuid=None):
        person = self._person(person_uuid)
        form = PersonForm(request.POST, instance=person)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "bsn"}
            services.persoon_opslaan(
                actor=self.actor,
                household=self.household,
                person=person,
                data=data,
                bsn=form.cleaned_data["bsn"],
            )
            messages.success(request, _("The member's details have been saved."))
            return redirect("households:detail", uuid=self.household.uuid)
        return TemplateResponse(
            request,
            "households/person_form.html",
            {"form": form, "household": self.household, "person": person},
            status=400,
        )


class GroundCreateView(HouseholdMixin, PlatformView):
    change = True

    def get(self, request, uuid):
        return TemplateResponse(
            request,
            "households/ground_form.html",
            {"form": GroundForm(household=self.household), "household": self.household},
        )

    def post(self, request, uuid):
        form = GroundForm(request.POST, household=self.household)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.grond_vastleggen(
                    actor=self.actor,
                    household=self.household,
                    purpose=data["purpose"],
                    ground=data["ground"],
                    law=data["law"],
                    given_by=data["given_by"],
                    given_on=data["given_on"],
                    share_with=data["share_with"],
                )
            except services.NotAllowed as refused:
                form.add_error("given_by", str(refused))
            else:
                messages.success(request, _("The legal basis has been recorded."))
                return redirect("households:detail", uuid=self.household.uuid)
        return TemplateResponse(
            request,
            "households/ground_form.html",
            {"form": form, "household": self.household},
            status=400,
        )


class GroundWithdrawView(HouseholdMixin, PlatformView):
    change = True

    def post(self, request, uuid, ground_uuid):
        ground = self.household.grounds.filter(uuid=ground_uuid).first()
        if ground is None:
            raise Http404
        ended = services.grond_intrekken(actor=self.actor, ground=ground)
        messages.success(
            request, _("Withdrawn. Sharing that rested on it has stopped (%(n)s).") % {"n": ended}
        )
        return redirect("households:detail", uuid=self.household.uuid)


class ShareCreateView(HouseholdMixin, PlatformView):
    change = True

    def get(self, request, uuid):
        return TemplateResponse(
            request,
            "households/share_form.html",
            {"form": ShareForm(household=self.household), "household": self.household},
        )

    def post(self, request, uuid):
        form = ShareForm(request.POST, household=self.household)
        if form.is_valid():
            data = form.cleaned_data
            organisation = form.organisation()
            try:
                if organisation is None:
                    raise services.NotAllowed(
                        _(
                            "The chosen basis does not allow sharing with "
                            "this person's organisation."
                        )
                    )
                services.delen(
                    actor=self.actor,
                    household=self.household,
                    ground=data["ground"],
                    user=data["user"],
                    organisation=organisation,
                    purpose=data["purpose"],
                    ends_on=data["ends_on"],
                    include_special_categories=data["include_special_categories"],
                )
            except services.NotAllowed as refused:
                form.add_error("user", str(refused))
            else:
                messages.success(request, _("Access has been shared."))
                return redirect("households:detail", uuid=self.household.uuid)
        return TemplateResponse(
            request,
            "households/share_form.html",
            {"form": form, "household": self.household},
            status=400,
        )


class ShareEndView(HouseholdMixin, PlatformView):
    change = True

    def post(self, request, uuid, share_uuid):
        share = self.household.shares.filter(uuid=share_uuid).first()
        if share is None:
            raise Http404
        services.delen_beeindigen(actor=self.actor, share=share)
        messages.success(request, _("Sharing has ended."))
        return redirect("households:detail", uuid=self.household.uuid)


class TransferView(HouseholdMixin, PlatformView):
    change = True

    def get(self, request, uuid):
        return TemplateResponse(
            request,
            "households/transfer_form.html",
            {"form": TransferForm(household=self.household), "household": self.household},
        )

    def post(self, request, uuid):
        form = TransferForm(request.POST, household=self.household)
        if form.is_valid():
            try:
                services.overdragen(
                    actor=self.actor,
                    household=self.household,
                    to_team=form.cleaned_data["to_team"],
                    note=form.cleaned_data["note"],
                )
            except services.NotAllowed as refused:
                form.add_error("to_team", str(refused))
            else:
                messages.success(
                    request,
                    _("The household has been handed over to %(team)s.")
                    % {"team": form.cleaned_data["to_team"].name},
                )
                return redirect("households:list")
        return TemplateResponse(
            request,
            "households/transfer_form.html",
            {"form": form, "household": self.household},
            status=400,
        )


class AssessmentCreateView(HouseholdMixin, PlatformView):
    change = True

    def get(self, request, uuid):
        return TemplateResponse(
            request,
            "households/assessment_form.html",
            {"form": AssessmentForm(household=self.household), "household": self.household},
        )

    def post(self, request, uuid):
        form = AssessmentForm(request.POST, household=self.household)
        if form.is_valid():
            services.zrm_vastleggen(
                actor=self.actor,
                household=self.household,
                person=form.cleaned_data["person"],
                assessed_on=form.cleaned_data["assessed_on"],
                version=zrm.VERSION_2017,
                scores=form.scores(),
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The ZRM assessment has been saved."))
            return redirect("households:assessments", uuid=self.household.uuid)
        return TemplateResponse(
            request,
            "households/assessment_form.html",
            {"form": form, "household": self.household},
            status=400,
        )


class AssessmentTrendView(HouseholdMixin, PlatformView):
    """Per domain: the scores over time, as a small chart with the table beside it."""

    def get(self, request, uuid):
        from .charts import trend_rows

        assessments = selectors.assessments_of(self.access)
        services.huishouden_inzien(actor=self.actor, household=self.household)
        return TemplateResponse(
            request,
            "households/assessments.html",
            {
                "household": self.household,
                "access": self.access,
                "assessments": assessments,
                "rows": trend_rows(assessments, self.access.special_categories),
            },
        )


class ContactView(HouseholdMixin, PlatformView):
    change = True

    def post(self, request, uuid):
        services.contact_vastleggen(
            actor=self.actor, household=self.household, on=timezone.localdate()
        )
        messages.success(request, _("Contact today has been recorded."))
        return redirect("households:detail", uuid=self.household.uuid)
