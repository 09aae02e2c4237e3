"""Operations on a plan's rekensom: each writes its changes and processing-log entry together.

The Django layer only loads the inputs for the engine and stores what it returns: the lines
as entered, and the totals per payer and calendar year for the programme monitor.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from doorbraak.audit.models import Action as LogAction
from doorbraak.audit.services import log_processing
from doorbraak.plans.services import ACTIVITY, NotAllowed

from . import engine
from .models import (
    Catalogue,
    CatalogueItem,
    LocalAmount,
    PriceIndex,
    Rekensom,
    RekensomLine,
    RekensomTotal,
)


class ConcurrentEdit(Exception):
    def __init__(self, current: Rekensom):
        super().__init__("concurrent edit")
        self.current = current


@dataclass(frozen=True)
class LineInput:
    """One cost line as entered: what the form or the API hands to ``rekensom_opslaan``."""

    scenario: str
    item: CatalogueItem
    quantity: Decimal
    first_period: int
    last_period: int
    probability: Decimal = Decimal(1)
    payer: str = ""
    note: str = ""


@dataclass(frozen=True)
class Settings:
    years: int
    granularity: str
    discount_rate: Decimal
    starts_on: datetime.date


def current_catalogue() -> Catalogue:
    return Catalogue.objects.get(is_current=True)


def local_amounts(organisation) -> dict[str, LocalAmount]:
    if organisation is None:
        return {}
    return {a.code: a for a in LocalAmount.objects.filter(organisation=organisation)}


def price_index() -> dict[int, Decimal]:
    return dict(PriceIndex.objects.values_list("year", "value"))


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def horizon_of(rekensom: Rekensom, index: dict[int, Decimal] | None = None) -> engine.Horizon:
    return engine.Horizon(
        years=rekensom.years,
        granularity=rekensom.granularity,
        discount_rate=rekensom.discount_rate,
        price_year=rekensom.price_year,
        price_index=index if index is not None else price_index(),
    )


def engine_line(line, *, amount: Decimal, price_year: int) -> engine.Line:
    item = line.item
    return engine.Line(
        item=engine.Item(
            code=item.code,
            amount=amount,
            unit=item.unit,
            price_year=price_year,
            payer=item.payer,
            uncertainty=item.uncertainty,
        ),
        quantity=line.quantity,
        first_period=line.first_period,
        last_period=line.last_period,
        probability=line.probability,
        payer=line.payer or None,
    )


def compute_lines(rekensom: Rekensom, lines, organisation) -> engine.Result:
    """The engine's result for lines as entered (not yet saved) or as stored.

    Stored lines carry the amount they were saved with; entered lines take the gemeente's
    local amount where it set one, else the catalogue's.
    """
    local = local_amounts(organisation)
    zonder, met = [], []
    for line in lines:
        if isinstance(line, RekensomLine):
            amount, year = line.amount, line.price_year
        else:
            amount, year, _local = amount_for(line.item, local)
        (zonder if line.scenario == engine.ZONDER else met).append(
            engine_line(line, amount=amount, price_year=year)
        )
    return engine.compute(zonder, met, horizon_of(rekensom))


def amount_for(item: CatalogueItem, local: dict[str, LocalAmount]):
    own = local.get(item.code)
    if own is not None:
        return own.amount, own.price_year, True
    return item.amount, item.price_year, False


def preview(rekensom: Rekensom, settings: Settings, lines: list[LineInput]) -> engine.Result:
    """The figures for a horizon and lines as entered, without saving anything."""
    draft = Rekensom(
        pk=rekensom.pk,
        catalogue_id=rekensom.catalogue_id,
        years=settings.years,
        granularity=settings.granularity,
        discount_rate=settings.discount_rate,
        price_year=rekensom.price_year,
        starts_on=settings.starts_on,
    )
    return compute_lines(draft, lines, rekensom.plan.household.organisation)


def result_of(rekensom: Rekensom) -> engine.Result:
    lines = list(rekensom.lines.select_related("item"))
    return compute_lines(rekensom, lines, None)


@transaction.atomic
def rekensom_aanmaken(*, actor, plan) -> Rekensom:
    if not plan.is_editable:
        raise NotAllowed("Het plan kan in deze fase niet worden gewijzigd.")
    existing = Rekensom.objects.filter(plan=plan).first()
    if existing is not None:
        return existing
    catalogue = current_catalogue()
    rekensom = Rekensom.objects.create(
        plan=plan,
        catalogue=catalogue,
        price_year=catalogue.price_year,
        starts_on=_first_of_month(timezone.localdate()),
        updated_by=actor.user,
    )
    log_processing(actor, ACTIVITY, LogAction.CREATE, plan, detail="rekensom aangemaakt")
    return rekensom


@transaction.atomic
def rekensom_opslaan(
    *, actor, rekensom: Rekensom, version: int, settings: Settings, lines: list[LineInput]
) -> engine.Result:
    """Replace the horizon and every line at once, recompute and store the totals.

    All or nothing: the engine checks the whole input before anything is written, and a save
    based on an older version is refused (someone else saved in between).
    """
    plan = rekensom.plan
    if not plan.is_editable:
        raise NotAllowed("Het plan kan in deze fase niet worden gewijzigd.")
    wrong_catalogue = [line for line in lines if line.item.catalogue_id != rekensom.catalogue_id]
    if wrong_catalogue:
        raise NotAllowed("Een kostenpost komt niet uit de catalogusversie van deze rekensom.")
    organisation = plan.household.organisation
    result = preview(rekensom, settings, lines)  # raises InvalidRekensom before writing
    updated = Rekensom.objects.filter(pk=rekensom.pk, version=version).update(
        version=F("version") + 1,
        years=settings.years,
        granularity=settings.granularity,
        discount_rate=settings.discount_rate,
        starts_on=settings.starts_on,
        zonder_total=result.zonder.total,
        met_total=result.met.total,
        net_benefit=result.net_benefit,
        updated_by=actor.user,
        updated_at=timezone.now(),
    )
    if not updated:
        raise ConcurrentEdit(Rekensom.objects.get(pk=rekensom.pk))
    local = local_amounts(organisation)
    rekensom.lines.all().delete()
    stored = []
    for position, line in enumerate(lines):
        amount, year, is_local = amount_for(line.item, local)
        stored.append(
            RekensomLine(
                rekensom=rekensom,
                scenario=line.scenario,
                position=position,
                item=line.item,
                amount=amount,
                price_year=year,
                local=is_local,
                quantity=line.quantity,
                first_period=line.first_period,
                last_period=line.last_period,
                probability=line.probability,
                payer=line.payer,
                note=line.note,
            )
        )
    RekensomLine.objects.bulk_create(stored)
    _store_totals(rekensom, organisation, settings.starts_on, result)
    log_processing(actor, ACTIVITY, LogAction.UPDATE, plan, detail="rekensom")
    return result


def _store_totals(rekensom, organisation, starts_on, result: engine.Result) -> None:
    """Per payer and calendar year: horizon year n counts in the year it starts in."""
    rekensom.totals.all().delete()
    zonder, met = result.zonder.per_payer_year, result.met.per_payer_year
    rows = []
    for payer in engine.PAYERS:
        if payer not in zonder and payer not in met:
            continue
        for n in range(result.horizon.years):
            rows.append(
                RekensomTotal(
                    rekensom=rekensom,
                    organisation=organisation,
                    payer=payer,
                    year=starts_on.year + n,
                    zonder=zonder.get(payer, (Decimal(0),) * result.horizon.years)[n],
                    met=met.get(payer, (Decimal(0),) * result.horizon.years)[n],
                )
            )
    RekensomTotal.objects.bulk_create(rows)


@transaction.atomic
def lokaal_bedrag_opslaan(*, actor, code: str, data: dict) -> LocalAmount:
    """A gemeente's own amount for an item; no personal data, so no processing-log entry."""
    local, _created = LocalAmount.objects.update_or_create(
        organisation=actor.organisation,
        code=code,
        defaults={**data, "created_by": actor.user, "updated_at": timezone.now()},
    )
    return local


@transaction.atomic
def lokaal_bedrag_verwijderen(*, actor, code: str) -> None:
    LocalAmount.objects.filter(organisation=actor.organisation, code=code).delete()
