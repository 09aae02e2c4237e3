"""API of the maatwerkplan: one plan with its goals and actions, and adding an action.

A plan is reachable when its household is (``households.selectors_api``); anything else is 404.
Changing a plan carries the version it was read at (optimistic locking): a save on an older
version is refused with 409 and the current version, so the caller can read again and retry.
"""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import log_processing
from doorbraak.core.models import Organisation, User
from doorbraak.households import selectors_api
from doorbraak.households.api import ErrorSerializer, HouseholdApiView

from . import selectors, services
from .models import Action, ActionStatus, Goal, Plan, PlanStatus

# --- Serializers ----------------------------------------------------------------------------


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["uuid", "domain", "description"]


class ActionSerializer(serializers.ModelSerializer):
    goal = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    owner_user = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)
    owner_organisation = serializers.SlugRelatedField(
        slug_field="uuid", read_only=True, allow_null=True
    )
    status = serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(ActionStatus.values) + "."
    )
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Action
        fields = [
            "uuid",
            "goal",
            "what",
            "owner_user",
            "owner_organisation",
            "owner_text",
            "due_on",
            "status",
            "completed_on",
            "is_overdue",
        ]


class PlanSerializer(serializers.ModelSerializer):
    household = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(PlanStatus.values) + "."
    )
    version = serializers.IntegerField(
        read_only=True, help_text="Send this version with a change (optimistic locking)."
    )
    goals = GoalSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "uuid",
            "household",
            "status",
            "version",
            "blocking_domains",
            "blocking_problem",
            "blocking_party",
            "breakthrough",
            "why_it_unlocks",
            "decided_role",
            "decided_at",
            "created_at",
            "updated_at",
            "goals",
            "actions",
        ]


class ActionCreateSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, help_text="The plan version the change is based on (from the plan)."
    )
    what = serializers.CharField(max_length=300)
    goal = serializers.UUIDField(
        required=False, allow_null=True, help_text="A goal of this plan (its uuid)."
    )
    owner_user = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="Owner: a person working for the household's gemeente (user uuid).",
    )
    owner_organisation = serializers.UUIDField(
        required=False, allow_null=True, help_text="Owner: an organisation (its uuid)."
    )
    owner_text = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Owner: someone else, for example the resident or a volunteer.",
    )
    due_on = serializers.DateField()

    def validate_goal(self, value):
        if value is None:
            return None
        goal = self.context["plan"].goals.filter(uuid=value).first()
        if goal is None:
            raise serializers.ValidationError(_("This plan has no goal with this id."))
        return goal

    def validate_owner_user(self, value):
        if value is None:
            return None
        user = (
            User.objects.filter(
                uuid=value,
                memberships__organisation=self.context["plan"].household.organisation,
                memberships__active=True,
            )
            .distinct()
            .first()
        )
        if user is None:
            raise serializers.ValidationError(
                _("No active member of the household's municipality has this id.")
            )
        return user

    def validate_owner_organisation(self, value):
        if value is None:
            return None
        organisation = Organisation.objects.filter(uuid=value, active=True).first()
        if organisation is None:
            raise serializers.ValidationError(_("No active organisation has this id."))
        return organisation

    def validate_due_on(self, value):
        if value < timezone.localdate():
            raise serializers.ValidationError(_("The due date lies in the past."))
        return value

    def validate(self, attrs):
        if not (
            attrs.get("owner_user") or attrs.get("owner_organisation") or attrs.get("owner_text")
        ):
            raise serializers.ValidationError(
                {"owner_user": [_("Name an owner: a person, an organisation or someone else.")]}
            )
        return attrs


class ActionCreatedSerializer(ActionSerializer):
    plan_version = serializers.IntegerField(
        read_only=True, help_text="The plan's version after this change: send it with the next."
    )

    class Meta(ActionSerializer.Meta):
        fields = [*ActionSerializer.Meta.fields, "plan_version"]


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField(help_text="stale_version or not_allowed.")
    current_version = serializers.IntegerField(
        help_text="The plan's current version: read the plan again, then retry with it."
    )


# --- Views ----------------------------------------------------------------------------------


class PlanApiView(HouseholdApiView):
    def get_plan_access(self):
        """(plan, household access), or 404 when the plan's household is out of reach."""
        plan = Plan.objects.select_related("household").filter(uuid=self.kwargs["uuid"]).first()
        if plan is None:
            raise exceptions.NotFound
        access = selectors_api.api_household_access(self.actor, plan.household.uuid)
        if access is None:
            raise exceptions.NotFound
        return plan, access


class PlanDetailView(PlanApiView, generics.GenericAPIView):
    serializer_class = PlanSerializer

    @extend_schema(
        summary="Maatwerkplan",
        description="One maatwerkplan with its doorbraak, goals and actions.",
        responses={200: PlanSerializer, 404: ErrorSerializer},
    )
    def get(self, request, uuid):
        plan, _access = self.get_plan_access()
        log_processing(self.actor, services.ACTIVITY, LogAction.READ, plan)
        return Response(self.get_serializer(selectors.plan_detail(plan)).data)


def _conflict(detail: str, code: str, plan: Plan) -> Response:
    return Response(
        {"detail": detail, "code": code, "current_version": plan.version},
        status=status.HTTP_409_CONFLICT,
    )


class ActionListView(PlanApiView, generics.GenericAPIView):
    serializer_class = ActionSerializer
    pagination_class = None

    @extend_schema(
        summary="Acties van het plan",
        description="The plan's actions, by due date.",
        responses={200: ActionSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, uuid):
        plan, _access = self.get_plan_access()
        log_processing(self.actor, services.ACTIVITY, LogAction.READ, plan, detail="acties")
        actions = plan.actions.select_related("goal", "owner_user", "owner_organisation")
        return Response(self.get_serializer(actions, many=True).data)

    @extend_schema(
        summary="Actie toevoegen",
        description=(
            "Adds an action to the plan. Only the household's own team. Send the plan version "
            "you read: when someone changed the plan since, the answer is 409 with the current "
            "version."
        ),
        request=ActionCreateSerializer,
        responses={
            201: ActionCreatedSerializer,
            400: OpenApiResponse(description="Invalid input, with an error per field."),
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: OpenApiResponse(
                ConflictSerializer,
                description="The plan changed since the given version, or cannot be changed now.",
            ),
        },
    )
    def post(self, request, uuid):
        plan, access = self.get_plan_access()
        if not access.can_change:
            raise exceptions.PermissionDenied(
                _("Only the household's own team can change its plan.")
            )
        serializer = ActionCreateSerializer(data=request.data, context={"plan": plan})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        data.setdefault("owner_text", "")
        try:
            action = services.actie_toevoegen(
                actor=self.actor, plan=plan, version=version, data=data
            )
        except services.ConcurrentEdit as conflict:
            return _conflict(
                gettext(
                    "The plan was changed by someone else: you sent version %(sent)s, the current "
                    "version is %(current)s. Read the plan again and retry with that version."
                )
                % {"sent": version, "current": conflict.current.version},
                "stale_version",
                conflict.current,
            )
        except services.NotAllowed as refused:
            plan.refresh_from_db(fields=["version"])
            return _conflict(str(refused), "not_allowed", plan)
        action.plan_version = Plan.objects.values_list("version", flat=True).get(pk=plan.pk)
        return Response(ActionCreatedSerializer(action).data, status=status.HTTP_201_CREATED)
