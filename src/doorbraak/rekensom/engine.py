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
- Each cell (one line in one period) is rounded to cents, half to even, and every total is a
  sum of those cells: the payers add up to the total to the cent, whatever the order of lines.
- The low/high range widens each line by its relative uncertainty (``0.25`` = ±25 %). The
  net benefit's range pairs the cheap end of one scenario with the dear end of the other.
"""

from __future__ import annotations

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
    total: Decimal
    low: Decimal
    high: Decimal
    per_year: tuple[Decimal, ...]


@dataclass(frozen=True)
class ScenarioResult:
    total: Decimal
    low: Decimal
    high: Decimal
    per_payer: dict[str, Decimal]
    per_year: tuple[Decimal, ...]
    per_payer_year: dict[str, tuple[Decimal, ...]]
    lines: tuple[LineResult, ...]


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
    for scenario, lines in scenarios.items():
        for n, line in enumerate(lines, start=1):
            where = f"{scenario}[{n}]"
            if line.item.unit not in UNITS:
                problems.append((f"{where}.unit", "unknown"))
            if line.item.amount < 0:
                problems.append((f"{where}.amount", "negative"))
            if line.quantity < 0:
                problems.append((f"{where}.quantity", "negative"))
            if not ZERO <= line.probability <= ONE:
                problems.append((f"{where}.probability", "out_of_range"))
            if not ZERO <= line.effective_uncertainty <= ONE:
                problems.append((f"{where}.uncertainty", "out_of_range"))
            if not 1 <= line.first_period <= line.last_period <= horizon.periods:
                problems.append((f"{where}.periods", "out_of_range"))
            if line.effective_payer not in PAYERS:
                problems.append((f"{where}.payer", "unknown"))
            year = line.item.price_year
            if horizon.price_year and year != horizon.price_year and (
                year not in horizon.price_index or horizon.price_year not in horizon.price_index
            ):
                problems.append((f"{where}.price_year", "no_index"))
    if problems:
        raise InvalidRekensom(problems)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def _discount_factors(horizon: Horizon) -> tuple[Decimal, ...] | None:
    """Per period the factor that brings it back to the start; None when nothing is discounted."""
    if horizon.discount_rate == 0:
        return None
    base = ONE + horizon.discount_rate
    per_year = horizon.periods_per_year
    return tuple(
        ONE / base ** (Decimal(p) / per_year) if p else ONE for p in range(horizon.periods)
    )


def _index_factor(item: Item, horizon: Horizon) -> Decimal:
    if not horizon.price_year or item.price_year == horizon.price_year:
        return ONE
    return horizon.price_index[horizon.price_year] / horizon.price_index[item.price_year]


def _per_period(item: Item, horizon: Horizon) -> Decimal:
    """The cost of one unit of quantity in one period, in the horizon's prices."""
    if item.unit == EVENT_UNIT:
        share = ONE
    else:
        share = Decimal(UNITS_PER_YEAR[item.unit]) / horizon.periods_per_year
    return item.amount * share * _index_factor(item, horizon)


def _line(line: Line, horizon: Horizon, factors) -> LineResult:
    per_year_count = horizon.periods_per_year
    base = _per_period(line.item, horizon) * line.quantity * line.probability
    spread = line.effective_uncertainty
    mid = [ZERO] * horizon.years
    low = [ZERO] * horizon.years
    high = [ZERO] * horizon.years
    if factors is None:
        # Undiscounted, every period of the line costs the same: count periods per year.
        cell, cell_low, cell_high = _cents(base), _cents(base * (ONE - spread)), _cents(
            base * (ONE + spread)
        )
        for year in range(horizon.years):
            start, end = year * per_year_count + 1, (year + 1) * per_year_count
            count = min(end, line.last_period) - max(start, line.first_period) + 1
            if count > 0:
                mid[year], low[year], high[year] = cell * count, cell_low * count, cell_high * count
    else:
        for period in range(line.first_period, line.last_period + 1):
            year = (period - 1) // per_year_count
            value = base * factors[period - 1]
            mid[year] += _cents(value)
            low[year] += _cents(value * (ONE - spread))
            high[year] += _cents(value * (ONE + spread))
    return LineResult(sum(mid, ZERO), sum(low, ZERO), sum(high, ZERO), tuple(mid))


def _scenario(lines: Iterable[Line], horizon: Horizon, factors) -> ScenarioResult:
    per_payer_year: dict[str, list[Decimal]] = {}
    results = []
    low = high = ZERO
    for line in lines:
        result = _line(line, horizon, factors)
        results.append(result)
        low += result.low
        high += result.high
        years = per_payer_year.setdefault(line.effective_payer, [ZERO] * horizon.years)
        for year, value in enumerate(result.per_year):
            years[year] += value
    per_payer = {payer: sum(years, ZERO) for payer, years in per_payer_year.items()}
    per_year = tuple(
        sum((years[y] for years in per_payer_year.values()), ZERO) for y in range(horizon.years)
    )
    return ScenarioResult(
        total=sum(per_payer.values(), ZERO),
        low=low,
        high=high,
        per_payer=per_payer,
        per_year=per_year,
        per_payer_year={payer: tuple(years) for payer, years in per_payer_year.items()},
        lines=tuple(results),
    )


def compute(zonder: Sequence[Line], met: Sequence[Line], horizon: Horizon) -> Result:
    """Both scenarios, the payer matrix and the net benefit over the horizon."""
    validate({ZONDER: zonder, MET: met}, horizon)
    factors = _discount_factors(horizon)
    without = _scenario(zonder, horizon, factors)
    with_plan = _scenario(met, horizon, factors)
    payers = [p for p in PAYERS if p in without.per_payer or p in with_plan.per_payer]
    matrix = tuple(
        PayerBalance(p, without.per_payer.get(p, ZERO), with_plan.per_payer.get(p, ZERO))
        for p in payers
    )
    return Result(horizon=horizon, zonder=without, met=with_plan, matrix=matrix)
