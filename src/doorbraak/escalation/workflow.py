"""The steps a loket case can take. Pure Python: the services apply them, the tests read them.

ingediend → in behandeling → advies gegeven | bij het LET | overbrugging | beleidsvraag → afgerond
"""

INGEDIEND = "ingediend"
IN_BEHANDELING = "in_behandeling"
ADVIES_GEGEVEN = "advies_gegeven"
BIJ_LET = "bij_let"
OVERBRUGGING = "overbrugging"
BELEIDSVRAAG = "beleidsvraag"
AFGEROND = "afgerond"

ROUTES = (ADVIES_GEGEVEN, BIJ_LET, OVERBRUGGING, BELEIDSVRAAG)

ALLOWED: dict[str, tuple[str, ...]] = {
    INGEDIEND: (IN_BEHANDELING, *ROUTES),
    IN_BEHANDELING: ROUTES,
    ADVIES_GEGEVEN: (IN_BEHANDELING, BIJ_LET, OVERBRUGGING, AFGEROND),
    BIJ_LET: (OVERBRUGGING, AFGEROND),
    OVERBRUGGING: (BIJ_LET, AFGEROND),
    BELEIDSVRAAG: (BIJ_LET, AFGEROND),
    AFGEROND: (),
}

#: Reaching one of these ends the "routing decision" service level.
DECIDED = frozenset((*ROUTES, AFGEROND))

#: Status changes the professional is told about (the outcome reported back).
REPORTED_BACK = frozenset((*ROUTES, AFGEROND))


def can_move(current: str, target: str) -> bool:
    return target in ALLOWED.get(current, ())


def open_statuses() -> tuple[str, ...]:
    return tuple(s for s in ALLOWED if s != AFGEROND)
