"""The main navigation: each item shows only to actors who hold its permission."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .permissions import can


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None


ITEMS: list[NavItem] = [
    NavItem(_("Home"), "core:home", "core.view_home"),
    NavItem(_("Households"), "households:list", "households.view_caseload"),
    NavItem(_("Search"), "households:search", "households.search"),
    NavItem(_("Young people (Big 5)"), "youth:list", "youth.view_list"),
    NavItem(_("Team follow-up"), "followup:team", "followup.view_team"),
    NavItem(_("Dashboard sociale impact"), "monitor:dashboard", None),
    NavItem(_("Unit costs"), "rekensom:catalogue", "rekensom.view_catalogue"),
    NavItem(_("Legal room"), "legal:catalogue", "legal.view_catalogue"),
    NavItem(_("Maatwerkregister"), "register:search", "register.search"),
    NavItem(_("Contact requests"), "register:inbox", "register.inbox"),
    NavItem(_("Maatwerkloket"), "escalation:cases", "escalation.view_cases"),
    NavItem(_("LET"), "escalation:sessions", "escalation.manage_let"),
    NavItem(_("LET decisions"), "escalation:decisions", "escalation.view_let_decisions"),
    NavItem(_("Overbrugging"), "escalation:overbruggingen", "escalation.view_overbruggingen"),
    NavItem(_("Knelpunten"), "escalation:knelpunten", "escalation.view_knelpunten"),
    NavItem(_("Vroegsignalering"), "signals:queue", "signals.work"),
    NavItem(_("Vroegsignalering settings"), "signals:settings", "signals.manage"),
    NavItem(_("DDAS delivery"), "signals:ddas", "signals.ddas"),
    NavItem(_("Vroegsignalering monitor"), "signals:monitor", "signals.monitor"),
    NavItem(_("Signals: deliver"), "signals:deliver", "signals.deliver"),
    NavItem(_("Signals waiting"), "signals:waiting", "signals.route"),
    NavItem(_("Service levels"), "escalation:service-levels", "escalation.manage_service_levels"),
    NavItem(_("Programme totals"), "rekensom:programme", "rekensom.view_programme_totals"),
    NavItem(_("Programme monitor"), "monitor:programme", "monitor.view_programme"),
    NavItem(_("Urban renewal areas"), "monitor:area-list", "monitor.manage_areas"),
    NavItem(_("Processing log"), "audit:log", "audit.view_log"),
    NavItem(_("Register of processing activities"), "audit:activities", "audit.view_register"),
    NavItem(_("API clients"), "core:api-clients", "core.manage_api_clients"),
    NavItem(_("My account"), "accounts:account", "core.view_home"),
]


def items_for(actor, current_path: str) -> list[dict]:
    visible = []
    for item in ITEMS:
        if item.permission is None or can(actor, item.permission):
            visible.append({"label": item.label, "url": reverse(item.url_name), "current": False})
    # The current item is the one whose address is the longest start of the page's address:
    # /loket/servicenormen/ belongs to "Service levels", not to "Maatwerkloket" (/loket/).
    matches = [
        entry
        for entry in visible
        if current_path == entry["url"]
        or (entry["url"] != "/" and current_path.startswith(entry["url"]))
    ]
    if matches:
        max(matches, key=lambda entry: len(entry["url"]))["current"] = True
    return visible
