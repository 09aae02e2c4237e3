"""API of the Maatwerkloket: cases (list, detail, submit from a plan) and the knelpunten report.

Scope comes from ``selectors``: the household's team sees its own cases, loket staff (role
``loket`` in a ``rijk`` organisation) every case, an organisation's maatwerkfunctionaris the
cases addressed to it — with the minimal dataset only, not the entry test. Anything else is 404.
System clients have no access (the loket works with people, not systems).
"""

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from doorbraak.core.api import ApiView
from doorbraak.core.bsn import contains_bsn_like
from doorbraak.core.permissions import can
from doorbraak.households import zrm
from doorbraak.households.api import ErrorSerializer
from doorbraak.plans.selectors import plan_access

from . import selectors, services
from .forms import involved_organisations
from .models import LoketCase, LoketStatus


class CanUseLoketApi(permissions.BasePermission):
    message = _("Your role gives no access to the Maatwerkloket.")

    def has_permission(self, request, view):
        actor = request.actor
        return actor.client is None and can(actor, "escalation.view_cases")


class LoketApiView(ApiView):
    permission_classes = [*ApiView.permission_classes, CanUseLoketApi]
    parser_classes = [JSONParser]


# --- Serializers ----------------------------------------------------------------------------


class LoketEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    text = serializers.CharField()
    organisation = serializers.CharField(source="by_organisation.name", allow_null=True)


class LoketCaseSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    gemeente_name = serializers.CharField(source="gemeente.name", read_only=True)
    organisations = serializers.SlugRelatedField(slug_field="uuid", many=True, read_only=True)
    routed_to = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    status = serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(LoketStatus.values) + "."
    )
    first_response_overdue = serializers.SerializerMethodField()
    decision_overdue = serializers.SerializerMethodField()
    timeline = LoketEventSerializer(source="events", many=True, read_only=True)

    ENTRY_TEST = ("tried_locally", "tried_regionally", "who_involved", "why_failed")
    FULL_ONLY = (*ENTRY_TEST, "timeline", "identifying_details", "identifying_legal_basis")

    class Meta:
        model = LoketCase
        fields = [
            "uuid",
            "status",
            "household_reference",
            "gemeente",
            "gemeente_name",
            "life_domains",
            "laws",
            "organisations",
            "other_organisations",
            "question",
            "tried_locally",
            "tried_regionally",
            "who_involved",
            "why_failed",
            "identifying_details",
            "identifying_legal_basis",
            "submitted_at",
            "first_response_due",
            "decision_due",
            "first_response_at",
            "decided_at",
            "first_response_overdue",
            "decision_overdue",
            "advice",
            "routed_to",
            "outcome",
            "closed_at",
            "timeline",
        ]

    def get_first_response_overdue(self, case) -> bool:
        return case.first_response_overdue()

    def get_decision_overdue(self, case) -> bool:
        return case.decision_overdue()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("full", True):
            for name in self.FULL_ONLY:
                data.pop(name, None)
        return data


class LoketCaseCreateSerializer(serializers.Serializer):
    tried_locally = serializers.CharField(help_text="Entry test: what was tried locally.")
    tried_regionally = serializers.CharField(help_text="Entry test: what was tried regionally.")
    who_involved = serializers.CharField(help_text="Entry test: who was involved.")
    why_failed = serializers.CharField(help_text="Entry test: why it did not work.")
    question = serializers.CharField()
    life_domains = serializers.ListField(
        child=serializers.ChoiceField(choices=zrm.DOMAINS_2017), required=False, default=list
    )
    laws = serializers.CharField(required=False, allow_blank=True, default="")
    organisations = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        help_text="Organisations involved (their uuid).",
    )
    other_organisations = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )
    identifying_details = serializers.CharField(required=False, allow_blank=True, default="")
    identifying_legal_basis = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_organisations(self, value):
        found = list(involved_organisations().filter(uuid__in=value))
        if len(found) != len(set(value)):
            raise serializers.ValidationError(_("Unknown organisation."))
        return found

    def validate(self, attrs):
        basis = attrs.get("identifying_legal_basis", "").strip()
        errors = {}
        if attrs.get("identifying_details", "").strip() and not basis:
            errors["identifying_legal_basis"] = [
                _("Names or BSN can only be passed on with a legal basis.")
            ]
        if not basis:
            for name in (
                "tried_locally",
                "tried_regionally",
                "who_involved",
                "why_failed",
                "question",
                "laws",
                "other_organisations",
            ):
                if contains_bsn_like(attrs.get(name) or ""):
                    errors[name] = [_("This looks like a BSN. Use the household reference.")]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class KnelpuntReportRowSerializer(serializers.Serializer):
    law = serializers.CharField()
    organisation = serializers.CharField()
    quarter = serializers.CharField(help_text="Year and quarter, e.g. 2026-K3.")
    total = serializers.IntegerField()
    open = serializers.IntegerField()
    geescaleerd = serializers.IntegerField()
    opgelost = serializers.IntegerField()


