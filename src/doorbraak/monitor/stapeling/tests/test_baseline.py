"""The DuckDB engine and the plain pandas baseline give identical numbers."""

from doorbraak.monitor.stapeling import baseline_pandas, engine
from doorbraak.monitor.stapeling.engine import NEDERLAND, WIJK, Counts

from . import tiny


def test_pandas_gives_the_worked_example(tmp_path):
    path = tiny.parquet(tmp_path, periods=(2024, 2025))
    result = baseline_pandas.compute(baseline_pandas.read_persons(path))
    assert result.area(WIJK, "WK000101", 2024).persons == Counts(2, 1, 1, 0)
    assert result.area(NEDERLAND, "NL", 2025).households == Counts(0, 2, 0, 2)
    assert result.areas == engine.compute(path).areas


def test_engine_and_pandas_agree_on_a_synthetic_population(small_population):
    duck = engine.compute(small_population)
    pandas = baseline_pandas.compute(baseline_pandas.read_persons(small_population))
    assert duck.periods == pandas.periods == (2023, 2024)
    assert len(duck.areas) > 6_000  # two periods of ~3,100 wijken, 342 gemeenten, Nederland
    assert duck.areas == pandas.areas
    assert duck.area(NEDERLAND, "NL", 2024).persons.total == 50_000
