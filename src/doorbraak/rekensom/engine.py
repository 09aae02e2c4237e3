"""The maatschappelijke rekensom: what a household's path costs society, per payer and year.

Pure Python (no Django): the plan's two scenarios go in as dataclasses, totals come out.

- *zonder doorbraak* is the current path (doormodderen), *met doorbraak* the path of the plan.
- A cost line is a catalogue item times a quantity per period, from a first to a last period
  (both inclusive, 1-based), weighted by the probability that it happens.
- Time-based units (per year, month, day) are prorated over the period: a year is 12 months
  or 4 quarters and 365 days. An ``event`` unit is a count: the quantity is events per period.
- Every amount is first indexed to one price year (``index[price_year] / index[item year]``)
  and discounted to the start of the horizon: period ``p`` lies ``(p - 1) / periods per year``
  years ahead, so the first period is not discounted and a rate of 0 gives nominal sums.
- Each cell (one line in one horizon year) is rounded to cents, half to even, and every total
  is a sum of those cells: payers and years add up to the total to the cent, whatever the order
  of the lines. Sums are kept in whole cents (integers), which is exact and fast.
- The low/high range scales each line's total by its relative uncertainty (``0.25`` = ±25 %),
  rounded to cents. The net benefit's range pairs the cheap end of one scenario with the dear
  end of the other.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")

MONTH = "month"
QUARTER = "quarter"
PERIODS_PER_YEAR = {MONTH: 12, QUARTER: 4}

YEAR_UNIT, MONTH_UNIT, DAY_UNIT, EVENT_UNIT = "year", "month", "day", "event"
UNITS_PER_YEAR = {YEAR_UNIT: 1, MONTH_UNIT: 12, DAY_UNIT: 365}
UNITS = (YEAR_UNIT, MONTH_UNIT, DAY_UNIT, EVENT_UNIT)

ZONDER = "zonder"
MET = "met"

#: Who pays: the pockets of the wrong-pocket problem, in the order the matrix shows them.
PAYERS = (
    "gemeente_participatiewet",
    "gemeente_wmo",
    "gemeente_jeugdwet",
    "gemeente_schuldhulp",
    "zorgverzekeraar",
    "wlz",
    "uwv",
    "svb",
    "toeslagen",
    "duo",
    "justitie",
    "politie",
    "woningcorporatie",
    "energie_water",
    "huishouden",
    "overig",
)

MIN_YEARS, MAX_YEARS = 1, 5
_PAYER_SET = frozenset(PAYERS)
_UNIT_SET = frozenset(UNITS)


class InvalidRekensom(ValueError):
    """The input cannot be computed; ``problems`` names each one as (where, code)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{where}: {code}" for where, code in problems))
        self.problems = problems


@dataclass(frozen=True)
class Item:
    """What the engine needs of a catalogue item (or of a gemeente's local amount)."""

    code: str
    amount: Decimal
    unit: str
    price_year: int
    payer: str
    uncertainty: Decimal = ZERO


@dataclass(frozen=True)
class Line:
    item: Item
    quantity: Decimal
    first_period: int
    last_period: int
    probability: Decimal = ONE
    payer: str | None = None
    uncertainty: Decimal | None = None

    @property
    def effective_payer(self) -> str:
        return self.payer or self.item.payer

    @property
    def effective_uncertainty(self) -> Decimal:
        return self.item.uncertainty if self.uncertainty is None else self.uncertainty


@dataclass(frozen=True)
class Horizon:
    years: int = 3
    granularity: str = MONTH
    discount_rate: Decimal = ZERO
    price_year: int | None = None
    #: Price index per year (e.g. CBS CPI); needed only when an item's year differs.
    price_index: Mapping[int, Decimal] = field(default_factory=dict)

    @property
    def periods_per_year(self) -> int:
        return PERIODS_PER_YEAR[self.granularity]

    @property
    def periods(self) -> int:
        return self.years * self.periods_per_year


@dataclass(frozen=True)
class LineResult:
    """One line's cost: kept in whole cents per horizon year, shown as euros."""

    year_cents: tuple[int, ...]
    uncertainty: Decimal

    @functools.cached_property
    def total(self) -> Decimal:
        return _from_cents(sum(self.year_cents))

    @property
    def per_year(self) -> tuple[Decimal, ...]:
        return tuple(map(_from_cents, self.year_cents))

    @functools.cached_property
    def low(self) -> Decimal:
        return _cents(self.total * (ONE - self.uncertainty))

    @functools.cached_property
    def high(self) -> Decimal:
        return _cents(self.total * (ONE + self.uncertainty))