# --- Views ----------------------------------------------------------------------------------


class LoketCasePagination(CursorPagination):
    ordering = ("-submitted_at", "-id")
    page_size = 50


class LoketCaseListView(LoketApiView, generics.ListAPIView):
    serializer_class = LoketCaseSerializer
    pagination_class = LoketCasePagination

    @extend_schema(
        summary="Loketzaken",
        description=(
            "The Maatwerkloket cases the caller may see: the team's own, every case for loket "
            "staff, those addressed to the organisation for a maatwerkfunctionaris (minimal "
            "dataset only). Filter on `status`."
        ),
        parameters=[OpenApiParameter("status", str, description="A case status.")],
    )
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.log_cases_read(self.actor, self._page_cases, "api lijst loketzaken")
        return response

    def get_queryset(self):
        cases = selectors.cases_for(self.actor).select_related("gemeente", "routed_to")
        cases = cases.prefetch_related("organisations", "events__by_organisation")
        wanted = self.request.query_params.get("status")
        if wanted in LoketStatus.values:
            cases = cases.filter(status=wanted)
        return cases

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "full": self._full()}

    def _full(self) -> bool:
        actor = self.actor
        return selectors.is_loket_staff(actor) or actor.has_role(*selectors.TEAM_ROLES)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._page_cases = list(page) if page is not None else []
        return page


class LoketCaseDetailView(LoketApiView, generics.GenericAPIView):
    serializer_class = LoketCaseSerializer

    @extend_schema(
        summary="Loketzaak",
        description="One case with its minimal dataset, and for the team and the loket its "
        "entry test and timeline.",
        responses={200: LoketCaseSerializer, 404: ErrorSerializer},
    )
    def get(self, request, uuid):
        access = selectors.case_access(self.actor, uuid)
        if access is None:
            raise exceptions.NotFound
        services.case_read(self.actor, access.case, detail="api")
        return Response(LoketCaseSerializer(access.case, context={"full": access.full}).data)


class PlanLoketCaseView(LoketApiView, generics.GenericAPIView):
    serializer_class = LoketCaseSerializer

    def get_plan_access(self):
        found = plan_access(self.actor, self.kwargs["uuid"])
        if found is None:
            raise exceptions.NotFound
        return found

    @extend_schema(
        summary="Loketzaken van het plan",
        description="The plan's requests to the Maatwerkloket with their outcome.",
        responses={200: LoketCaseSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, uuid):
        plan, _access = self.get_plan_access()
        cases = list(selectors.cases_of_plan(plan).select_related("gemeente", "routed_to"))
        services.log_cases_read(self.actor, cases, "api loketzaken van het plan")
        return Response(LoketCaseSerializer(cases, many=True, context={"full": True}).data)

    @extend_schema(
        summary="Verzoek aan het Maatwerkloket",
        description=(
            "Submits a request from the plan. Only the household's own team. The entry test "
            "(tried locally, tried regionally, who was involved, why it failed) and the "
            "question are required; names or BSN only with a legal basis. Attachments are "
            "added on the case page."
        ),
        request=LoketCaseCreateSerializer,
        responses={
            201: LoketCaseSerializer,
            400: OpenApiResponse(description="Invalid input, with an error per field."),
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request, uuid):
        plan, access = self.get_plan_access()
        if not access.can_change:
            raise exceptions.PermissionDenied(_("Only the household's own team can do this."))
        serializer = LoketCaseCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisations = data.pop("organisations", [])
        try:
            case = services.loket_verzoek_indienen(
                actor=self.actor, plan=plan, data=data, organisations=organisations
            )
        except services.NotAllowed as refused:
            raise exceptions.ValidationError({"detail": [str(refused)]}) from None
        return Response(
            LoketCaseSerializer(case, context={"full": True}).data, status=status.HTTP_201_CREATED
        )


class KnelpuntReportView(ApiView, generics.GenericAPIView):
    serializer_class = KnelpuntReportRowSerializer
    pagination_class = None

    def check_permissions(self, request):
        super().check_permissions(request)
        if request.actor.client is not None or not can(request.actor, "escalation.view_knelpunten"):
            self.permission_denied(request, message=_("Your role gives no access to this report."))

    @extend_schema(
        summary="Knelpunten per wet, organisatie en kwartaal",
        description=(
            "The anonymised knelpunten register summed per law, organisation (the one that "
            "applies the rule) and quarter, with their status. For loket staff and analysts."
        ),
        parameters=[
            OpenApiParameter("van", int, description="From year (inclusive)."),
            OpenApiParameter("tot", int, description="To year (inclusive)."),
        ],
        responses={200: KnelpuntReportRowSerializer(many=True)},
    )
    def get(self, request):
        def year(name):
            value = request.query_params.get(name, "")
            return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None

        rows = selectors.knelpunten_report(year_from=year("van"), year_to=year("tot"))
        services.knelpunten_inzien(actor=self.actor, detail="api rapport")
        return Response(KnelpuntReportRowSerializer(rows, many=True).data)
