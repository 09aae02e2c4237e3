"""API of the core: who am I, and the directory of organisations."""

from django.core.exceptions import PermissionDenied

from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .models import Organisation


class IsActor(permissions.BasePermission):
    """A person acting in a role, or an organisation's system client."""

    def has_permission(self, request, view):
        actor = getattr(request, "actor", None)
        return actor is not None and actor.organisation is not None


class ApiView:
    permission_classes = [permissions.IsAuthenticated, IsActor]

    @property
    def actor(self):
        actor = self.request.actor
        if actor.organisation is None:
            raise PermissionDenied
        return actor


class OrganisationSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="get_type_display", read_only=True)
    type_code = serializers.CharField(source="type", read_only=True)

    class Meta:
        model = Organisation
        fields = ["uuid", "name", "short_name", "type_code", "type", "cbs_code", "creditor_kind"]


class WhoAmISerializer(serializers.Serializer):
    organisation = OrganisationSerializer()
    role = serializers.CharField()
    client = serializers.CharField(allow_null=True)
    user = serializers.UUIDField(allow_null=True)


class WhoAmIView(ApiView, APIView):
    @extend_schema(
        responses=WhoAmISerializer,
        summary="Wie ben ik",
        description="The organisation and role the call is made for.",
    )
    def get(self, request):
        actor = self.actor
        return Response(
            WhoAmISerializer(
                {
                    "organisation": actor.organisation,
                    "role": actor.role,
                    "client": actor.client.name if actor.client else None,
                    "user": actor.user.uuid if actor.user else None,
                }
            ).data
        )


class OrganisationPagination(CursorPagination):
    ordering = ("name", "id")
    page_size = 100


class OrganisationListView(ApiView, generics.ListAPIView):
    serializer_class = OrganisationSerializer
    pagination_class = OrganisationPagination

    @extend_schema(summary="Organisaties", description="Organisations that work on the platform.")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.organisations_visible_to(self.actor)
