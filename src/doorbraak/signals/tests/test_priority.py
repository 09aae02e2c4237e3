from decimal import Decimal

from doorbraak.signals import priority
from doorbraak.signals.priority import DEFAULT_WEIGHTS, Features


def test_nothing_scores_zero():
    assert priority.score(Features(creditor_count=1)) == 0


def test_every_rule_adds_its_weight():
    features = Features(
        crisis=True,
        creditor_count=3,
        total_amount=Decimal("1499.99"),
        threatening=True,
        warm_handover=True,
        repeated=True,
    )
    assert priority.score(features) == 50 + 2 * 10 + 2 * 5 + 20 + 15 + 10
    assert [key for key, _p in priority.explain(features, DEFAULT_WEIGHTS)] == [
        "crisis",
        "per_extra_creditor",
        "per_500_euro",
        "threatening",
        "warm_handover",
        "repeated",
    ]


def test_the_amount_part_is_capped():
    assert priority.score(Features(total_amount=Decimal("1000000"))) == 20 * 5


def test_overrides_apply_and_bad_ones_are_ignored():
    weights = priority.weights_for({"crisis": 0, "repeated": 99, "unknown": 5, "warm_handover": -1})
    assert weights["crisis"] == 0 and weights["repeated"] == 99
    assert weights["warm_handover"] == DEFAULT_WEIGHTS["warm_handover"]
    assert "unknown" not in weights
    assert priority.score(Features(crisis=True, repeated=True), weights) == 99
