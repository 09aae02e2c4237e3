"""The maatwerkplan's workflow as a table of allowed transitions. Pure Python, no Django.

concept → ter vaststelling → vastgesteld → in uitvoering → geëvalueerd → afgesloten.
A plan under decision can go back to concept; after an evaluation, work continues (in
uitvoering) or the plan is closed. Deciding (vaststellen) needs a role with mandate.
"""

from dataclasses import dataclass

CONCEPT = "concept"
TER_VASTSTELLING = "ter_vaststelling"
VASTGESTELD = "vastgesteld"
IN_UITVOERING = "in_uitvoering"
GEEVALUEERD = "geevalueerd"
AFGESLOTEN = "afgesloten"

ORDER = [CONCEPT, TER_VASTSTELLING, VASTGESTELD, IN_UITVOERING, GEEVALUEERD, AFGESLOTEN]

# (from, to): roles allowed to make the step.
PROFESSIONAL = "professional"
TEAMLEIDER = "teamleider"
TEAM = frozenset({PROFESSIONAL, TEAMLEIDER})
MANDATE = frozenset({TEAMLEIDER})

TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (CONCEPT, TER_VASTSTELLING): TEAM,
    (TER_VASTSTELLING, CONCEPT): TEAM,
    (TER_VASTSTELLING, VASTGESTELD): MANDATE,
    (VASTGESTELD, IN_UITVOERING): TEAM,
    (IN_UITVOERING, GEEVALUEERD): TEAM,
    (GEEVALUEERD, IN_UITVOERING): TEAM,
    (GEEVALUEERD, AFGESLOTEN): MANDATE,
}

EDITABLE = frozenset({CONCEPT, IN_UITVOERING, GEEVALUEERD})


class TransitionRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Step:
    source: str
    target: str
    roles: frozenset[str]


def allowed_steps(status: str, role: str | None) -> list[Step]:
    return [
        Step(source, target, roles)
        for (source, target), roles in TRANSITIONS.items()
        if source == status and role in roles
    ]


def check(status: str, target: str, role: str | None) -> None:
    """Raise TransitionRefused with the reason when the step is not allowed."""
    roles = TRANSITIONS.get((status, target))
    if roles is None:
        raise TransitionRefused(f"no_step:{status}:{target}")
    if role not in roles:
        raise TransitionRefused(f"no_mandate:{target}")
