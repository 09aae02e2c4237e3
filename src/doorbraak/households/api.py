"""API of households: the caseload, one household, its members and its ZRM assessments.

Scope comes from ``selectors_api``; anything outside it is 404. Reads write a processing-log
entry through the services, writes go through the same services as the pages. The BSN is
accepted on input and never returned: responses carry ``bsn_masked`` only.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing
from doorbraak.core import bsn as bsn_rules
from doorbraak.core.api import ApiView

from . import selectors, selectors_api, services, zrm
from .models import POSTCODE, Assessment, AssessmentScore, Household, HouseholdStatus, Person

# --- Permissions ----------------------------------------------------------------------------


class CanUseHouseholdApi(permissions.BasePermission):
    """A gemeente's system client, a member of a team, or someone a household is shared with."""

    message = _("Your role gives no access to household data.")

    def has_permission(self, request, view):
        return selectors_api.may_use_household_api(request.actor)


class HouseholdApiView(ApiView):
    permission_classes = [*ApiView.permission_classes, CanUseHouseholdApi]
    parser_classes = [JSONParser]

    def get_access(self) -> selectors.HouseholdAccess:
        access = selectors_api.api_household_access(self.actor, self.kwargs["uuid"])
        if access is None:
            raise exceptions.NotFound
        return access

    def get_changeable_access(self) -> selectors.HouseholdAccess:
        access = self.get_access()
        if not access.can_change:
            raise exceptions.PermissionDenied(
                _("Only the household's own team can change its data.")
            )
        return access

    def is_schema_generation(self) -> bool:
        return getattr(self, "swagger_fake_view", False)


# --- Serializers ----------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class PostcodeField(serializers.CharField):
    """Postcodes as people type them (``3072ap``) are stored as ``3072 AP``."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data).upper().replace(" ", "")
        return f"{value[:4]} {value[4:]}" if len(value) == 6 else value


class TeamSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class HouseholdSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    team = TeamSerializer(read_only=True)
    assigned_to = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    postcode = PostcodeField(max_length=7, required=False, allow_blank=True, validators=[POSTCODE])
    status = serializers.CharField(
        read_only=True,
        help_text="One of: " + ", ".join(HouseholdStatus.values) + ".",
    )

    class Meta:
        model = Household
        fields = [
            "uuid",
            "reference",
            "status",
            "team",
            "assigned_to",
            "straat",
            "huisnummer",
            "toevoeging",
            "postcode",
            "plaats",
            "wijk_code",
            "buurt_code",
            "last_contact_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "uuid",
            "last_contact_on",
            "created_at",
            "updated_at",
        ]


class PersonInputSerializer(serializers.Serializer):
    """Checks on a member's input shared by intake and adding a member."""

    bsn = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=11,
        help_text=(
            "Optional. Nine digits, checked with the elfproef. Write-only: responses carry "
            "bsn_masked."
        ),
    )

    def validate_bsn(self, value: str) -> str:
        if not value:
            return ""
        digits = bsn_rules.normalise(value)
        if not digits.isdigit() or len(digits) not in (8, 9):
            raise serializers.ValidationError(
                _("A BSN has nine digits; you entered %(n)s characters.") % {"n": len(digits)}
            )
        if not bsn_rules.is_valid(digits):
            raise serializers.ValidationError(
                _("This is not a valid BSN: it fails the elfproef. Check for a typing error.")
            )
        return digits.zfill(9)

    def validate_geboortedatum(self, value):
        if value and value > timezone.localdate():
            raise serializers.ValidationError(_("The date of birth lies in the future."))
        return value


PERSON_FIELDS = [
    "uuid",
    "role",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "telefoon",
    "email",
    "in_jeugdhulp",
    "bsn_masked",
    "bsn",
]


