"""API of intake: a creditor's system sends a batch of signals and follows its processing.

``POST /api/v1/vroegsignalen/leveringen/`` takes ``{"gemeentecode"?: "GM0599",
"vroegsignalen": [DDAS Vroegsignaal, …]}`` — each signal in the DDAS v0.9 shape (``ID``,
``signaalpartner: {"type": …}``, ``client: {Burgerservicenummer, …}``, …) with the platform's
optional fields ``gemeentecode``, ``aanmaningsdatum``, ``delen_aangeboden``, ``telefoon`` and
``email``. The body is stored as sent before anything else (202 Accepted with the delivery's id
and status URL); the rows are checked in the background. ``GET …/leveringen/<uuid>/`` gives the
counts, the errors per row and column and, per accepted signal, only the feedback.

Only system clients of a creditor send (``signals.deliver_api``); a creditor's client and staff
read their own deliveries, anything else is 404; other organisations get 403.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from doorbraak.core.api import ApiView
from doorbraak.core.permissions import can

from . import intake, parsing, selectors_intake
from .models import Channel
from .validation import normalise_gemeentecode

MAX_SIGNALS = 50_000


def max_body_bytes() -> int:
    return int(getattr(settings, "SIGNALS_UPLOAD_MAX_MB", 60)) * 1024 * 1024


class CanSend(permissions.BasePermission):
    message = _("Only an API client of a creditor can deliver signals.")

    def has_permission(self, request, view):
        return can(request.actor, "signals.deliver_api")


class CanFollow(permissions.BasePermission):
    message = _("Only the creditor itself can follow its deliveries.")

    def has_permission(self, request, view):
        actor = request.actor
        return can(actor, "signals.deliver_api") or can(actor, "signals.deliver")


class ClientSerializer(serializers.Serializer):
    Burgerservicenummer = serializers.CharField(required=False)
    Voorletters = serializers.CharField(required=False)
    Voorvoegsel = serializers.CharField(required=False)
    Achternaam = serializers.CharField(required=False)
    Geboortedatum = serializers.DateField(required=False)
    Straatnaam = serializers.CharField(required=False)
    Postcode = serializers.CharField(required=False)
    Huisnummer = serializers.CharField(required=False)
    Huisnummertoevoeging = serializers.CharField(required=False)
    Plaatsnaam = serializers.CharField(required=False)


class SignaalpartnerSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="EnumSignaalpartner of DDAS v0.9, e.g. Huur.")


class VroegsignaalSerializer(serializers.Serializer):
    """For the OpenAPI description; rows are checked one by one in the background."""

    ID = serializers.CharField(max_length=100)
    crisissignaal = serializers.BooleanField(required=False)
    warmeOverdracht = serializers.BooleanField(required=False)
    bedrag = serializers.IntegerField(
        required=False, min_value=0, max_value=99_999_999, help_text="Whole euros (DDAS)."
    )
    ontstaansdatum = serializers.DateField(required=False)
    signaaldatum = serializers.DateField()
    signaalpartner = SignaalpartnerSerializer()
    client = ClientSerializer()
    gemeentecode = serializers.CharField(required=False, help_text="Platform addition.")
    aanmaningsdatum = serializers.DateField(required=False, help_text="Platform addition.")
    delen_aangeboden = serializers.BooleanField(required=False, help_text="Platform addition.")
    telefoon = serializers.CharField(required=False, help_text="Platform addition.")
    email = serializers.CharField(required=False, help_text="Platform addition.")


class DeliveryRequestSerializer(serializers.Serializer):
    gemeentecode = serializers.CharField(required=False)
    vroegsignalen = VroegsignaalSerializer(many=True)


class RowErrorSerializer(serializers.Serializer):
    column = serializers.CharField()
    message = serializers.CharField()


class RejectedRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(source="row_number", min_value=1, max_value=2_147_483_647)
    ID = serializers.CharField(source="external_id")
    errors = RowErrorSerializer(many=True)


class SignalFeedbackSerializer(serializers.Serializer):
    ID = serializers.CharField(source="external_id")
    feedback = serializers.CharField(help_text="opgepakt, niet_opgepakt or empty (not yet known).")


COUNT = {"min_value": 0, "max_value": 2_147_483_647}


class DeliverySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    status = serializers.CharField()
    received_at = serializers.DateTimeField()
    processed_at = serializers.DateTimeField(allow_null=True)
    gemeentecode = serializers.CharField(source="gemeente_code")
    rows = serializers.IntegerField(source="rows_total", **COUNT)
    accepted = serializers.IntegerField(source="rows_accepted", **COUNT)
    rejected = serializers.IntegerField(source="rows_rejected", **COUNT)
    already_received = serializers.IntegerField(source="rows_duplicate", **COUNT)
    error = serializers.CharField()
    warnings = serializers.ListField(child=serializers.CharField())


class DeliveryCreateView(ApiView, APIView):
    permission_classes = [*ApiView.permission_classes, CanSend]
    parser_classes: list = []

    @extend_schema(
        request=DeliveryRequestSerializer,
        responses={
            202: inline_serializer(
                "DeliveryAccepted",
                {
                    "id": serializers.UUIDField(),
                    "status": serializers.CharField(),
                    "status_url": serializers.URLField(),
                },
            ),
            400: OpenApiResponse(description="The body is not a delivery of signals."),
        },
        summary="Vroegsignalen aanleveren",
        description=(
            "A batch of DDAS v0.9 Vroegsignalen. Stored as sent, processed in the background; "
            "follow the status URL. Sending a signal ID again never creates a second signal."
        ),
    )
    def post(self, request):
        limit = max_body_bytes()
        body = request._request.read(limit + 1)
        if len(body) > limit:
            raise ValidationError(
                {
                    "detail": gettext("The delivery is larger than %(max)s MB; split it.")
                    % {"max": limit // (1024 * 1024)}
                }
            )
        try:
            document = parsing.parse_json_document(body)
        except parsing.FileError as refused:
            raise ValidationError({"detail": " ".join(refused.problems)}) from None
        if len(document["vroegsignalen"]) > MAX_SIGNALS:
            raise ValidationError(
                {
                    "detail": gettext("Send at most %(max)s signals per delivery.")
                    % {"max": MAX_SIGNALS}
                }
            )
        raw_code = document.get("gemeentecode") or ""
        code = normalise_gemeentecode(raw_code) if raw_code else ""
        if code is None:
            raise ValidationError(
                {
                    "gemeentecode": gettext(
                        "%(value)s is not a CBS gemeente code (GM and four digits, e.g. GM0599)."
                    )
                    % {"value": str(raw_code)[:20]}
                }
            )
        delivery = intake.receive(
            self.actor, self.actor.organisation, body, "", Channel.API, gemeente_code=code
        )
        url = request.build_absolute_uri(reverse("api:signal-delivery", args=[delivery.uuid]))
        return Response(
            {"id": str(delivery.uuid), "status": delivery.status, "status_url": url},
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": url},
        )


class DeliveryDetailView(ApiView, APIView):
    permission_classes = [*ApiView.permission_classes, CanFollow]

    @extend_schema(
        responses=inline_serializer(
            "DeliveryStatus",
            {
                "delivery": DeliverySerializer(),
                "rejected_rows": RejectedRowSerializer(many=True),
                "signals": SignalFeedbackSerializer(many=True),
            },
        ),
        summary="Status van een levering",
        description="Counts, the errors per row and column, and per accepted signal the feedback.",
    )
    def get(self, request, uuid):
        delivery = selectors_intake.own_delivery(self.actor, uuid)
        if delivery is None:
            raise NotFound
        return Response(
            {
                "delivery": DeliverySerializer(delivery).data,
                "rejected_rows": RejectedRowSerializer(
                    selectors_intake.rejected_rows(delivery), many=True
                ).data,
                "signals": SignalFeedbackSerializer(
                    selectors_intake.signal_feedback(delivery), many=True
                ).data,
            }
        )
