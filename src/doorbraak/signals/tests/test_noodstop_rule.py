"""The pure noodstop rule: four months, eight more once debt help starts within the window."""

import datetime as dt

import pytest

from doorbraak.signals.noodstop import add_months, is_extended, noodstop_end


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 10, 31), 4, dt.date(2027, 2, 28)),
        (dt.date(2026, 11, 15), 4, dt.date(2027, 3, 15)),
        (dt.date(2026, 8, 31), 12, dt.date(2027, 8, 31)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_four_months_without_debt_help():
    assert noodstop_end(dt.date(2026, 3, 10)) == dt.date(2026, 7, 10)


def test_debt_help_within_the_window_extends_by_eight_months():
    assert noodstop_end(dt.date(2026, 3, 10), dt.date(2026, 5, 1)) == dt.date(2027, 3, 10)


def test_debt_help_on_the_last_day_of_the_window_still_extends():
    assert noodstop_end(dt.date(2026, 3, 10), dt.date(2026, 7, 10)) == dt.date(2027, 3, 10)


def test_debt_help_after_the_window_does_not_extend():
    assert noodstop_end(dt.date(2026, 3, 10), dt.date(2026, 7, 11)) == dt.date(2026, 7, 10)
    assert not is_extended(dt.date(2026, 3, 10), dt.date(2026, 7, 11))


def test_debt_help_already_running_at_the_request_extends():
    assert is_extended(dt.date(2026, 3, 10), dt.date(2026, 1, 5))


def test_month_end_does_not_drift_when_extended():
    # 31 October: the window ends 28 February, the extension on 31 October, not 28 October.
    assert noodstop_end(dt.date(2026, 10, 31)) == dt.date(2027, 2, 28)
    assert noodstop_end(dt.date(2026, 10, 31), dt.date(2027, 2, 28)) == dt.date(2027, 10, 31)
    assert noodstop_end(dt.date(2026, 10, 31), dt.date(2027, 3, 1)) == dt.date(2027, 2, 28)
