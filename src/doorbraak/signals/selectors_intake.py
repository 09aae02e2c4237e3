"""Reads of intake, scoped to what the actor may see.

A creditor sees its own deliveries, their rejected rows and, per accepted signal, only its ID
and the feedback (opgepakt / niet opgepakt / nog niet bekend). The platform's functioneel
beheerder sees the waiting (unroutable) signals without names or BSN.
"""

from django.db.models import Count, Min

from .models import Delivery, RejectedRow, RoutingStatus, Signal


def own_deliveries(actor):
    organisation = actor.organisation
    if organisation is None:
        return Delivery.objects.none()
    return Delivery.objects.defer("payload").filter(creditor=organisation)


def own_delivery(actor, uuid) -> Delivery | None:
    return own_deliveries(actor).filter(uuid=uuid).first()


def rejected_rows(delivery: Delivery):
    return RejectedRow.objects.filter(delivery=delivery).order_by("row_number")


def signal_feedback(delivery: Delivery):
    """Per accepted signal: its ID and the feedback, nothing the gemeente recorded."""
    return (
        Signal.objects.filter(delivery=delivery)
        .order_by("external_id", "id")
        .values("external_id", "feedback")
    )


WAITING_FIELDS = ("uuid", "creditor__name", "received_at", "postcode", "gemeente_code")


def waiting_signals():
    """Signals without a gemeente; only the fields needed to route them (no name, no BSN)."""
    return (
        Signal.objects.filter(routing=RoutingStatus.UNROUTABLE, anonymised_at__isnull=True)
        .order_by("received_at", "id")
        .values(*WAITING_FIELDS)
    )


def waiting_counts():
    """Waiting signals per creditor, with the oldest date of receipt."""
    return (
        Signal.objects.filter(routing=RoutingStatus.UNROUTABLE, anonymised_at__isnull=True)
        .values("creditor__name")
        .annotate(count=Count("id"), oldest=Min("received_at"))
        .order_by("-count", "creditor__name")
    )
