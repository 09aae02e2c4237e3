"""A small synthetic population, made once per test session (no database needed)."""

import pytest

from doorbraak.monitor.stapeling import synth

SMALL = 50_000


@pytest.fixture(scope="session")
def small_population(tmp_path_factory):
    path = tmp_path_factory.mktemp("stapeling") / "persons.parquet"
    synth.generate(path, SMALL, seed=7, periods=(2023, 2024))
    return path
