"""API of the rekensom: the unit-cost catalogue (read) and a plan's rekensom (read and replace).

A plan's rekensom is reachable when the plan's household is (404 otherwise); only the
household's own team may replace it. A replacement carries the version it was read at: when
someone saved in between, the answer is 409 with the current version.
"""

from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import log_processing
from doorbraak.core.api import ApiView
from doorbraak.households.api import ErrorSerializer
from doorbraak.plans.api import ConflictSerializer, PlanApiView
from doorbraak.plans.services import ACTIVITY, NotAllowed

from . import engine, selectors, services
from .forms import engine_problem_message
from .models import Catalogue, CatalogueItem, Granularity, Payer, Scenario

# --- Serializers ----------------------------------------------------------------------------


class CatalogueItemSerializer(serializers.ModelSerializer):
    catalogue_version = serializers.CharField(source="catalogue.version", read_only=True)

    class Meta:
        model = CatalogueItem
        fields = [
            "code",
            "catalogue_version",
            "name",
            "description",
            "unit",
            "unit_label",
            "amount",
            "price_year",
            "payer",
            "indicatief",
            "uncertainty",
            "special_category",
            "source_title",
            "source_publisher",
            "source_url",
            "source_date",
            "derivation",
        ]


class LineSerializer(serializers.Serializer):
    scenario = serializers.ChoiceField(choices=Scenario.choices)
    item = serializers.SlugField(
        help_text="The code of a catalogue item of the rekensom's version."
    )
    quantity = serializers.DecimalField(max_digits=9, decimal_places=2, min_value=0)
    first_period = serializers.IntegerField(min_value=1)
    last_period = serializers.IntegerField(min_value=1)
    probability = serializers.DecimalField(
        max_digits=4, decimal_places=3, min_value=0, max_value=1, default=1
    )
    payer = serializers.ChoiceField(
        choices=Payer.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Only when another party pays than the catalogue says.",
    )
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        help_text="The amount used: the catalogue's or the gemeente's own.",
    )
    local = serializers.BooleanField(read_only=True)

    def to_representation(self, instance):
        return {
            "scenario": instance.scenario,
            "item": instance.item.code,
            "quantity": f"{instance.quantity:.2f}",
            "first_period": instance.first_period,
            "last_period": instance.last_period,
            "probability": f"{instance.probability:.3f}",
            "payer": instance.payer,
            "amount": f"{instance.amount:.2f}",
            "local": instance.local,
        }


class PayerResultSerializer(serializers.Serializer):
    payer = serializers.CharField()
    zonder = serializers.DecimalField(max_digits=14, decimal_places=2)
    met = serializers.DecimalField(max_digits=14, decimal_places=2)
    extra_cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    saving = serializers.DecimalField(max_digits=14, decimal_places=2)


class ScenarioResultSerializer(serializers.Serializer):
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    low = serializers.DecimalField(max_digits=14, decimal_places=2)
    high = serializers.DecimalField(max_digits=14, decimal_places=2)
    per_year = serializers.ListField(
        child=serializers.DecimalField(max_digits=14, decimal_places=2)
    )


class ResultSerializer(serializers.Serializer):
    zonder = ScenarioResultSerializer()
    met = ScenarioResultSerializer()
    net_benefit = serializers.DecimalField(max_digits=14, decimal_places=2)
    net_low = serializers.DecimalField(max_digits=14, decimal_places=2)
    net_high = serializers.DecimalField(max_digits=14, decimal_places=2)
    payers = PayerResultSerializer(many=True, source="matrix")
    summary = serializers.ListField(child=serializers.CharField())


class RekensomSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    version = serializers.IntegerField(
        help_text="Send this version with a replacement (optimistic locking)."
    )
    catalogue_version = serializers.CharField(read_only=True)
    price_year = serializers.IntegerField(read_only=True)
    years = serializers.IntegerField(min_value=engine.MIN_YEARS, max_value=engine.MAX_YEARS)
    granularity = serializers.ChoiceField(choices=Granularity.choices)
    discount_rate = serializers.DecimalField(
        max_digits=5, decimal_places=4, min_value=0, max_value=Decimal("0.2")
    )
    starts_on = serializers.DateField()
    lines = LineSerializer(many=True)
    result = ResultSerializer(read_only=True)


def _representation(rekensom, result) -> dict:
    from .summary import summary

    return {
        "uuid": str(rekensom.uuid),
        "version": rekensom.version,
        "catalogue_version": rekensom.catalogue.version,
        "price_year": rekensom.price_year,
        "years": rekensom.years,
        "granularity": rekensom.granularity,
        "discount_rate": f"{rekensom.discount_rate:.4f}",
        "starts_on": rekensom.starts_on.isoformat(),
        "lines": LineSerializer(rekensom.lines.select_related("item"), many=True).data,
        "result": ResultSerializer(
            {
                "zonder": result.zonder,
                "met": result.met,
                "net_benefit": result.net_benefit,
                "net_low": result.net_low,
                "net_high": result.net_high,
                "matrix": result.matrix,
                "summary": summary(result),
            }
        ).data,
    }


