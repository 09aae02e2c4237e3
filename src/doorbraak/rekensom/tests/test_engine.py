"""The rekensom engine: worked cases with the arithmetic written out, and its properties.

No database: the engine is pure Python.
"""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.rekensom.engine import (
    MONTH,
    PAYERS,
    QUARTER,
    UNITS,
    Horizon,
    InvalidRekensom,
    Item,
    Line,
    compute,
)

# --- Worked case 1: a family facing eviction ------------------------------------------------
# Monthly, three years, no discounting, all prices 2025.
UITZETTING = Item("huisuitzetting", D("7500"), "event", 2025, "woningcorporatie")
OPVANG = Item("opvang-gezin", D("15000"), "year", 2025, "gemeente_wmo")
JEUGDHULP = Item("jeugdhulp-ambulant", D("8000"), "year", 2025, "gemeente_jeugdwet")
HUURSCHULD = Item("huurachterstand", D("2400"), "event", 2025, "gemeente_participatiewet")
SCHULDHULP = Item("schuldhulp", D("2000"), "event", 2025, "gemeente_schuldhulp")
BEGELEIDING = Item("wmo-begeleiding-uur", D("60"), "event", 2025, "gemeente_wmo")


def test_family_facing_eviction_rent_arrears_paid_versus_eviction_opvang_and_jeugdhulp():
    zonder = [
        # Eviction in month 4 with 80 % chance: 7,500 × 0.8 = 6,000.00
        Line(UITZETTING, D(1), 4, 4, probability=D("0.8")),
        # Shelter for the family in months 5–16: 15,000 / 12 × 0.8 = 1,000.00 a month × 12
        Line(OPVANG, D(1), 5, 16, probability=D("0.8")),
        # Two children in ambulant youth care in months 5–28, 50 % chance:
        # 8,000 / 12 × 2 × 0.5 = 666.666… a month, rounded once per year: year 1 (months 5–12)
        # 5,333.33; year 2 8,000.00; year 3 (months 25–28) 2,666.67; together 16,000.00
        Line(JEUGDHULP, D(2), 5, 28, probability=D("0.5")),
    ]
    met = [
        Line(HUURSCHULD, D(1), 1, 1),  # the arrears paid from the doorbraak budget: 2,400.00
        Line(SCHULDHULP, D(1), 1, 1),  # a schuldhulp trajectory: 2,000.00
        Line(BEGELEIDING, D(4), 1, 12),  # 4 hours of Wmo begeleiding a month: 240 × 12 = 2,880.00
    ]
    result = compute(zonder, met, Horizon(years=3, granularity=MONTH))

    assert [r.total for r in result.zonder.lines] == [D("6000.00"), D("12000.00"), D("16000.00")]
    assert result.zonder.lines[2].per_year == (D("5333.33"), D("8000.00"), D("2666.67"))
    assert result.zonder.total == D("34000.00")
    # Year 1: 6,000 + 8 × 1,000 + 5,333.33 = 19,333.33; year 2: 4 × 1,000 + 8,000.00
    # = 12,000.00; year 3: 2,666.67.
    assert result.zonder.per_year == (D("19333.33"), D("12000.00"), D("2666.67"))
    assert result.met.total == D("7280.00")
    assert result.net_benefit == D("26720.00")

    matrix = {b.payer: b for b in result.matrix}
    assert matrix["woningcorporatie"].saving == D("6000.00")
    assert matrix["gemeente_wmo"].saving == D("9120.00")  # 12,000 − 2,880
    assert matrix["gemeente_jeugdwet"].saving == D("16000.00")
    assert matrix["gemeente_participatiewet"].extra_cost == D("2400.00")
    assert matrix["gemeente_schuldhulp"].extra_cost == D("2000.00")
    assert [b.payer for b in result.payers_who_pay_more] == [
        "gemeente_participatiewet",
        "gemeente_schuldhulp",
    ]


# --- Worked case 2: a young person leaving youth care, discounted and indexed ---------------
NACHTOPVANG = Item("nachtopvang", D("20"), "day", 2023, "gemeente_wmo")
KAMER_BEGELEIDING = Item("kamer-begeleiding", D("500"), "month", 2025, "gemeente_jeugdwet")
INDEX = {2023: D("100"), 2025: D("110")}