@dataclass(frozen=True)
class ScenarioResult:
    """A scenario's totals; every figure is a sum of the same rounded cells."""

    lines: tuple[LineResult, ...]
    payer_year_cents: dict[str, tuple[int, ...]]

    @functools.cached_property
    def total(self) -> Decimal:
        return _from_cents(sum(sum(years) for years in self.payer_year_cents.values()))

    @functools.cached_property
    def per_payer(self) -> dict[str, Decimal]:
        return {payer: _from_cents(sum(years)) for payer, years in self.payer_year_cents.items()}

    @functools.cached_property
    def per_year(self) -> tuple[Decimal, ...]:
        columns = zip(*self.payer_year_cents.values(), strict=True)
        return tuple(_from_cents(sum(column)) for column in columns) or tuple(
            ZERO for _ in range(self._years)
        )

    @property
    def per_payer_year(self) -> dict[str, tuple[Decimal, ...]]:
        return {
            payer: tuple(map(_from_cents, years)) for payer, years in self.payer_year_cents.items()
        }

    @functools.cached_property
    def low(self) -> Decimal:
        return sum((line.low for line in self.lines), ZERO)

    @functools.cached_property
    def high(self) -> Decimal:
        return sum((line.high for line in self.lines), ZERO)

    @property
    def _years(self) -> int:
        return self.__dict__.get("years", 0)


@dataclass(frozen=True)
class PayerBalance:
    """One row of *wie betaalt, wie profiteert*: a payer's cost on both paths."""

    payer: str
    zonder: Decimal
    met: Decimal

    @property
    def extra_cost(self) -> Decimal:
        """What the doorbraak costs this payer more (0 when it saves)."""
        return max(self.met - self.zonder, ZERO)

    @property
    def saving(self) -> Decimal:
        """What the doorbraak saves this payer (0 when it costs more)."""
        return max(self.zonder - self.met, ZERO)

    @property
    def net(self) -> Decimal:
        return self.zonder - self.met


@dataclass(frozen=True)
class Result:
    horizon: Horizon
    zonder: ScenarioResult
    met: ScenarioResult
    matrix: tuple[PayerBalance, ...]

    @property
    def net_benefit(self) -> Decimal:
        """What society saves by breaking through: the current path minus the plan's path."""
        return self.zonder.total - self.met.total

    @property
    def net_low(self) -> Decimal:
        return self.zonder.low - self.met.high

    @property
    def net_high(self) -> Decimal:
        return self.zonder.high - self.met.low

    @property
    def net_per_year(self) -> tuple[Decimal, ...]:
        return tuple(z - m for z, m in zip(self.zonder.per_year, self.met.per_year, strict=True))

    @property
    def payers_who_pay_more(self) -> tuple[PayerBalance, ...]:
        return tuple(b for b in self.matrix if b.extra_cost > 0)

    @property
    def payers_who_save(self) -> tuple[PayerBalance, ...]:
        return tuple(b for b in self.matrix if b.saving > 0)


def validate(scenarios: Mapping[str, Sequence[Line]], horizon: Horizon) -> None:
    problems: list[tuple[str, str]] = []
    if not MIN_YEARS <= horizon.years <= MAX_YEARS:
        problems.append(("horizon.years", "out_of_range"))
    if horizon.granularity not in PERIODS_PER_YEAR:
        problems.append(("horizon.granularity", "unknown"))
    if not ZERO <= horizon.discount_rate < ONE:
        problems.append(("horizon.discount_rate", "out_of_range"))
    if problems:
        raise InvalidRekensom(problems)
    periods = horizon.periods
    payers = _PAYER_SET
    indexed = set(horizon.price_index) if horizon.price_year in horizon.price_index else set()
    for scenario, lines in scenarios.items():
        for n, line in enumerate(lines, start=1):
            item = line.item
            uncertainty = item.uncertainty if line.uncertainty is None else line.uncertainty
            year = item.price_year
            if (
                item.unit in _UNIT_SET
                and item.amount >= 0
                and line.quantity >= 0
                and ZERO <= line.probability <= ONE
                and ZERO <= uncertainty <= ONE
                and 1 <= line.first_period <= line.last_period <= periods
                and (line.payer or item.payer) in payers
                and (not horizon.price_year or year == horizon.price_year or year in indexed)
            ):
                continue  # the common case: nothing to report
            where = f"{scenario}[{n}]"
            if item.unit not in _UNIT_SET:
                problems.append((f"{where}.unit", "unknown"))
            if item.amount < 0:
                problems.append((f"{where}.amount", "negative"))
            if line.quantity < 0:
                problems.append((f"{where}.quantity", "negative"))
            if not ZERO <= line.probability <= ONE:
                problems.append((f"{where}.probability", "out_of_range"))
            if not ZERO <= uncertainty <= ONE:
                problems.append((f"{where}.uncertainty", "out_of_range"))
            if not 1 <= line.first_period <= line.last_period <= periods:
                problems.append((f"{where}.periods", "out_of_range"))
            if (line.payer or item.payer) not in payers:
                problems.append((f"{where}.payer", "unknown"))
            if horizon.price_year and year != horizon.price_year and year not in indexed:
                problems.append((f"{where}.price_year", "no_index"))
    if problems:
        raise InvalidRekensom(problems)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def _from_cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _period_weights(horizon: Horizon) -> tuple[Decimal, ...]:
    """Running sums of the periods' discount factors: ``w[k]`` is the weight of periods 1..k.

    Undiscounted every factor is 1 and ``w[k] == k``. A line's weight in a year is then one
    subtraction, whatever its length.
    """
    return _weights(horizon.discount_rate, horizon.periods_per_year, horizon.periods)


