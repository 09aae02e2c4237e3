"""API of the legal catalogue: the provisions that give room for maatwerk (read only)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from doorbraak.core.api import ApiView

from . import selectors
from .models import Provision


class ProvisionSerializer(serializers.ModelSerializer):
    catalogue_version = serializers.CharField(source="catalogue.version", read_only=True)

    class Meta:
        model = Provision
        fields = [
            "code",
            "catalogue_version",
            "law",
            "law_short",
            "bwb_id",
            "article",
            "paragraph",
            "citation",
            "title",
            "summary",
            "who_applies",
            "applier",
            "typical_use",
            "kind",
            "domains",
            "verification",
            "verification_note",
            "url",
        ]


class ProvisionListView(ApiView, generics.ListAPIView):
    serializer_class = ProvisionSerializer
    pagination_class = None

    @extend_schema(
        summary="Wettelijke ruimte voor maatwerk",
        description=(
            "The provisions of the current legal catalogue, each with a link to "
            "wetten.overheid.nl. Filter on life domain (ZRM code), law or kind."
        ),
        parameters=[
            OpenApiParameter("leefgebied", str, description="A ZRM life-domain code."),
            OpenApiParameter("wet", str, description="The law's name, e.g. Participatiewet."),
            OpenApiParameter("soort", str, description="ruimte or grens."),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        return selectors.catalogue_filtered(
            domain=params.get("leefgebied", ""),
            law=params.get("wet", ""),
            kind=params.get("soort", ""),
        )
