"""Reading rekensommen: a plan's (through the plan's access check) and the programme totals."""

from django.db.models import Count, Sum

from .models import Catalogue, CatalogueItem, Rekensom, RekensomTotal


def rekensom_of(plan) -> Rekensom | None:
    return Rekensom.objects.select_related("catalogue", "updated_by").filter(plan=plan).first()


def current_catalogue() -> Catalogue | None:
    return Catalogue.objects.filter(is_current=True).first()


def catalogue_versions():
    return Catalogue.objects.all()


def current_item(code: str) -> CatalogueItem | None:
    return CatalogueItem.objects.filter(catalogue__is_current=True, code=code).first()


def catalogue_items(catalogue: Catalogue, *, special_categories: bool = True):
    items = CatalogueItem.objects.filter(catalogue=catalogue)
    if not special_categories:
        items = items.filter(special_category=False)
    return items.order_by("payer", "name")


def programme_totals(*, organisation=None, payer=None, year_from=None, year_to=None):
    """Sums of every stored rekensom per gemeente, payer and calendar year.

    For the programme monitor: amounts only, no household data. Each row has the number of
    plans it sums, so small groups can be suppressed where the figures are published.
    """
    totals = RekensomTotal.objects.all()
    if organisation is not None:
        totals = totals.filter(organisation=organisation)
    if payer:
        totals = totals.filter(payer=payer)
    if year_from:
        totals = totals.filter(year__gte=year_from)
    if year_to:
        totals = totals.filter(year__lte=year_to)
    rows = (
        totals.values("organisation__uuid", "organisation__name", "payer", "year")
        .annotate(zonder=Sum("zonder"), met=Sum("met"), plans=Count("rekensom", distinct=True))
        .order_by("organisation__name", "payer", "year")
    )
    return [{**row, "net": row["zonder"] - row["met"]} for row in rows]
