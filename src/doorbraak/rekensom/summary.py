"""A plain-language summary of a rekensom, written from its numbers (shown and printed)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import engine
from .charts import payer_chart
from .models import Payer
from .money import euro

# How a payer reads in a running sentence ("… de zorgverzekeraar bespaart …").
PAYER_PHRASES = {
    "gemeente_participatiewet": gettext_lazy("the gemeente (Participatiewet)"),
    "gemeente_wmo": gettext_lazy("the gemeente (Wmo)"),
    "gemeente_jeugdwet": gettext_lazy("the gemeente (Jeugdwet)"),
    "gemeente_schuldhulp": gettext_lazy("the gemeente (schuldhulpverlening)"),
    "zorgverzekeraar": gettext_lazy("the health insurer"),
    "wlz": gettext_lazy("the Wlz (zorgkantoor)"),
    "uwv": gettext_lazy("UWV"),
    "svb": gettext_lazy("the SVB"),
    "toeslagen": gettext_lazy("Toeslagen"),
    "duo": gettext_lazy("DUO"),
    "justitie": gettext_lazy("the CJIB and justice"),
    "politie": gettext_lazy("the police"),
    "woningcorporatie": gettext_lazy("the housing association"),
    "energie_water": gettext_lazy("energy and water companies"),
    "huishouden": gettext_lazy("the household itself"),
    "overig": gettext_lazy("other parties"),
}
assert set(PAYER_PHRASES) == set(engine.PAYERS)

YEARS = {
    1: gettext_lazy("one year"),
    2: gettext_lazy("two years"),
    3: gettext_lazy("three years"),
    4: gettext_lazy("four years"),
    5: gettext_lazy("five years"),
}


def _list(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return format_lazy("{} {} {}", ", ".join(parts[:-1]), _("and"), parts[-1])


def summary(result: engine.Result) -> list[str]:
    """Sentences, each a paragraph: the totals, the difference, who pays and who gains."""
    if not result.zonder.lines and not result.met.lines:
        return [_("No cost lines yet: add what the current path costs and what the plan costs.")]
    years = YEARS[result.horizon.years]
    sentences = [
        _(
            "Doormodderen (without doorbraak) costs %(zonder)s in %(years)s; "
            "doorbreken (with doorbraak) costs %(met)s."
        )
        % {
            "zonder": euro(result.zonder.total, cents=False),
            "met": euro(result.met.total, cents=False),
            "years": years,
        }
    ]
    net = result.net_benefit
    low, high = euro(result.net_low, cents=False), euro(result.net_high, cents=False)
    if net > 0:
        sentences.append(
            _("That saves society %(net)s (between %(low)s and %(high)s).")
            % {"net": euro(net, cents=False), "low": low, "high": high}
        )
    elif net < 0:
        sentences.append(
            _(
                "In this period the doorbraak costs society %(net)s more "
                "(between %(low)s and %(high)s)."
            )
            % {"net": euro(-net, cents=False), "low": low, "high": high}
        )
    else:
        sentences.append(_("Both paths cost the same."))
    pay = [
        _("%(payer)s pays %(amount)s extra")
        % {"payer": PAYER_PHRASES[b.payer], "amount": euro(b.extra_cost, cents=False)}
        for b in sorted(result.payers_who_pay_more, key=lambda b: -b.extra_cost)
    ]
    gain = [
        _("%(payer)s saves %(amount)s")
        % {"payer": PAYER_PHRASES[b.payer], "amount": euro(b.saving, cents=False)}
        for b in sorted(result.payers_who_save, key=lambda b: -b.saving)
    ]
    if pay and gain:
        sentences.append(_("%(pay)s; %(gain)s.") % {"pay": _list(pay), "gain": _list(gain)})
        sentences.append(
            _(
                "Those who pay are not those who gain: settle this in the plan "
                "(for example through the overbruggingsprocedure)."
            )
        )
    elif pay or gain:
        sentences.append(f"{_list(pay or gain)}.")
    return [_capitalise(str(s)) for s in sentences]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def result_context(result: engine.Result) -> dict:
    labels = {
        **dict(Payer.choices),
        "zonder": _("Without doorbraak"),
        "met": _("With doorbraak"),
    }
    return {
        "result": result,
        "summary": summary(result),
        "payer_labels": dict(Payer.choices),
        "chart": payer_chart(
            result.matrix, labels, _("Cost per payer, without and with doorbraak")
        ),
        "years": [
            (n + 1, z, m, z - m)
            for n, (z, m) in enumerate(
                zip(result.zonder.per_year, result.met.per_year, strict=True)
            )
        ],
    }
