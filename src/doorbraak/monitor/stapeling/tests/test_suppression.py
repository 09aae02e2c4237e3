from doorbraak.monitor.stapeling.suppression import (
    suppress,
    suppress_counts,
    suppress_distribution,
)


def test_counts_below_ten_are_shown_as_less_than_ten():
    assert suppress(9) == "<10"
    assert suppress(0) == "<10"
    assert suppress(10) == 10
    assert suppress(1234) == 1234


def test_the_threshold_is_configurable():
    assert suppress(14, threshold=15) == "<15"
    assert suppress(15, threshold=15) == 15


def test_a_single_small_cell_takes_the_next_smallest_with_it():
    # Shown with the total 1,076, the 4 could be derived by subtraction.
    assert suppress_counts([700, 300, 72, 4]) == [700, 300, "<10", "<10"]
    assert suppress_counts([700, 300, 72, 4], secondary=False) == [700, 300, 72, "<10"]
    assert suppress_counts([700, 300, 5, 4]) == [700, 300, "<10", "<10"]
    assert suppress_counts([700, 300, 72, 40]) == [700, 300, 72, 40]


def test_a_distribution_shows_no_share_of_a_suppressed_cell():
    shown = suppress_distribution([60, 30, 6, 4])
    assert shown["counts"] == [60, 30, "<10", "<10"]
    assert shown["shares"] == [0.6, 0.3, None, None]
    assert shown["total"] == 100


def test_a_tiny_area_is_suppressed_as_a_whole():
    shown = suppress_distribution([5, 2, 1, 0])
    assert shown == {"counts": ["<10"] * 4, "shares": [None] * 4, "total": "<10"}
