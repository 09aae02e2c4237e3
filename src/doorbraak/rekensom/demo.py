"""Demo rekensommen and juridische paragrafen for the demo plans (idempotent).

One in three demo plans gets a rekensom drawn from three worked patterns (eviction, debts,
youth care), and a legal ground fitting its doorbraak; decided plans also get the decision.
No processing-log entries: demo data is loaded by the system, not read by a person.
"""

import random
from decimal import Decimal

from django.db import transaction

from doorbraak.legal.models import Decision, PlanProvision, Provision
from doorbraak.plans import workflow
from doorbraak.plans.models import Plan

from . import services
from .models import Catalogue, CatalogueItem, Rekensom, RekensomLine

# (scenario, item code, quantity, first month, last month, probability)
PATTERNS = {
    "huisvesting": [
        ("zonder", "huisuitzetting-kosten-verhuurder", "1", 4, 4, "0.7"),
        ("zonder", "maatschappelijke-opvang-jaar", "1", 5, 16, "0.7"),
        ("zonder", "jeugdhulp-ambulant-uur", "6", 5, 28, "0.5"),
        ("zonder", "deurwaarder-ontruiming", "1", 4, 4, "0.7"),
        ("met", "huurachterstand-gemiddeld", "1", 1, 1, "1"),
        ("met", "tweede-kansovereenkomst", "1", 1, 1, "1"),
        ("met", "wmo-begeleiding-uur", "4", 1, 12, "1"),
    ],
    "financien": [
        ("zonder", "cak-bestuursrechtelijke-premie", "2", 1, 24, "0.9"),
        ("zonder", "cjib-verhoging-tweede-aanmaning", "2", 3, 3, "0.6"),
        ("zonder", "deurwaarder-loonbeslag", "1", 2, 2, "0.8"),
        ("zonder", "schulden-maatschappelijke-kosten-huishouden", "1", 1, 36, "0.5"),
        ("met", "schuldhulpverleningstraject", "1", 1, 1, "1"),
        ("met", "beschermingsbewind-schulden", "1", 1, 36, "1"),
        ("met", "wijkteam-professional-uur", "3", 1, 12, "1"),
    ],
    "default": [
        ("zonder", "bijstand-gezin", "1", 1, 36, "0.8"),
        ("zonder", "jeugdhulp-residentieel", "1", 6, 24, "0.3"),
        ("zonder", "politie-incident", "1", 1, 36, "0.1"),
        ("met", "reintegratietraject", "1", 1, 1, "1"),
        ("met", "bijstand-gezin", "1", 1, 18, "1"),
        ("met", "jeugdhulp-ambulant-uur", "4", 1, 12, "1"),
    ],
}

GROUNDS = {
    "huisvesting": ("wgs-4-2", "Dreigende ontruiming: het eerste gesprek binnen drie werkdagen."),
    "financien": ("zvw-18c-2", "Met de stabilisatieovereenkomst volgt geen melding bij het CAK."),
    "default": ("pw-18-1", "Re-integratieplicht tijdelijk lager tot wonen en zorg stabiel zijn."),
}


def _pattern(plan) -> str:
    for domain in ("huisvesting", "financien"):
        if domain in (plan.blocking_domains or []):
            return domain
    return "default"


@transaction.atomic
def load_demo_rekensommen(rng_seed: int = 2026, share: int = 3) -> int:
    catalogue = Catalogue.objects.filter(is_current=True).first()
    if catalogue is None:
        return 0
    items = {i.code: i for i in CatalogueItem.objects.filter(catalogue=catalogue)}
    provisions = {p.code: p for p in Provision.objects.filter(catalogue__is_current=True)}
    rng = random.Random(rng_seed)
    created = 0
    plans = (
        Plan.objects.filter(rekensom__isnull=True)
        .select_related("household__organisation", "decided_by")
        .order_by("id")
    )
    for plan in plans:
        if plan.pk % share:
            continue
        name = _pattern(plan)
        starts_on = plan.created_at.date().replace(day=1)
        rekensom = Rekensom.objects.create(
            plan=plan, catalogue=catalogue, price_year=catalogue.price_year, starts_on=starts_on
        )
        lines = []
        for position, (scenario, code, quantity, first, last, probability) in enumerate(
            PATTERNS[name]
        ):
            item = items.get(code)
            if item is None:
                continue
            lines.append(
                RekensomLine(
                    rekensom=rekensom,
                    scenario=scenario,
                    position=position,
                    item=item,
                    amount=item.amount,
                    price_year=item.price_year,
                    quantity=Decimal(quantity) * rng.choice([1, 1, 2]),
                    first_period=first,
                    last_period=last,
                    probability=Decimal(probability),
                )
            )
        RekensomLine.objects.bulk_create(lines)
        result = services.result_of(rekensom)
        Rekensom.objects.filter(pk=rekensom.pk).update(
            zonder_total=result.zonder.total,
            met_total=result.met.total,
            net_benefit=result.net_benefit,
        )
        services._store_totals(rekensom, plan.household.organisation, starts_on, result)
        code, argument = GROUNDS[name]
        if code in provisions:
            decided = plan.status not in (workflow.CONCEPT, workflow.TER_VASTSTELLING)
            PlanProvision.objects.create(
                plan=plan,
                provision=provisions[code],
                argument=argument,
                added_by=plan.created_by,
                decision=Decision.TOEGEPAST if decided else Decision.OPEN,
                decided_by="Teamleider sociaal wijkteam" if decided else "",
                decided_for="college van burgemeester en wethouders" if decided else "",
                mandate="Mandaatbesluit sociaal domein, art. 4" if decided else "",
                decided_on=(plan.decided_at or plan.created_at).date() if decided else None,
                decision_recorded_by=plan.decided_by if decided else None,
            )
        created += 1
    return created
