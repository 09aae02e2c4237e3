"""The synth_population command writes a calibrated synthetic population."""

import io

from django.core.management import call_command

import duckdb


def test_synth_population_writes_the_persons_asked_for(tmp_path):
    out = tmp_path / "bevolking.parquet"
    stdout = io.StringIO()
    call_command(
        "synth_population", str(out), "--persons", "2000", "--periods", "2024", stdout=stdout
    )
    relation = duckdb.read_parquet(str(out))
    rows = relation.aggregate("count(*), count(distinct wijk_code)").fetchall()[0]
    assert rows[0] == 2000 and rows[1] > 100
    assert "Synthetische gegevens" in stdout.getvalue()
