"""The ZRM trend chart: one SVG per domain, its points where the scores are."""

from doorbraak.households.charts import HEIGHT, PAD, _svg


def test_trend_has_a_dot_per_scored_assessment_at_its_height():
    svg = _svg([2, None, 5], "Financiën: 2, —, 5")
    assert svg.count("<circle") == 2
    assert f'cy="{HEIGHT - PAD:.1f}"' not in svg  # no dot on the base line: scores 2 and 5
    assert 'cy="6.0"' in svg  # score 5 at the top
    assert 'aria-label="Financiën: 2, —, 5"' in svg


def test_no_scores_no_chart():
    assert _svg([None, None], "leeg") == ""
