"""The legal checks on incoming signals, configured as ``CheckRule`` rows.

A rule without organisation is the platform default; a gemeente's own row for the same code
overrides it (``active`` and ``parameters``; parameters it leaves out keep the default). A failed
check appends ``{"code": ..., "message": ...}`` to ``Signal.check_flags``: the signal is kept and
the gemeente's team sees the remark. A signal that could not be routed is checked with the
platform defaults.

=====================  ==========================================================================
code                   what is checked
=====================  ==========================================================================
termijn-30-100         the arrears were between ``min_days`` (30) and ``max_days`` (100) days old
                       on the signaaldatum (convenant vroegsignalering)
huur-aanmaning         Huur: a written reminder (``aanmaningsdatum``) that offered to pass the
                       details on (``delen_aangeboden``) — Besluit gemeentelijke
                       schuldhulpverlening art. 2
aanmaning-verstuurd    every kind: a written reminder preceded the signal (``aanmaningsdatum``)
zorg-cak               Zorg: arrears older than ``max_months`` (6) months belong to the CAK
                       (wanbetalersregeling), not to the health insurer's signal
=====================  ==========================================================================
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .codes import Signaalpartner
from .models import CheckRule


@dataclass(frozen=True)
class Rule:
    code: str
    parameters: dict


def rules_for(organisation) -> list[Rule]:
    """The active rules that apply to signals of ``organisation`` (None: the defaults)."""
    defaults = {r.code: r for r in CheckRule.objects.filter(organisation__isnull=True)}
    overrides = (
        {r.code: r for r in CheckRule.objects.filter(organisation=organisation)}
        if organisation is not None
        else {}
    )
    result = []
    for code in sorted(defaults.keys() | overrides.keys()):
        default, override = defaults.get(code), overrides.get(code)
        chosen = override or default
        if not chosen.active:
            continue
        parameters = dict(default.parameters if default else {})
        if override is not None:
            parameters.update(override.parameters or {})
        result.append(Rule(code, parameters))
    return result


def _months_between(start: datetime.date, end: datetime.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def _termijn(signal, parameters) -> str | None:
    low, high = int(parameters.get("min_days", 30)), int(parameters.get("max_days", 100))
    if signal.ontstaansdatum is None:
        return _(
            "No ontstaansdatum: whether the arrears are %(low)s to %(high)s days old cannot be "
            "checked."
        ) % {"low": low, "high": high}
    days = (signal.signaaldatum - signal.ontstaansdatum).days
    if days < low:
        return _(
            "The arrears were %(days)s days old on the signaaldatum; the convenant asks for at "
            "least %(low)s."
        ) % {"days": days, "low": low}
    if days > high:
        return _(
            "The arrears were %(days)s days old on the signaaldatum; the convenant asks for at "
            "most %(high)s."
        ) % {"days": days, "high": high}
    return None


def _huur_aanmaning(signal, parameters) -> str | None:
    if signal.signaalpartner != Signaalpartner.HUUR:
        return None
    if signal.aanmaningsdatum is None:
        return _(
            "No date of the written reminder: the landlord must send one before signalling "
            "(Besluit gemeentelijke schuldhulpverlening art. 2)."
        )
    if signal.delen_aangeboden is not True:
        return _(
            "The reminder did not offer to pass the details to the gemeente (Besluit "
            "gemeentelijke schuldhulpverlening art. 2)."
        )
    return None


def _aanmaning(signal, parameters) -> str | None:
    if signal.aanmaningsdatum is None:
        return _("No date of the written reminder: a reminder precedes every signal (convenant).")
    if signal.aanmaningsdatum > signal.signaaldatum:
        return _("The written reminder is dated after the signaaldatum.")
    return None


def _zorg_cak(signal, parameters) -> str | None:
    if signal.signaalpartner != Signaalpartner.ZORG or signal.ontstaansdatum is None:
        return None
    limit = int(parameters.get("max_months", 6))
    months = _months_between(signal.ontstaansdatum, signal.signaaldatum)
    if months >= limit:
        return _(
            "The premium arrears are %(months)s months old: from %(limit)s months they belong to "
            "the CAK (wanbetalersregeling), not to the health insurer."
        ) % {"months": months, "limit": limit}
    return None


CHECKS = {
    "termijn-30-100": _termijn,
    "huur-aanmaning": _huur_aanmaning,
    "aanmaning-verstuurd": _aanmaning,
    "zorg-cak": _zorg_cak,
}


def flags_for(signal, rules: list[Rule]) -> list[dict]:
    """The remarks of every failed check (unknown codes are skipped)."""
    flags = []
    for rule in rules:
        check = CHECKS.get(rule.code)
        if check is None:
            continue
        message = check(signal, rule.parameters)
        if message:
            flags.append({"code": rule.code, "message": str(message)})
    return flags
