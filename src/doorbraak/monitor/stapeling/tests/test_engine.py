"""The DuckDB engine on the hand-made population of ``tiny.py``, with the arithmetic written out."""

import duckdb
import pytest

from doorbraak.monitor.stapeling import engine
from doorbraak.monitor.stapeling.engine import GEMEENTE, NEDERLAND, WIJK, Counts
from doorbraak.monitor.stapeling.flags import GROUP_CODES

from . import tiny


@pytest.fixture
def result(tmp_path):
    return engine.compute(tiny.parquet(tmp_path))


def test_groups_are_in_the_order_of_the_matrix():
    assert GROUP_CODES == (
        "arbeidsparticipatie",
        "inkomensondersteuning",
        "welzijn_en_zorg",
        "onderwijs",
        "jeugd",
    )


def test_persons_per_wijk_count_groups_not_flags(result):
    # WK000101: person 1 has 2 groups, person 2 one, persons 3 and 4 none.
    assert result.area(WIJK, "WK000101", 2024).persons == Counts(2, 1, 1, 0)
    # WK000102: person 5 has wmo and ggz, one group; person 6 four groups, counted as 3+.
    assert result.area(WIJK, "WK000102", 2024).persons == Counts(0, 1, 0, 1)
    assert result.area(WIJK, "WK000201", 2024).persons == Counts(0, 2, 0, 0)


def test_a_household_counts_the_groups_of_all_its_members(result):
    # Household 1 has arbeid + inkomen (person 1) and jeugd (person 2): 3 groups; household 2 none.
    assert result.area(WIJK, "WK000101", 2024).households == Counts(1, 0, 0, 1)
    assert result.area(WIJK, "WK000102", 2024).households == Counts(0, 0, 0, 1)
    # Household 4: both members have laag inkomen, still one group.
    assert result.area(WIJK, "WK000201", 2024).households == Counts(0, 1, 0, 0)


def test_gemeente_and_nederland_are_sums_of_their_wijken(result):
    # GM0001 = WK000101 + WK000102: persons (2+0, 1+1, 1+0, 0+1), households (1, 0, 0, 1+1).
    gemeente = result.area(GEMEENTE, "GM0001", 2024)
    assert gemeente.persons == Counts(2, 2, 1, 1)
    assert gemeente.households == Counts(1, 0, 0, 2)
    nederland = result.area(NEDERLAND, "NL", 2024)
    assert nederland.persons == Counts(2, 4, 1, 1)
    assert nederland.households == Counts(1, 1, 0, 2)
    assert result.area(WIJK, "WK000102", 2024).gemeente_code == "GM0001"
    assert nederland.gemeente_code is None


def test_shares_are_of_all_persons_of_the_area(result):
    nederland = result.area(NEDERLAND, "NL", 2024)
    # 2, 4, 1 and 1 of 8 persons; 1, 1, 0 and 2 of 4 households.
    assert nederland.persons.shares == (0.25, 0.5, 0.125, 0.125)
    assert nederland.households.shares == (0.25, 0.25, 0.0, 0.5)
    assert nederland.persons.stapeling == 2


def test_cooccurrence_counts_persons_with_both_groups(result):
    # Groups per person: 1 {A, I}, 2 {J}, 5 {W}, 6 {A, I, O, J}, 7 {I}, 8 {I}.
    # Diagonal: A = 1, 6; I = 1, 6, 7, 8; W = 5; O = 6; J = 2, 6.
    # A&I = 1, 6; every other pair with O or J only through person 6; W with nobody else.
    assert result.area(NEDERLAND, "NL", 2024).cooccurrence == (
        (2, 2, 0, 1, 1),
        (2, 4, 0, 1, 1),
        (0, 0, 1, 0, 0),
        (1, 1, 0, 1, 1),
        (1, 1, 0, 1, 2),
    )


def test_household_cooccurrence_counts_households_with_both_groups(result):
    # Households: 1 {A, I, J}, 2 {}, 3 {A, I, W, O, J}, 4 {I}.
    assert result.area(NEDERLAND, "NL", 2024).household_cooccurrence == (
        (2, 2, 1, 1, 2),
        (2, 3, 1, 1, 2),
        (1, 1, 1, 1, 1),
        (1, 1, 1, 1, 1),
        (2, 2, 1, 1, 2),
    )


def test_change_over_time_compares_each_period_with_the_previous(tmp_path):
    # In 2025 person 4 gets bijstand: one person and one household move from 0 to 1 group.
    result = engine.compute(tiny.parquet(tmp_path, periods=(2024, 2025)))
    assert result.periods == (2024, 2025)
    change = next(c for c in result.changes() if c.level == NEDERLAND)
    assert (change.from_period, change.to_period) == (2024, 2025)
    assert change.persons == (-1, 1, 0, 0)
    assert change.persons_points == (-12.5, 12.5, 0.0, 0.0)  # 1 of 8 persons
    assert change.households == (-1, 1, 0, 0)
    assert change.households_points == (-25.0, 25.0, 0.0, 0.0)  # 1 of 4 households
    unchanged = next(c for c in result.changes() if c.code == "WK000201")
    assert unchanged.persons == (0, 0, 0, 0)
    assert result.area(WIJK, "WK000101", 2025).persons == Counts(1, 2, 1, 0)


def test_one_period_has_no_changes(result):
    assert result.changes() == []


def test_a_duckdb_relation_gives_the_same_result_as_its_parquet_file(tmp_path, result):
    connection = duckdb.connect()
    assert engine.compute(tiny.relation(connection)).areas == result.areas


def test_a_missing_flag_value_counts_as_not_set():
    connection = duckdb.connect()
    relation = tiny.relation(connection).query(
        "t", "SELECT * REPLACE (CASE WHEN person_id = 2 THEN NULL END::BOOLEAN AS jeugdhulp) FROM t"
    )
    result = engine.compute(relation)
    assert result.area(WIJK, "WK000101", 2024).persons == Counts(3, 0, 1, 0)


def test_as_dict_is_plain_data(result):
    data = result.area(GEMEENTE, "GM0002", 2024).as_dict()
    assert data["persons"]["counts"] == {"0": 0, "1": 2, "2": 0, "3+": 0}
    assert data["persons"]["shares"]["1"] == 1.0
    assert data["groups"][1] == "inkomensondersteuning"
    assert data["cooccurrence"][1][1] == 2
