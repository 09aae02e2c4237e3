"""The priority score of a vroegsignaalzaak: pure, so the work queue can explain it.

The score is a sum of points; each rule adds its weight when it applies. A gemeente overrides
any weight in its settings (``SignalSettings.priority_weights``, same keys); a weight of 0
switches a rule off. ``explain`` returns the lines the case page shows under "why this
priority".
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

#: Points per rule. ``per_extra_creditor`` counts from the second creditor on;
#: ``per_500_euro`` counts each full € 500 of the total arrears.
DEFAULT_WEIGHTS: dict[str, int] = {
    "crisis": 50,
    "per_extra_creditor": 10,
    "per_500_euro": 5,
    "threatening": 20,
    "warm_handover": 15,
    "repeated": 10,
}

WEIGHT_LABELS = {
    "crisis": _("Crisis signal"),
    "per_extra_creditor": _("Per extra creditor"),
    "per_500_euro": _("Per € 500 in arrears"),
    "threatening": _("Threatening debt (rent, mortgage, energy, water)"),
    "warm_handover": _("Warm handover by the creditor"),
    "repeated": _("Repeated signal"),
}

#: The amount part is capped so one very large debt does not push every crisis down.
MAX_AMOUNT_STEPS = 20
MAX_WEIGHT = 1000


@dataclass(frozen=True)
class Features:
    crisis: bool = False
    creditor_count: int = 1
    total_amount: Decimal = Decimal("0")
    threatening: bool = False
    warm_handover: bool = False
    repeated: bool = False


def weights_for(overrides: dict | None) -> dict[str, int]:
    """The default weights with a gemeente's valid overrides applied (unknown keys ignored)."""
    weights = dict(DEFAULT_WEIGHTS)
    for key, value in (overrides or {}).items():
        if key in weights and isinstance(value, int) and 0 <= value <= MAX_WEIGHT:
            weights[key] = value
    return weights


def explain(features: Features, weights: dict[str, int]) -> list[tuple[str, int]]:
    """(reason, points) for each rule that adds points."""
    lines: list[tuple[str, int]] = []
    if features.crisis and weights["crisis"]:
        lines.append(("crisis", weights["crisis"]))
    extra = max(0, features.creditor_count - 1)
    if extra and weights["per_extra_creditor"]:
        lines.append(("per_extra_creditor", extra * weights["per_extra_creditor"]))
    steps = min(MAX_AMOUNT_STEPS, int(Decimal(features.total_amount or 0) // 500))
    if steps and weights["per_500_euro"]:
        lines.append(("per_500_euro", steps * weights["per_500_euro"]))
    if features.threatening and weights["threatening"]:
        lines.append(("threatening", weights["threatening"]))
    if features.warm_handover and weights["warm_handover"]:
        lines.append(("warm_handover", weights["warm_handover"]))
    if features.repeated and weights["repeated"]:
        lines.append(("repeated", weights["repeated"]))
    return lines


def score(features: Features, weights: dict[str, int] | None = None) -> int:
    return sum(points for _key, points in explain(features, weights or DEFAULT_WEIGHTS))
