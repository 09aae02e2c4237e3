"""Read-only public API of the dashboard: indicators, their values per area, a gemeente's figures.

Public like the pages (the figures are CBS and RIVM open data): no authentication, no
pagination (at most the 3,393 wijken of one period).
"""

from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .loader import KWB_PERIOD
from .models import AreaType, AreaValue, Indicator, IndicatorKind


class MonitorIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["code", "title", "definition", "unit", "kind", "period", "source", "source_url"]


class MonitorAreaValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = AreaValue
        fields = ["area_type", "area_code", "period", "value"]


class MonitorGemeenteValueSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text=_("Indicator code."))
    title = serializers.CharField()
    unit = serializers.CharField()
    period = serializers.CharField()
    value = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    nederland = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)


class MonitorGemeenteSerializer(serializers.Serializer):
    cbs_code = serializers.CharField()
    name = serializers.CharField()
    values = MonitorGemeenteValueSerializer(many=True)


class PublicApiMixin:
    authentication_classes: list = []
    permission_classes = [AllowAny]
    pagination_class = None


@extend_schema(tags=["dashboard"], summary="Indicators of the dashboard sociale impact")
class IndicatorListView(PublicApiMixin, generics.ListAPIView):
    serializer_class = MonitorIndicatorSerializer
    queryset = Indicator.objects.all()


@extend_schema(
    tags=["dashboard"],
    summary="Values of one indicator per area",
    parameters=[
        OpenApiParameter(
            "gebiedstype",
            str,
            enum=AreaType.values,
            description="Area type (default gemeente).",
        ),
        OpenApiParameter(
            "periode",
            str,
            description="Year (2024) or ISO week (2021-W05); default: the latest period.",
        ),
    ],
)
class IndicatorValuesView(PublicApiMixin, generics.ListAPIView):
    serializer_class = MonitorAreaValueSerializer

    def get_queryset(self):
        item = selectors.indicator(self.kwargs["code"])
        area_type = self.request.query_params.get("gebiedstype", AreaType.GEMEENTE)
        if area_type not in AreaType.values:
            raise serializers.ValidationError({"gebiedstype": [f"one of {AreaType.values}"]})
        queryset = AreaValue.objects.filter(indicator=item, area_type=area_type)
        period = self.request.query_params.get("periode")
        if not period:
            period = (
                KWB_PERIOD
                if item.kind == IndicatorKind.YEARLY
                else queryset.order_by("-period").values_list("period", flat=True).first()
            )
        return queryset.filter(period=period).order_by("area_code")


@extend_schema(
    tags=["dashboard"],
    summary="Key figures of a gemeente (1 January 2024) beside Nederland",
    responses=MonitorGemeenteSerializer,
)
class GemeenteView(PublicApiMixin, APIView):
    def get(self, request, cbs_code):
        name = selectors.gemeente_name(cbs_code)
        rows = selectors.comparison([(AreaType.GEMEENTE, cbs_code), selectors.nederland()])
        data = {
            "cbs_code": cbs_code,
            "name": name,
            "values": [
                {
                    "indicator": row.indicator.code,
                    "title": row.indicator.title,
                    "unit": row.indicator.unit,
                    "period": row.indicator.period,
                    "value": row.values[0],
                    "nederland": row.values[1],
                }
                for row in rows
            ],
        }
        return Response(MonitorGemeenteSerializer(data).data)
