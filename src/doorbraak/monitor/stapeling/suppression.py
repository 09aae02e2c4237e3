"""Small-cell suppression for display: a count below the threshold is shown as "<10".

CBS publishes no small-area count that could identify people (domain.md §8); the platform
suppresses cells below a configurable threshold, default 10. Zero is below the threshold too:
"nobody in this wijk" is also a statement about the people who live there.

Only the display is suppressed: computations always use the exact counts. A share is shown only
when its count is; a distribution whose total is below the threshold is suppressed as a whole.
With ``secondary=True`` a distribution never has exactly one suppressed cell next to a shown
total, because subtraction would reveal it: the smallest other cell is suppressed as well.
"""

from __future__ import annotations

from collections.abc import Sequence

DEFAULT_THRESHOLD = 10


def label(threshold: int = DEFAULT_THRESHOLD) -> str:
    return f"<{threshold}"


def suppress(count: int, threshold: int = DEFAULT_THRESHOLD) -> int | str:
    """``count`` itself, or ``"<10"`` when it is below ``threshold``."""
    return label(threshold) if count < threshold else count


def suppress_counts(
    counts: Sequence[int], threshold: int = DEFAULT_THRESHOLD, *, secondary: bool = True
) -> list[int | str]:
    """Suppress each cell of a distribution whose total is shown (see module docstring)."""
    hidden = {i for i, count in enumerate(counts) if count < threshold}
    if secondary and len(hidden) == 1 and len(counts) > 1:
        shown = [i for i in range(len(counts)) if i not in hidden]
        hidden.add(min(shown, key=lambda i: (counts[i], i)))
    return [label(threshold) if i in hidden else count for i, count in enumerate(counts)]


def suppress_distribution(
    counts: Sequence[int], threshold: int = DEFAULT_THRESHOLD, *, secondary: bool = True
) -> dict:
    """Counts, shares (0–1) and total of a distribution as they may be displayed.

    ``{"counts": [...], "shares": [...], "total": ...}``; a suppressed count is ``"<10"`` and
    its share ``None``.
    """
    total = sum(counts)
    if total < threshold:
        return {
            "counts": [label(threshold)] * len(counts),
            "shares": [None] * len(counts),
            "total": label(threshold),
        }
    shown = suppress_counts(counts, threshold, secondary=secondary)
    shares = [None if isinstance(value, str) else value / total for value in shown]
    return {"counts": shown, "shares": shares, "total": total}