class PersonSerializer(PersonInputSerializer, serializers.ModelSerializer):
    """A member of the household. The BSN can be sent, and is never returned in full."""

    bsn_masked = serializers.CharField(
        read_only=True, help_text="Only the last three digits of the BSN; empty without one."
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        read_only_fields = ["uuid"]


class ApplicantSerializer(PersonSerializer):
    """The applicant (aanvrager) given at intake: the role is set by the platform."""

    class Meta(PersonSerializer.Meta):
        fields = [f for f in PERSON_FIELDS if f != "role"]


class PlanSummarySerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    status = serializers.CharField(read_only=True)
    version = serializers.IntegerField(read_only=True)


class HouseholdDetailSerializer(HouseholdSerializer):
    members = PersonSerializer(many=True, read_only=True)
    plans = PlanSummarySerializer(many=True, read_only=True)

    class Meta(HouseholdSerializer.Meta):
        fields = [*HouseholdSerializer.Meta.fields, "members", "plans"]


class HouseholdCreateSerializer(HouseholdSerializer):
    applicant = ApplicantSerializer()

    class Meta(HouseholdSerializer.Meta):
        fields = [
            "straat",
            "huisnummer",
            "toevoeging",
            "postcode",
            "plaats",
            "wijk_code",
            "buurt_code",
            "applicant",
        ]


class ScoreSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()

    class Meta:
        model = AssessmentScore
        fields = ["domain", "label", "score"]

    def get_label(self, score: AssessmentScore) -> str:
        return zrm.domain_label(score.domain)


class AssessmentSerializer(serializers.ModelSerializer):
    person = serializers.SlugRelatedField(
        slug_field="uuid",
        read_only=True,
        allow_null=True,
        help_text="The member assessed; empty when the assessment is for the household.",
    )
    scores = ScoreSerializer(many=True, read_only=True)
    note = serializers.SerializerMethodField(
        help_text="Null when health and justice data are withheld from the caller."
    )
    special_categories_withheld = serializers.SerializerMethodField(
        help_text=(
            "True when health, substance-use and justice scores are left out (AVG art. 9 and 10)."
        )
    )

    class Meta:
        model = Assessment
        fields = [
            "uuid",
            "assessed_on",
            "version",
            "person",
            "scores",
            "note",
            "special_categories_withheld",
        ]

    def _withheld(self) -> bool:
        return not self.context["access"].special_categories

    def get_note(self, assessment: Assessment) -> str | None:
        # A free-text note may describe health or justice matters.
        return None if self._withheld() else assessment.note

    def get_special_categories_withheld(self, assessment: Assessment) -> bool:
        return self._withheld()


# --- Views ----------------------------------------------------------------------------------


class HouseholdPagination(CursorPagination):
    ordering = ("-updated_at", "-id")
    page_size = 50


class HouseholdListView(HouseholdApiView, generics.ListCreateAPIView):
    serializer_class = HouseholdSerializer
    pagination_class = HouseholdPagination

    def get_queryset(self):
        if self.is_schema_generation():
            return Household.objects.none()
        return selectors_api.api_households(self.actor).select_related("team", "assigned_to")

    @extend_schema(
        summary="Huishoudens",
        description=(
            "Households the caller may open: for a person, those of their team and those "
            "shared with them; for a gemeente's system client, every household of the "
            "gemeente. Newest change first."
        ),
    )
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        services.lijst_inzien(actor=self.actor, households=page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Huishouden aanmaken",
        description=(
            "Intake: a new household in the caller's team, with its applicant. Only for members "
            "of a team (professional, teamleider)."
        ),
        request=HouseholdCreateSerializer,
        responses={
            201: HouseholdDetailSerializer,
            400: OpenApiResponse(description="Invalid input, with an error per field."),
            403: OpenApiResponse(ErrorSerializer, description="Not a member of a team."),
        },
    )
    def post(self, request, *args, **kwargs):
        actor = self.actor
        if not selectors_api.may_create_household(actor):
            raise exceptions.PermissionDenied(_("Only a member of a team can create a household."))
        serializer = HouseholdCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        address = dict(serializer.validated_data)
        applicant = dict(address.pop("applicant"))
        bsn = applicant.pop("bsn", "")
        try:
            household = services.huishouden_aanmaken(
                actor=actor, address=address, applicant=applicant, bsn=bsn
            )
        except services.NotAllowed as refused:
            raise exceptions.PermissionDenied(str(refused)) from None
        return Response(HouseholdDetailSerializer(household).data, status=status.HTTP_201_CREATED)


class HouseholdDetailView(HouseholdApiView, generics.GenericAPIView):
    serializer_class = HouseholdDetailSerializer

    @extend_schema(
        summary="Huishouden",
        description="One household with its members (BSN masked) and its plans.",
        responses={200: HouseholdDetailSerializer, 404: ErrorSerializer},
    )
    def get(self, request, uuid):
        household = self.get_access().household
        services.huishouden_inzien(actor=self.actor, household=household)
        household = (
            Household.objects.select_related("team", "assigned_to")
            .prefetch_related("members", "plans")
            .get(pk=household.pk)
        )
        return Response(self.get_serializer(household).data)


class MemberListView(HouseholdApiView, generics.GenericAPIView):
    serializer_class = PersonSerializer
    pagination_class = None

    @extend_schema(
        summary="Leden van het huishouden",
        description="The members of the household. The BSN is never returned, only bsn_masked.",
        responses={200: PersonSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, uuid):
        household = self.get_access().household
        services.huishouden_inzien(actor=self.actor, household=household)
        members = household.members.order_by("role", "geboortedatum", "id")
        return Response(self.get_serializer(members, many=True).data)

    @extend_schema(
        summary="Lid toevoegen",
        description=(
            "Adds a member to the household. Only the household's own team. The BSN is optional "
            "and checked with the elfproef."
        ),
        request=PersonSerializer,
        responses={
            201: PersonSerializer,
            400: OpenApiResponse(description="Invalid input, with an error per field."),
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request, uuid):
        access = self.get_changeable_access()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        bsn = data.pop("bsn", "")
        person = services.persoon_opslaan(
            actor=self.actor, household=access.household, person=None, data=data, bsn=bsn
        )
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)


class AssessmentListView(HouseholdApiView, generics.GenericAPIView):
    serializer_class = AssessmentSerializer
    pagination_class = None

    @extend_schema(
        summary="ZRM-metingen",
        description=(
            "The household's ZRM assessments, oldest first, with a score per life domain. Health, "
            "substance-use and justice scores only for the household's team or a share that "
            "includes them."
        ),
        responses={200: AssessmentSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, uuid):
        access = self.get_access()
        assessments = selectors.assessments_of(access)
        household = access.household
        subjects = [Subject("huishouden", str(household.uuid))] + [
            Subject("persoon", person_uuid)
            for person_uuid in sorted({str(a.person.uuid) for a in assessments if a.person_id})
        ]
        log_processing(
            self.actor, "zrm-vastleggen", Action.READ, household, subjects=subjects, detail="ZRM"
        )
        serializer = self.get_serializer(
            assessments, many=True, context={**self.get_serializer_context(), "access": access}
        )
        return Response(serializer.data)
