"""The CJIB noodstop rule in one pure function.

A noodstop pauses the collection of traffic fines and criminal monetary sanctions for four
months from the request. When debt help starts on or before the last day of that window, the
pause is extended by eight months: it then ends twelve months after the request. Debt help that
started before the request also counts (it runs during the window). Debt help that starts
after the window does not extend an expired noodstop.

Months are calendar months; a day that does not exist in the target month becomes that
month's last day (31 January + 1 month = 28 or 29 February). The twelve months are counted
from the request, not from the (possibly shortened) end of the window, so the end date does
not drift: 31 October → 28 February, extended → 31 October.
"""

import calendar
import datetime

WINDOW_MONTHS = 4
EXTENSION_MONTHS = 8


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_end(requested_on: datetime.date) -> datetime.date:
    return add_months(requested_on, WINDOW_MONTHS)


def noodstop_end(
    requested_on: datetime.date, debt_help_started_on: datetime.date | None = None
) -> datetime.date:
    """The day the noodstop ends."""
    first_end = window_end(requested_on)
    if debt_help_started_on is not None and debt_help_started_on <= first_end:
        return add_months(requested_on, WINDOW_MONTHS + EXTENSION_MONTHS)
    return first_end


def is_extended(requested_on: datetime.date, debt_help_started_on: datetime.date | None) -> bool:
    return noodstop_end(requested_on, debt_help_started_on) != window_end(requested_on)
