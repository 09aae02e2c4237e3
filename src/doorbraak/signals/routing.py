"""Routing: which gemeente receives a signal.

In this order: the row's own gemeentecode, else the gemeentecode of the delivery, else the
postcode table (``PostcodeArea``, loaded with ``load_postcodes``). The wijk comes from the
postcode table whenever the postcode is in it. A signal whose gemeente is unknown, or is not
on the platform, gets ``routing = onbekend`` and no organisation: it waits in the queue of the
platform's functioneel beheerder until a postcode table or the gemeente arrives, and
``reroute_waiting`` routes it then.
"""

from dataclasses import dataclass

from django.db import transaction

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing
from doorbraak.core.models import Organisation, OrganisationType

from . import checks
from .models import PostcodeArea, RoutingStatus, Signal

ACTIVITY = "vroegsignaal-ontvangen"


@dataclass(frozen=True)
class Route:
    organisation: Organisation | None
    gemeente_code: str
    wijk_code: str

    @property
    def routing(self) -> str:
        return RoutingStatus.ROUTED if self.organisation is not None else RoutingStatus.UNROUTABLE


class Router:
    """Routes many signals with few queries: the gemeenten once, the postcodes per chunk."""

    def __init__(self):
        self.gemeenten = {
            o.cbs_code: o
            for o in Organisation.objects.filter(type=OrganisationType.GEMEENTE, active=True)
            if o.cbs_code
        }
        self.areas: dict[str, PostcodeArea | None] = {}

    def prefetch(self, postcodes) -> None:
        wanted = {p for p in postcodes if p and p not in self.areas}
        if not wanted:
            return
        for area in PostcodeArea.objects.filter(postcode__any=wanted):
            self.areas[area.postcode] = area
        for postcode in wanted:
            self.areas.setdefault(postcode, None)

    def route(self, row_code: str, delivery_code: str, postcode: str) -> Route:
        self.prefetch([postcode])
        area = self.areas.get(postcode)
        code = row_code or delivery_code or (area.gemeente_code if area else "")
        wijk = area.wijk_code if area is not None and area.gemeente_code == code else ""
        return Route(self.gemeenten.get(code), code, wijk)


def reroute_waiting(actor, *, signals=None) -> dict:
    """Route the waiting signals again (after a postcode table was loaded or a gemeente joined).

    Returns {"routed": n, "waiting": m}. Newly routed signals get the checks of their gemeente
    and matching runs once per gemeente that received any.
    """
    from . import intake  # the matching call lives there

    waiting = (
        signals
        if signals is not None
        else Signal.objects.filter(routing=RoutingStatus.UNROUTABLE, anonymised_at__isnull=True)
    )
    waiting = list(waiting.order_by("id"))
    router = Router()
    router.prefetch(s.postcode for s in waiting)
    rules_cache: dict = {}
    changed: list[Signal] = []
    known_code: list[Signal] = []
    for signal in waiting:
        # The code it was given (row or delivery) stays first; else the postcode table.
        route = router.route(signal.gemeente_code, "", signal.postcode)
        if route.organisation is None:
            if route.gemeente_code and not signal.gemeente_code:
                signal.gemeente_code = route.gemeente_code
                known_code.append(signal)
            continue
        signal.organisation = route.organisation
        signal.gemeente_code = route.gemeente_code
        signal.wijk_code = route.wijk_code
        signal.routing = RoutingStatus.ROUTED
        key = route.organisation.pk
        if key not in rules_cache:
            rules_cache[key] = checks.rules_for(route.organisation)
        signal.check_flags = checks.flags_for(signal, rules_cache[key])
        changed.append(signal)
    with transaction.atomic():
        Signal.objects.bulk_update(
            changed,
            ["organisation", "gemeente_code", "wijk_code", "routing", "check_flags"],
            batch_size=500,
        )
        Signal.objects.bulk_update(known_code, ["gemeente_code"], batch_size=500)
        by_gemeente: dict = {}
        for signal in changed:
            by_gemeente.setdefault(signal.organisation, []).append(signal)
        for organisation, routed in by_gemeente.items():
            log_processing(
                actor,
                ACTIVITY,
                Action.UPDATE,
                subjects=[Subject(t, str(i)) for s in routed for t, i in s.processing_subjects()],
                controller=organisation,
                detail="gerouteerd naar gemeente",
            )
    for organisation in {s.organisation for s in changed}:
        intake.run_matching(organisation)
    return {"routed": len(changed), "waiting": len(waiting) - len(changed)}