@functools.lru_cache(maxsize=64)
def _weights(rate: Decimal, per_year: int, periods: int) -> tuple[Decimal, ...]:
    running = [ZERO]
    if rate == 0:
        running.extend(Decimal(k) for k in range(1, periods + 1))
        return tuple(running)
    base = ONE + rate
    for p in range(periods):
        running.append(running[-1] + (ONE / base ** (Decimal(p) / per_year) if p else ONE))
    return tuple(running)


def _index_factor(item: Item, horizon: Horizon) -> Decimal:
    if not horizon.price_year or item.price_year == horizon.price_year:
        return ONE
    return horizon.price_index[horizon.price_year] / horizon.price_index[item.price_year]


@functools.lru_cache(maxsize=32)
def _share(unit: str, periods_per_year: int) -> Decimal:
    """The part of one unit that falls in one period: a count for events, prorated for time."""
    if unit == EVENT_UNIT:
        return ONE
    return Decimal(UNITS_PER_YEAR[unit]) / periods_per_year


def _scenario(lines: Iterable[Line], horizon: Horizon, weights) -> ScenarioResult:
    """Each line's cost per horizon year in whole cents (one rounding per line and year)."""
    per_year = horizon.periods_per_year
    years = horizon.years
    per_payer_year: dict[str, list[int]] = {}
    results = []
    # Per unit and price year: the share of a unit in one period times the index factor, in
    # cents (× 100). A handful of combinations; looked up instead of recomputed per line.
    scale: dict[tuple[str, int], Decimal] = {}
    for line in lines:
        item = line.item
        key = (item.unit, item.price_year)
        factor = scale.get(key)
        if factor is None:
            factor = scale[key] = _share(item.unit, per_year) * _index_factor(item, horizon) * 100
        base = item.amount * factor * line.quantity * line.probability
        cents = [0] * years
        first, last = line.first_period, line.last_period
        for year in range((first - 1) // per_year, (last - 1) // per_year + 1):
            start = max(first, year * per_year + 1)
            end = min(last, (year + 1) * per_year)
            weight = weights[end] - weights[start - 1]
            cents[year] = int((base * weight).to_integral_value(rounding=ROUND_HALF_EVEN))
        results.append(
            LineResult(
                tuple(cents), item.uncertainty if line.uncertainty is None else line.uncertainty
            )
        )
        payer = line.payer or item.payer
        payer_years = per_payer_year.get(payer)
        if payer_years is None:
            per_payer_year[payer] = cents
        else:
            for year in range(years):
                payer_years[year] += cents[year]
    scenario = ScenarioResult(
        lines=tuple(results),
        payer_year_cents={payer: tuple(c) for payer, c in per_payer_year.items()},
    )
    scenario.__dict__["years"] = years  # for per_year of a scenario without lines
    return scenario


def compute(zonder: Sequence[Line], met: Sequence[Line], horizon: Horizon) -> Result:
    """Both scenarios, the payer matrix and the net benefit over the horizon."""
    validate({ZONDER: zonder, MET: met}, horizon)
    weights = _period_weights(horizon)
    without = _scenario(zonder, horizon, weights)
    with_plan = _scenario(met, horizon, weights)
    without_cents, with_cents = without.payer_year_cents, with_plan.payer_year_cents
    matrix = tuple(
        PayerBalance(
            p,
            _from_cents(sum(without_cents.get(p, ()))),
            _from_cents(sum(with_cents.get(p, ()))),
        )
        for p in PAYERS
        if p in without_cents or p in with_cents
    )
    return Result(horizon=horizon, zonder=without, met=with_plan, matrix=matrix)
