from .models import PlanProvision, Provision, ProvisionCatalogue


def current_provisions():
    return Provision.objects.filter(catalogue__is_current=True).order_by("law", "id")


def plan_provisions(plan):
    return (
        PlanProvision.objects.filter(plan=plan)
        .select_related("provision")
        .order_by("added_at", "id")
    )


def catalogue_filtered(*, domain="", law="", kind="", query=""):
    provisions = current_provisions()
    # JSON containment is not on SQLite: filter the (small) catalogue in Python.
    provisions = [p for p in provisions if not domain or domain in p.domains]
    if law:
        provisions = [p for p in provisions if p.law == law]
    if kind:
        provisions = [p for p in provisions if p.kind == kind]
    if query:
        needle = query.casefold()
        provisions = [
            p
            for p in provisions
            if needle in f"{p.citation} {p.title} {p.summary} {p.typical_use}".casefold()
        ]
    return provisions


def current_catalogue():
    return ProvisionCatalogue.objects.filter(is_current=True).first()
