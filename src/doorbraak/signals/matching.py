"""Routing-independent matching: group a gemeente's routed signals without a case into
vroegsignaalzaken per address within the matching period.

Interface used by intake (``intake.process_delivery`` calls it for every gemeente it routed
signals to) and by the benchmark. Implemented by the work part.
"""


def match_signals(organisation, today=None):  # pragma: no cover - replaced by the work part
    raise NotImplementedError