# --- Views ----------------------------------------------------------------------------------


class CatalogueItemListView(ApiView, generics.ListAPIView):
    serializer_class = CatalogueItemSerializer
    pagination_class = None

    @extend_schema(
        summary="Kostenkengetallen",
        description=(
            "The items of the unit-cost catalogue: the current version, or the one named in "
            "`versie`. Amounts in euros of their own price year, each with payer and source."
        ),
        parameters=[OpenApiParameter("versie", str, description="A catalogue version.")],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        version = self.request.query_params.get("versie")
        catalogues = (
            Catalogue.objects.filter(version=version)
            if version
            else Catalogue.objects.filter(is_current=True)
        )
        catalogue = catalogues.first()
        if catalogue is None:
            raise exceptions.NotFound(_("No catalogue with this version."))
        return CatalogueItem.objects.filter(catalogue=catalogue).select_related("catalogue")


class PlanRekensomView(PlanApiView, generics.GenericAPIView):
    serializer_class = RekensomSerializer
    parser_classes = [JSONParser]

    def get_rekensom(self):
        plan, access = self.get_plan_access()
        rekensom = selectors.rekensom_of(plan)
        if rekensom is None:
            raise exceptions.NotFound(_("This plan has no rekensom yet."))
        return plan, access, rekensom

    @extend_schema(
        summary="Rekensom van het plan",
        description="The plan's rekensom: horizon, cost lines and the computed result.",
        responses={200: RekensomSerializer, 404: ErrorSerializer},
    )
    def get(self, request, uuid):
        plan, access, rekensom = self.get_rekensom()
        if (
            not access.special_categories
            and rekensom.lines.filter(item__special_category=True).exists()
        ):
            raise exceptions.PermissionDenied(
                _("The rekensom holds health or justice data that your access does not include.")
            )
        log_processing(self.actor, ACTIVITY, LogAction.READ, plan, detail="rekensom")
        return Response(_representation(rekensom, services.result_of(rekensom)))

    @extend_schema(
        summary="Rekensom vervangen",
        description=(
            "Replaces the horizon and all cost lines at once and recomputes. Only the "
            "household's own team. Send the version you read: 409 when it changed since."
        ),
        request=RekensomSerializer,
        responses={
            200: RekensomSerializer,
            400: OpenApiResponse(description="Invalid input, with the place of each problem."),
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ConflictSerializer,
        },
    )
    def put(self, request, uuid):
        plan, access, rekensom = self.get_rekensom()
        if not access.can_change:
            raise exceptions.PermissionDenied(
                _("Only the household's own team can change its plan.")
            )
        serializer = RekensomSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        items = {i.code: i for i in CatalogueItem.objects.filter(catalogue=rekensom.catalogue)}
        unknown = sorted({line["item"] for line in data["lines"]} - set(items))
        if unknown:
            raise exceptions.ValidationError(
                {
                    "lines": [
                        gettext("Unknown cost item: %(codes)s.") % {"codes": ", ".join(unknown)}
                    ]
                }
            )
        lines = [
            services.LineInput(
                scenario=line["scenario"],
                item=items[line["item"]],
                quantity=line["quantity"],
                first_period=line["first_period"],
                last_period=line["last_period"],
                probability=line["probability"],
                payer=line.get("payer", ""),
            )
            for line in data["lines"]
        ]
        settings = services.Settings(
            years=data["years"],
            granularity=data["granularity"],
            discount_rate=data["discount_rate"],
            starts_on=data["starts_on"],
        )
        try:
            result = services.rekensom_opslaan(
                actor=self.actor,
                rekensom=rekensom,
                version=data["version"],
                settings=settings,
                lines=lines,
            )
        except engine.InvalidRekensom as invalid:
            raise exceptions.ValidationError(
                {"lines": [engine_problem_message(w, c) for w, c in invalid.problems]}
            ) from None
        except services.ConcurrentEdit as conflict:
            return Response(
                {
                    "detail": gettext(
                        "The rekensom was changed by someone else: you sent version %(sent)s, "
                        "the current version is %(current)s."
                    )
                    % {"sent": data["version"], "current": conflict.current.version},
                    "code": "stale_version",
                    "current_version": conflict.current.version,
                },
                status=status.HTTP_409_CONFLICT,
            )
        except NotAllowed as refused:
            return Response(
                {
                    "detail": str(refused),
                    "code": "not_allowed",
                    "current_version": rekensom.version,
                },
                status=status.HTTP_409_CONFLICT,
            )
        rekensom.refresh_from_db()
        return Response(_representation(rekensom, result))
