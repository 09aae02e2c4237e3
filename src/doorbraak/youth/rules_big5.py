"""The Big 5 closing rule, without Django: "We laten de jongere pas los als de Big 5 geregeld
zijn."

A trajectory may be closed when all five domains are arranged (geregeld). While any domain is
not arranged, only a team leader may close it, and only with a recorded reason. Refusals are
returned as a reason code (``NOT_ARRANGED`` or ``REASON_REQUIRED``); the view turns the code into
a translated message.
"""

from collections.abc import Mapping
from datetime import date

# The five domains (codes as stored).
SUPPORT = "support"
WONEN = "wonen"
SCHOOL_WERK = "school_werk"
INKOMEN = "inkomen"
WELZIJN = "welzijn"
DOMAINS: tuple[str, ...] = (SUPPORT, WONEN, SCHOOL_WERK, INKOMEN, WELZIJN)

# Statuses per domain.
GEREGELD = "geregeld"
IN_ONTWIKKELING = "in_ontwikkeling"
NIET_GEREGELD = "niet_geregeld"
STATUSES: tuple[str, ...] = (GEREGELD, IN_ONTWIKKELING, NIET_GEREGELD)

TEAMLEIDER = "teamleider"

# Refusal codes.
NOT_ARRANGED = "not_arranged"  # a domain is not arranged and the actor is not a team leader
REASON_REQUIRED = "reason_required"  # a team leader closes early but recorded no reason


def not_arranged(statuses: Mapping[str, str]) -> list[str]:
    """The domains (in the fixed order) that are not arranged; a missing domain is not."""
    return [domain for domain in DOMAINS if statuses.get(domain) != GEREGELD]


def arranged_count(statuses: Mapping[str, str]) -> int:
    return len(DOMAINS) - len(not_arranged(statuses))


def can_close(statuses: Mapping[str, str], role: str, reason: str) -> tuple[bool, str | None]:
    """(allowed, refusal code). ``statuses`` maps domain code to status code."""
    if not not_arranged(statuses):
        return True, None
    if role != TEAMLEIDER:
        return False, NOT_ARRANGED
    if not (reason or "").strip():
        return False, REASON_REQUIRED
    return True, None


def eighteenth_birthday(born: date) -> date:
    """The day someone turns 18; born on 29 February: 1 March in a common year."""
    try:
        return born.replace(year=born.year + 18)
    except ValueError:
        return date(born.year + 18, 3, 1)


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 2, 28)