def test_young_person_leaving_youth_care_discounted_at_four_percent_and_indexed_to_2025():
    horizon = Horizon(
        years=2, granularity=QUARTER, discount_rate=D("0.04"), price_year=2025, price_index=INDEX
    )
    # Zonder: night shelter, 20 a day in 2023 prices → × 110/100 = 22 a day in 2025 prices;
    # a quarter is 365/4 days: 20 × 365/4 × 1.1 = 2,007.50 a quarter, for all 8 quarters.
    # Met: a room with begeleiding, 500 a month → 1,500 a quarter, for the first 4 quarters.
    # Quarter q is (q − 1)/4 years ahead; factor 1/1.04^((q − 1)/4):
    #   q1 1.000000, q2 0.990243, q3 0.980581, q4 0.971013 → year 1 weight 3.941836
    #   q5 0.961538, q6 0.952156, q7 0.942866, q8 0.933666 → year 2 weight 3.790227
    # Zonder: 2,007.50 × 3.941836 = 7,913.24 and 2,007.50 × 3.790227 = 7,608.88.
    # Met: 1,500.00 × 3.941836 = 5,912.75 in year 1, nothing in year 2.
    result = compute(
        [Line(NACHTOPVANG, D(1), 1, 8)], [Line(KAMER_BEGELEIDING, D(1), 1, 4)], horizon
    )
    assert result.zonder.per_year == (D("7913.24"), D("7608.88"))
    assert result.zonder.total == D("15522.12")
    assert result.met.per_year == (D("5912.75"), D("0"))
    assert result.net_benefit == D("9609.37")
    assert result.net_per_year == (D("2000.49"), D("7608.88"))


def test_indexing_needs_both_years_in_the_index():
    horizon = Horizon(years=1, price_year=2025, price_index={2025: D("110")})
    with pytest.raises(InvalidRekensom) as refused:
        compute([Line(NACHTOPVANG, D(1), 1, 1)], [], horizon)
    assert refused.value.problems == [("zonder[1].price_year", "no_index")]


# --- Worked case 3: debts and the health-insurance wanbetalersregeling ------------------------
BESTUURSRECHTELIJK = Item("cak-premie", D("175.20"), "month", 2025, "huishouden", D("0.10"))
VERHOGING = Item("cjib-verhoging", D("450"), "event", 2025, "huishouden", D("0.50"))
SANERING = Item("saneringskrediet", D("5000"), "event", 2025, "gemeente_schuldhulp", D("0.20"))
PREMIE = Item("zorgpremie", D("150"), "month", 2025, "huishouden")


def test_debts_with_wanbetalersregeling_cost_more_to_solve_within_two_years():
    zonder = [
        # Two adults on the bestuursrechtelijke premie: 175.20 × 2 = 350.40 a month × 24
        # = 8,409.60 (±10 %: 315.36 and 385.44 a month → 7,568.64 and 9,250.56)
        Line(BESTUURSRECHTELIJK, D(2), 1, 24),
        # A CJIB surcharge of 450 in month 3, 50 % chance: 225.00 (±50 %: 112.50 and 337.50)
        Line(VERHOGING, D(1), 3, 3, probability=D("0.5")),
    ]
    met = [
        Line(SANERING, D(1), 1, 1),  # 5,000.00 (±20 %: 4,000 and 6,000)
        Line(PREMIE, D(2), 1, 24),  # the normal premium: 300 a month × 24 = 7,200.00
    ]
    result = compute(zonder, met, Horizon(years=2))
    assert result.zonder.total == D("8634.60")
    assert result.met.total == D("12200.00")
    assert result.net_benefit == D("-3565.40")  # within two years the doorbraak costs more
    assert (result.zonder.low, result.zonder.high) == (D("7681.14"), D("9588.06"))
    assert (result.met.low, result.met.high) == (D("11200.00"), D("13200.00"))
    assert result.net_low == D("-5518.86")  # 7,681.14 − 13,200.00
    assert result.net_high == D("-1611.94")  # 9,588.06 − 11,200.00
    matrix = {b.payer: b for b in result.matrix}
    assert matrix["huishouden"].saving == D("1434.60")
    assert matrix["gemeente_schuldhulp"].extra_cost == D("5000.00")


def test_lines_outside_the_horizon_and_bad_values_are_refused_with_their_place():
    with pytest.raises(InvalidRekensom) as refused:
        compute(
            [Line(PREMIE, D(-1), 1, 1)],
            [Line(PREMIE, D(1), 2, 40, probability=D("1.5"), payer="buurman")],
            Horizon(years=3),
        )
    assert set(refused.value.problems) == {
        ("zonder[1].quantity", "negative"),
        ("met[1].probability", "out_of_range"),
        ("met[1].periods", "out_of_range"),
        ("met[1].payer", "unknown"),
    }
    with pytest.raises(InvalidRekensom):
        compute([], [], Horizon(years=6))


# --- Properties --------------------------------------------------------------------------------
amounts = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)
fractions = st.decimals(min_value=0, max_value=1, places=2, allow_nan=False)
items = st.builds(
    Item,
    code=st.sampled_from(["a", "b", "c"]),
    amount=amounts,
    unit=st.sampled_from(UNITS),
    price_year=st.just(2025),
    payer=st.sampled_from(PAYERS),
    uncertainty=fractions,
)


