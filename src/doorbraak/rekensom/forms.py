"""The rekensom form: the horizon, and per scenario a formset of cost lines."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from doorbraak.core.forms import Form, ModelForm

from . import engine
from .models import Granularity, LocalAmount, Payer, Scenario
from .services import LineInput, Settings

EXTRA_ROWS = 2


class SettingsForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    years = forms.TypedChoiceField(
        label=_("Horizon"),
        coerce=int,
        choices=[(n, _("%(n)s year(s)") % {"n": n}) for n in range(1, 6)],
        initial=3,
    )
    granularity = forms.ChoiceField(
        label=_("Periods"), choices=Granularity.choices, initial=Granularity.MONTH
    )
    discount_percent = forms.DecimalField(
        label=_("Discount rate (% per year)"),
        min_value=0,
        max_value=20,
        decimal_places=2,
        initial=0,
        help_text=_("0 gives nominal amounts. MKBA practice in the Netherlands: 2.25 %."),
    )
    starts_on = forms.DateField(
        label=_("Period 1 starts on"),
        help_text=_("Usually the first day of the month the plan starts."),
    )

    def settings(self) -> Settings:
        data = self.cleaned_data
        return Settings(
            years=data["years"],
            granularity=data["granularity"],
            discount_rate=(data["discount_percent"] / 100).quantize(Decimal("0.0001")),
            starts_on=data["starts_on"],
        )


class LineForm(Form):
    item = forms.ModelChoiceField(
        label=_("Cost item"), queryset=None, required=False, empty_label=_("— choose —")
    )
    quantity = forms.DecimalField(
        label=_("Quantity per period"), min_value=0, max_digits=9, decimal_places=2, initial=1
    )
    first_period = forms.IntegerField(label=_("From period"), min_value=1, initial=1)
    last_period = forms.IntegerField(label=_("To period"), min_value=1)
    probability_percent = forms.DecimalField(
        label=_("Probability (%)"), min_value=0, max_value=100, decimal_places=1, initial=100
    )
    payer = forms.ChoiceField(
        label=_("Payer"),
        required=False,
        choices=[("", _("as in the catalogue"))] + list(Payer.choices),
    )
    DELETE = forms.BooleanField(label=_("Remove"), required=False)

    def __init__(self, *args, items=None, periods: int = 36, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = periods
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = _item_label
        self.fields["last_period"].max_value = periods
        self.fields["first_period"].max_value = periods
        # A new (empty) row needs nothing until an item is chosen.
        for name in ("quantity", "first_period", "last_period", "probability_percent"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if data.get("DELETE") or not data.get("item"):
            return data
        for name in ("quantity", "first_period", "last_period", "probability_percent"):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, _("Fill this in for the chosen cost item."))
        first, last = data.get("first_period"), data.get("last_period")
        if first and last:
            if last < first:
                self.add_error("last_period", _("The last period lies before the first."))
            elif last > self.periods:
                self.add_error(
                    "last_period",
                    _("The horizon has %(n)s periods: choose %(n)s or less.") % {"n": self.periods},
                )
        return data

    @property
    def is_line(self) -> bool:
        return bool(self.cleaned_data.get("item")) and not self.cleaned_data.get("DELETE")

    def line(self, scenario: str) -> LineInput:
        data = self.cleaned_data
        return LineInput(
            scenario=scenario,
            item=data["item"],
            quantity=data["quantity"],
            first_period=data["first_period"],
            last_period=data["last_period"],
            probability=(data["probability_percent"] / 100).quantize(Decimal("0.001")),
            payer=data.get("payer") or "",
        )


def _item_label(item) -> str:
    mark = " ⚠ " + str(_("indicative")) if item.indicatief else ""
    return f"{item.name} ({item.unit_label}){mark}"


class BaseLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, items=None, periods=36, **kwargs):
        self.items, self.periods = items, periods
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"items": self.items, "periods": self.periods}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            items=self.items,
            periods=self.periods,
        )
        self.add_fields(form, None)
        return form


LineFormSet = forms.formset_factory(
    LineForm, formset=BaseLineFormSet, extra=EXTRA_ROWS, max_num=60, validate_max=True
)

SCENARIO_PREFIX = {Scenario.ZONDER: "zonder", Scenario.MET: "met"}


def plain(value: Decimal) -> str:
    """80.000 → "80", 2.250 → "2.25": no trailing zeros and never an exponent (8E+1)."""
    text = format(value.normalize(), "f")
    return text


def initial_lines(rekensom, scenario) -> list[dict]:
    return [
        {
            "item": line.item,
            "quantity": line.quantity,
            "first_period": line.first_period,
            "last_period": line.last_period,
            "probability_percent": plain(line.probability * 100),
            "payer": line.payer,
        }
        for line in rekensom.lines.all()
        if line.scenario == scenario
    ]


class LocalAmountForm(ModelForm):
    source_url = forms.URLField(
        label=_("source link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = LocalAmount
        fields = ["amount", "price_year", "source_title", "source_url", "note"]


def engine_problem_message(where: str, code: str) -> str:
    """The engine's problem codes, as a Dutch message that names the place."""
    scenario, _sep, rest = where.partition("[")
    number, _sep, field = rest.partition("].")
    label = {
        engine.ZONDER: _("Without doorbraak"),
        engine.MET: _("With doorbraak"),
    }.get(scenario, scenario)
    return _("%(scenario)s, line %(n)s: %(problem)s") % {
        "scenario": label,
        "n": number,
        "problem": {
            "no_index": _("no price index for the price year of this item"),
            "periods": _("the periods fall outside the horizon"),
        }.get(code if code == "no_index" else field, _("a value is out of range")),
    }
