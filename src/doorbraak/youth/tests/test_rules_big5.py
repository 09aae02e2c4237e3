"""The Big 5 closing rule, without a database."""

from hypothesis import given
from hypothesis import strategies as st

from doorbraak.youth import rules_big5
from doorbraak.youth.rules_big5 import (
    DOMAINS,
    GEREGELD,
    IN_ONTWIKKELING,
    NIET_GEREGELD,
    NOT_ARRANGED,
    REASON_REQUIRED,
    can_close,
)

ALL_ARRANGED = dict.fromkeys(DOMAINS, GEREGELD)
ROLES = ["professional", "teamleider", "maatwerkfunctionaris", "analist", ""]


def test_module_does_not_import_django():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(rules_big5))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name.startswith("django") for name in imported)


def test_all_arranged_may_be_closed_by_anyone_without_reason():
    assert can_close(ALL_ARRANGED, "professional", "") == (True, None)


def test_professional_may_not_close_with_a_domain_not_arranged_even_with_a_reason():
    statuses = {**ALL_ARRANGED, "wonen": IN_ONTWIKKELING}
    assert can_close(statuses, "professional", "Verhuisd naar het buitenland") == (
        False,
        NOT_ARRANGED,
    )


def test_teamleider_needs_a_reason():
    statuses = {**ALL_ARRANGED, "inkomen": NIET_GEREGELD}
    assert can_close(statuses, "teamleider", "   ") == (False, REASON_REQUIRED)
    assert can_close(statuses, "teamleider", "Jongere wil geen hulp meer") == (True, None)


def test_a_missing_domain_counts_as_not_arranged():
    statuses = {d: GEREGELD for d in DOMAINS if d != "support"}
    assert rules_big5.not_arranged(statuses) == ["support"]
    assert rules_big5.arranged_count(statuses) == 4
    assert can_close(statuses, "professional", "") == (False, NOT_ARRANGED)


statuses_with_a_gap = st.fixed_dictionaries(
    {d: st.sampled_from(rules_big5.STATUSES) for d in DOMAINS}
).filter(lambda s: any(v != GEREGELD for v in s.values()))
no_reason = st.sampled_from(["", " ", "\n\t", "   "])


@given(statuses=statuses_with_a_gap, role=st.sampled_from(ROLES), reason=no_reason)
def test_any_domain_not_arranged_and_no_reason_is_refused(statuses, role, reason):
    allowed, code = can_close(statuses, role, reason)
    assert not allowed
    assert code in (NOT_ARRANGED, REASON_REQUIRED)


@given(
    statuses=statuses_with_a_gap,
    role=st.sampled_from(ROLES),
    reason=st.text(max_size=40),
)
def test_only_a_teamleider_with_a_reason_closes_early(statuses, role, reason):
    allowed, code = can_close(statuses, role, reason)
    assert allowed == (role == "teamleider" and bool(reason.strip()))
    assert (code is None) == allowed


@given(role=st.sampled_from(ROLES), reason=st.text(max_size=40))
def test_all_arranged_is_always_allowed(role, reason):
    assert can_close(ALL_ARRANGED, role, reason) == (True, None)


def test_eighteenth_birthday_of_a_leap_day_child():
    import datetime

    assert rules_big5.eighteenth_birthday(datetime.date(2008, 2, 29)) == datetime.date(2026, 3, 1)
    assert rules_big5.eighteenth_birthday(datetime.date(2008, 5, 4)) == datetime.date(2026, 5, 4)
