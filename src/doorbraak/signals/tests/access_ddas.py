"""How the DDAS and monitor URLs of vroegsignalering may be reached (read by the access harness).

The pages work on the actor's own gemeente only (no parameter names another one). The API
takes a gemeentecode: another gemeente's code gives 404, the owner's staff get the file.
"""

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import UrlAccess

DDAS = {Role.FUNCTIONEEL_BEHEERDER, Role.VROEGSIGNALERING}
MONITOR = {Role.VROEGSIGNALERING, Role.TEAMLEIDER, Role.ANALIST}


def _month_of(organisation):
    return {"gemeente": organisation.cbs_code, "period": "2026-11"}


def _signal_marker(organisation):
    from .factories import SignalFactory

    SignalFactory(organisation=organisation, achternaam=f"Geheim{organisation.pk}")
    return f"Geheim{organisation.pk}"


URLS = {
    "signals:ddas": UrlAccess(roles=DDAS, leak_marker=_signal_marker),
    "signals:ddas-import": UrlAccess(roles=DDAS, methods=("GET", "POST")),
    "signals:monitor": UrlAccess(roles=MONITOR),
    "api:signals-ddas": UrlAccess(
        roles=DDAS, foreign_object=_month_of, api=True, leak_marker=_signal_marker
    ),
}