@st.composite
def horizons(draw, discounted=True):
    return Horizon(
        years=draw(st.integers(1, 5)),
        granularity=draw(st.sampled_from([MONTH, QUARTER])),
        discount_rate=draw(
            st.decimals(min_value=0, max_value="0.15", places=3) if discounted else st.just(D(0))
        ),
    )


@st.composite
def lines(draw, horizon):
    first = draw(st.integers(1, horizon.periods))
    return Line(
        item=draw(items),
        quantity=draw(st.decimals(min_value=0, max_value=10, places=1)),
        first_period=first,
        last_period=draw(st.integers(first, horizon.periods)),
        probability=draw(fractions),
        payer=draw(st.none() | st.sampled_from(PAYERS)),
    )


@st.composite
def cases(draw, discounted=True):
    horizon = draw(horizons(discounted))
    return (
        horizon,
        draw(st.lists(lines(horizon), max_size=8)),
        draw(st.lists(lines(horizon), max_size=8)),
    )


@settings(max_examples=150, deadline=None)
@given(cases())
def test_payers_and_years_and_lines_each_sum_to_the_total(case):
    horizon, zonder, met = case
    result = compute(zonder, met, horizon)
    for scenario in (result.zonder, result.met):
        assert sum(scenario.per_payer.values(), D(0)) == scenario.total
        assert sum(scenario.per_year, D(0)) == scenario.total
        assert sum((line.total for line in scenario.lines), D(0)) == scenario.total
        for payer, years in scenario.per_payer_year.items():
            assert sum(years, D(0)) == scenario.per_payer[payer]
        assert scenario.low <= scenario.total <= scenario.high
        assert scenario.total == scenario.total.quantize(D("0.01"))
    assert sum((b.net for b in result.matrix), D(0)) == result.net_benefit
    assert result.net_low <= result.net_benefit <= result.net_high


@settings(max_examples=100, deadline=None)
@given(cases())
def test_identical_scenarios_give_zero_net_benefit_for_everyone(case):
    horizon, zonder, _met = case
    result = compute(zonder, list(zonder), horizon)
    assert result.net_benefit == 0
    assert all(b.net == 0 for b in result.matrix)
    assert result.net_per_year == (D(0),) * horizon.years


@settings(max_examples=100, deadline=None)
@given(cases(discounted=False))
def test_discount_zero_equals_the_nominal_sum(case):
    horizon, zonder, met = case
    result = compute(zonder, met, horizon)
    for scenario, lines_ in ((result.zonder, zonder), (result.met, met)):
        nominal = D(0)
        for line in lines_:
            share = D(1)
            if line.item.unit != "event":
                units_per_year = {"year": 1, "month": 12, "day": 365}[line.item.unit]
                share = D(units_per_year) / horizon.periods_per_year
            per_period = line.item.amount * share * line.quantity * line.probability
            for year in range(horizon.years):
                start = max(line.first_period, year * horizon.periods_per_year + 1)
                end = min(line.last_period, (year + 1) * horizon.periods_per_year)
                if end >= start:
                    nominal += (per_period * (end - start + 1)).quantize(D("0.01"))
        assert scenario.total == nominal


@settings(max_examples=60, deadline=None)
@given(cases(discounted=False), st.decimals(min_value="0.01", max_value="0.15", places=2))
def test_discounting_never_raises_a_cost(case, rate):
    horizon, zonder, met = case
    nominal = compute(zonder, met, horizon)
    discounted = compute(
        zonder, met, Horizon(horizon.years, horizon.granularity, discount_rate=rate)
    )
    assert discounted.zonder.total <= nominal.zonder.total
    assert discounted.met.total <= nominal.met.total


@settings(max_examples=100, deadline=None)
@given(cases(), st.data())
def test_moving_a_line_to_another_payer_changes_only_those_two_payers(case, data):
    horizon, zonder, met = case
    if not zonder:
        zonder = [Line(PREMIE, D(1), 1, 1)]
    index = data.draw(st.integers(0, len(zonder) - 1))
    moved = zonder[index]
    target = data.draw(st.sampled_from([p for p in PAYERS if p != moved.effective_payer]))
    changed = list(zonder)
    changed[index] = Line(
        moved.item,
        moved.quantity,
        moved.first_period,
        moved.last_period,
        moved.probability,
        payer=target,
    )
    before = compute(zonder, met, horizon).zonder.per_payer
    after = compute(changed, met, horizon).zonder.per_payer
    line_total = compute([moved], [], horizon).zonder.total
    for payer in PAYERS:
        old, new = before.get(payer, D(0)), after.get(payer, D(0))
        if payer == moved.effective_payer:
            assert new == old - line_total
        elif payer == target:
            assert new == old + line_total
        else:
            assert new == old
