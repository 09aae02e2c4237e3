"""Burgerservicenummer: the elfproef. Pure Python, no Django.

A BSN has nine digits d1..d9 with (9·d1 + 8·d2 + … + 2·d8 − 1·d9) mod 11 = 0, and is not
000000000. Numbers of eight digits are written with a leading zero.
"""

import re

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def normalise(value: str) -> str:
    """Digits only (spaces, dots and dashes as people type them are removed)."""
    return "".join(ch for ch in str(value) if ch not in " .-\t")


def is_valid(value: str) -> bool:
    digits = normalise(value)
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    return sum(w * int(d) for w, d in zip(WEIGHTS, digits, strict=True)) % 11 == 0


def masked(value: str) -> str:
    """Shown in lists: only the last three digits."""
    digits = normalise(value)
    return "●●●●●●" + digits[-3:] if len(digits) >= 3 else "●●●"


_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def contains_bsn_like(text: str) -> bool:
    """Free text that holds nine digits in a row: it may hold a BSN, which must not go there.

    Used where a text leaves the household file (a knelpunt, a question to another
    organisation, a loket request without a legal basis).
    """
    return bool(_NINE_DIGITS.search(text or ""))
