"""The synthetic population: calibrated to the CBS residents per wijk, deterministic, clustered."""

import math

import duckdb
import pytest

from doorbraak.monitor.stapeling import engine, synth
from doorbraak.monitor.stapeling.engine import NEDERLAND

from .conftest import SMALL


def query(sql, *parameters):
    connection = duckdb.connect()
    try:
        return connection.execute(sql, list(parameters)).fetchall()
    finally:
        connection.close()


def test_shipped_wijken_are_the_cbs_2024_residents():
    wijken = synth.load_wijken()
    assert len(wijken) == 3_393
    assert len({w.gemeente_code for w in wijken}) == 342
    # CBS rounds wijk residents to fives: 227 fewer than the 17,942,942 of the gemeenten.
    assert sum(w.inwoners for w in wijken) == 17_942_715
    assert sum(w.inwoners for w in wijken if w.gemeente_code == "GM0599") == 670_595
    assert all(w.code[2:6] == w.gemeente_code[2:] for w in wijken)


def test_all_residents_give_every_wijk_exactly_its_residents():
    wijken = synth.load_wijken()
    counts = synth.apportion(wijken, sum(w.inwoners for w in wijken))
    assert counts == [w.inwoners for w in wijken]


@pytest.mark.parametrize("persons", [SMALL, 18_000_000, 1])
def test_apportioned_counts_add_up_and_stay_within_one_of_the_quota(persons):
    wijken = synth.load_wijken()
    total = sum(w.inwoners for w in wijken)
    counts = synth.apportion(wijken, persons)
    assert sum(counts) == persons
    for wijk, count in zip(wijken, counts, strict=True):
        assert math.floor(wijk.inwoners * persons / total) <= count
        assert count <= math.ceil(wijk.inwoners * persons / total)


def test_the_population_has_the_apportioned_persons_per_wijk_and_period(small_population):
    wijken = synth.load_wijken()
    expected = {w.code: n for w, n in zip(wijken, synth.apportion(wijken, SMALL), strict=True)}
    rows = query(
        "SELECT period, wijk_code, any_value(gemeente_code), count(*), count(DISTINCT person_id) "
        "FROM read_parquet(?) GROUP BY ALL",
        str(small_population),
    )
    for period in (2023, 2024):
        got = {wijk: n for p, wijk, _, n, _ in rows if p == period}
        assert got == {code: n for code, n in expected.items() if n}
    assert all(n == distinct for *_, n, distinct in rows)
    assert all(gemeente[2:] == wijk[2:6] for _, wijk, gemeente, _, _ in rows)


def test_households_live_in_one_wijk_and_have_one_to_five_members(small_population):
    [(households, largest, wijken_per_household, persons_per_household)] = query(
        "SELECT count(*), max(n), max(wijken), avg(n) FROM ("
        " SELECT household_id, count(*) n, count(DISTINCT wijk_code) wijken"
        " FROM read_parquet(?) WHERE period = 2024 GROUP BY household_id)",
        str(small_population),
    )
    assert largest <= 5
    assert wijken_per_household == 1
    assert 1.9 < persons_per_household < 2.2  # Dutch average about 2.1


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows(tmp_path):
    paths = [tmp_path / name for name in ("a.parquet", "b.parquet", "c.parquet")]
    synth.generate(paths[0], 20_000, seed=11, threads=1)
    synth.generate(paths[1], 20_000, seed=11, threads=2)
    synth.generate(paths[2], 20_000, seed=12)
    [(same,)] = query(
        "SELECT count(*) FROM (SELECT * FROM read_parquet(?) EXCEPT ALL "
        "SELECT * FROM read_parquet(?))",
        str(paths[0]),
        str(paths[1]),
    )
    assert same == 0
    [(differ,)] = query(
        "SELECT count(*) FROM (SELECT * FROM read_parquet(?) EXCEPT ALL "
        "SELECT * FROM read_parquet(?))",
        str(paths[0]),
        str(paths[2]),
    )
    assert differ > 1_000


def test_the_intercept_gives_the_target_share():
    for target, loading in ((0.2, 0.8), (0.01, 1.3)):
        a = synth.intercept(target, loading)
        assert synth._expected_share(a, loading, math.hypot(synth.WIJK_SD, 1)) == pytest.approx(
            target, rel=1e-6
        )


def test_flag_shares_are_near_their_targets(small_population):
    # About 49 of every 210 persons are children (the 3rd-5th members of larger households).
    child = 49 / 210
    columns = ", ".join(f"avg({code}::INTEGER)" for code in synth.TARGETS)
    [shares] = query(f"SELECT {columns} FROM read_parquet(?)", str(small_population))  # noqa: S608
    for (code, (adult, young, _)), share in zip(synth.TARGETS.items(), shares, strict=True):
        if code in synth.HOUSEHOLD_FLAGS:
            continue  # a share of households, not of persons
        expected = adult * (1 - child) + young * child
        assert share == pytest.approx(expected, rel=0.2, abs=0.003), code


def test_laag_inkomen_is_shared_by_the_whole_household(small_population):
    [(mixed,)] = query(
        "SELECT count(*) FROM (SELECT household_id FROM read_parquet(?) "
        "GROUP BY period, household_id HAVING count(DISTINCT laag_inkomen) > 1)",
        str(small_population),
    )
    assert mixed == 0


def test_problems_pile_up_more_than_if_they_were_independent(small_population):
    nederland = engine.compute(small_population).area(NEDERLAND, "NL", 2024)
    matrix, persons = nederland.cooccurrence, nederland.persons.total
    # Arbeidsparticipatie and inkomensondersteuning: together far more often than by chance.
    both = matrix[0][1] / persons
    independent = matrix[0][0] / persons * matrix[1][1] / persons
    assert both > 2 * independent
    assert 0.03 < (nederland.persons.stapeling / persons) < 0.15
