"""API of the Maatwerkregister: search and read entries; a plan's contact requests (read and
send, the household's team only); the requests addressed to the caller's organisation and
answering them.

Entries hold no personal data and are readable by every member and system client. A contact
request is reachable by the plan's team and by the receiving organisation only (404 otherwise);
every read and change is in the processing log.
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
from doorbraak.households.api import ErrorSerializer
from doorbraak.plans.api import PlanApiView

from . import selectors, services
from .forms import SearchForm
from .models import ContactRequest, EntryKind, RegisterEntry, RequestStatus

# --- Serializers ----------------------------------------------------------------------------


class RegisterOrganisationSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)
    type = serializers.CharField(read_only=True)


class RegisterEntrySerializer(serializers.ModelSerializer):
    organisation = RegisterOrganisationSerializer(read_only=True)
    kind = serializers.ChoiceField(choices=EntryKind.choices, read_only=True)
    domains = serializers.ListField(child=serializers.CharField(), read_only=True)
    laws = serializers.ListField(child=serializers.CharField(), read_only=True)
    gemeenten = serializers.SlugRelatedField(
        slug_field="cbs_code",
        many=True,
        read_only=True,
        help_text="CBS codes of the gemeenten served explicitly.",
    )
    outdated = serializers.BooleanField(
        read_only=True, help_text="Last verified more than six months (183 days) ago."
    )

    class Meta:
        model = RegisterEntry
        fields = [
            "uuid",
            "organisation",
            "kind",
            "name",
            "mandate",
            "domains",
            "laws",
            "nationwide",
            "gemeenten",
            "region",
            "email",
            "phone",
            "availability",
            "last_verified_on",
            "outdated",
        ]


class RegisterEntryBriefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)


class ContactRequestSerializer(serializers.ModelSerializer):
    """What both sides see: the reference, and name and date of birth only with a legal basis."""

    plan = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    entry = RegisterEntryBriefSerializer(read_only=True)
    from_organisation = serializers.CharField(source="from_organisation.name", read_only=True)
    from_user = serializers.SerializerMethodField()
    household_reference = serializers.CharField(source="reference", read_only=True)
    shared_name = serializers.CharField(read_only=True)
    shared_birth_date = serializers.DateField(read_only=True, allow_null=True)
    # A plain string, not an enum: a generic "StatusEnum" component would clash with other apps.
    status = serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(RequestStatus.values) + "."
    )

    class Meta:
        model = ContactRequest
        fields = [
            "uuid",
            "plan",
            "entry",
            "from_organisation",
            "from_user",
            "household_reference",
            "question",
            "share_identity",
            "legal_basis",
            "shared_name",
            "shared_birth_date",
            "status",
            "answer",
            "answered_at",
            "resolved_at",
            "created_at",
        ]

    def get_from_user(self, obj) -> str:
        user = obj.from_user
        return (user.get_full_name() or user.get_username()) if user else ""


class ReceivedContactRequestSerializer(ContactRequestSerializer):
    """The receiving side: no link to the plan, whose uuid means nothing to them."""

    class Meta(ContactRequestSerializer.Meta):
        fields = [f for f in ContactRequestSerializer.Meta.fields if f != "plan"]


class ContactRequestCreateSerializer(serializers.Serializer):
    entry = serializers.UUIDField(help_text="The uuid of an active register entry.")
    question = serializers.CharField(max_length=4000)
    share_identity = serializers.BooleanField(
        default=False,
        help_text="Share the applicant's name and date of birth; needs legal_basis.",
    )
    legal_basis = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default=""
    )

    def validate_question(self, value):
        if contains_bsn_like(value):
            raise serializers.ValidationError(
                _("This looks like a BSN. A request never carries a BSN.")
            )
        return value

    def validate(self, data):
        if data.get("share_identity") and not data.get("legal_basis", "").strip():
            raise serializers.ValidationError(
                {"legal_basis": _("Needed to share the name and date of birth.")}
            )
        return data


class ContactRequestAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=4000)
    resolve = serializers.BooleanField(
        default=False, help_text="The answer solves the request (status opgelost)."
    )


# --- Pagination and permissions -------------------------------------------------------------


class RegisterPagination(CursorPagination):
    ordering = ("name", "id")
    page_size = 50


class ContactRequestPagination(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 50


class CanSearchRegister(permissions.BasePermission):
    def has_permission(self, request, view):
        actor = request.actor
        return actor.client is not None or can(actor, "register.search")


class CanUseInbox(permissions.BasePermission):
    message = _("Only maatwerkfunctionarissen and beheerders receive contact requests.")

    def has_permission(self, request, view):
        return can(request.actor, "register.inbox_api")


# --- Views ----------------------------------------------------------------------------------

SEARCH_PARAMETERS = [
    OpenApiParameter("zoek", str, description="Free text: name, mandate, law, organisation."),
    OpenApiParameter("organisatietype", str, description="gemeente or uitvoeringsorganisatie."),
    OpenApiParameter("leefgebied", str, description="A ZRM 2017 life-domain code."),
    OpenApiParameter("gemeente", str, description="CBS code of a gemeente served, e.g. GM0606."),
    OpenApiParameter("soort", str, description="maatwerkfunctionaris or team."),
]


class RegisterEntryListView(ApiView, generics.ListAPIView):
    serializer_class = RegisterEntrySerializer
    pagination_class = RegisterPagination
    permission_classes = [*ApiView.permission_classes, CanSearchRegister]

    @extend_schema(
        summary="Maatwerkregister doorzoeken",
        description=(
            "Active entries of the Maatwerkregister: maatwerkfunctionarissen and teams of "
            "gemeenten and national agencies, with mandate, life domains, laws, the gemeenten "
            "they serve and their central contact details."
        ),
        parameters=SEARCH_PARAMETERS,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        form = SearchForm(self.request.query_params or None)
        filters = form.filters()
        if form.errors:
            raise exceptions.ValidationError(form.errors)
        return selectors.search_entries(filters)


class RegisterEntryDetailView(ApiView, generics.GenericAPIView):
    serializer_class = RegisterEntrySerializer
    permission_classes = [*ApiView.permission_classes, CanSearchRegister]

    @extend_schema(
        summary="Vermelding in het Maatwerkregister",
        responses={200: RegisterEntrySerializer, 404: ErrorSerializer},
    )
    def get(self, request, uuid):
        entry = selectors.visible_entry(self.actor, uuid)
        if entry is None:
            raise exceptions.NotFound
        return Response(self.get_serializer(entry).data)


class PlanContactRequestsView(PlanApiView, generics.GenericAPIView):
    serializer_class = ContactRequestSerializer
    pagination_class = None  # a plan has a handful of requests

    def get_team_plan(self, *, change: bool):
        plan, access = self.get_plan_access()
        # The team; a gemeente's own system may read. A share gives no view of the requests.
        if not access.via_team and (change or self.actor.client is None):
            raise exceptions.PermissionDenied(
                _("Only the household's own team handles its contact requests.")
            )
        return plan

    @extend_schema(
        summary="Contactverzoeken van het plan",
        description="The plan's contact requests to the Maatwerkregister, newest first.",
        responses={
            200: ContactRequestSerializer(many=True),
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request, uuid):
        plan = self.get_team_plan(change=False)
        contacts = list(selectors.plan_requests(plan))
        services.verzoeken_inzien(actor=self.actor, requests=contacts, side="afzender (api)")
        return Response(ContactRequestSerializer(contacts, many=True).data)

    @extend_schema(
        summary="Contactverzoek versturen",
        description=(
            "Sends a question to an active register entry. Pseudonymous by default: the receiver "
            "sees the household's reference. With share_identity and a legal_basis the "
            "applicant's name and date of birth are shared too. Only the household's own team."
        ),
        request=ContactRequestCreateSerializer,
        responses={
            201: ContactRequestSerializer,
            400: OpenApiResponse(description="Invalid input, per field."),
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request, uuid):
        plan = self.get_team_plan(change=True)
        serializer = ContactRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry = selectors.visible_entry(self.actor, data["entry"])
        if entry is None or not entry.active:
            raise exceptions.ValidationError(
                {"entry": [_("No active register entry with this uuid.")]}
            )
        try:
            contact = services.verzoek_versturen(
                actor=self.actor,
                plan=plan,
                entry=entry,
                question=data["question"],
                share_identity=data["share_identity"],
                legal_basis=data.get("legal_basis", ""),
            )
        except services.NotAllowed as refused:
            raise exceptions.ValidationError({"detail": [str(refused)]}) from None
        contact = selectors.plan_request(plan, contact.uuid)
        return Response(ContactRequestSerializer(contact).data, status=status.HTTP_201_CREATED)


class ReceivedContactRequestListView(ApiView, generics.ListAPIView):
    serializer_class = ReceivedContactRequestSerializer
    pagination_class = ContactRequestPagination
    permission_classes = [*ApiView.permission_classes, CanUseInbox]

    @extend_schema(
        summary="Ontvangen contactverzoeken",
        description=(
            "Contact requests addressed to the entries of the caller's organisation, newest "
            "first. Shows only what the sender shared."
        ),
        parameters=[
            OpenApiParameter("status", str, description="verstuurd, beantwoord or opgelost.")
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        status_filter = self.request.query_params.get("status", "")
        if status_filter and status_filter not in RequestStatus.values:
            raise exceptions.ValidationError({"status": [_("Unknown status.")]})
        return selectors.inbox(self.actor, status_filter)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        services.verzoeken_inzien(actor=self.actor, requests=page or [], side="inbox (api)")
        return page


class ContactRequestAnswerView(ApiView, generics.GenericAPIView):
    serializer_class = ContactRequestAnswerSerializer
    parser_classes = [JSONParser]
    permission_classes = [*ApiView.permission_classes, CanUseInbox]

    @extend_schema(
        summary="Contactverzoek beantwoorden",
        description=(
            "Answers a contact request addressed to the caller's organisation; with resolve the "
            "request is solved at once. A solved request takes no new answer (409)."
        ),
        request=ContactRequestAnswerSerializer,
        responses={
            200: ReceivedContactRequestSerializer,
            400: OpenApiResponse(description="Invalid input, per field."),
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request, uuid):
        contact = selectors.inbox_request(self.actor, uuid)
        if contact is None:
            raise exceptions.NotFound
        serializer = ContactRequestAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.verzoek_beantwoorden(
                actor=self.actor,
                request=contact,
                answer=serializer.validated_data["answer"],
                resolve=serializer.validated_data["resolve"],
            )
        except services.NotAllowed as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_409_CONFLICT)
        return Response(ReceivedContactRequestSerializer(contact).data)
