"""The demo households: every manifest municipality has some, every plan status occurs, and
loading twice adds nothing."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core import bsn as bsn_rules
from doorbraak.core.demo import MANIFEST_GEMEENTEN
from doorbraak.households.demo import HOUSEHOLDS_PER_TEAM, demo_bsn, load_demo_households
from doorbraak.households.models import Household, HouseholdShare, Person
from doorbraak.households.selectors import shared_with, team_households
from doorbraak.plans.models import Action, Plan, PlanStatus, Transition
from doorbraak.plans.workflow import AFGESLOTEN, VASTGESTELD

pytestmark = pytest.mark.django_db

CODES = [code for code, *_rest in MANIFEST_GEMEENTEN]


@pytest.fixture
def demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_every_manifest_municipality_has_households(demo):
    per_gemeente = dict(
        Household.objects.values_list("organisation__cbs_code").annotate(n=Count("id"))
    )
    expected = 2 * HOUSEHOLDS_PER_TEAM
    assert {code: per_gemeente.get(code) for code in CODES} == dict.fromkeys(CODES, expected)
    assert f"{len(CODES) * expected} huishoudens met maatwerkplannen" in demo


def test_every_plan_status_occurs(demo):
    statuses = set(Plan.objects.values_list("status", flat=True))
    assert statuses == set(PlanStatus.values)


def test_decided_plans_have_a_teamleider_decision(demo):
    decided = Plan.objects.exclude(status__in=[PlanStatus.CONCEPT, PlanStatus.TER_VASTSTELLING])
    assert decided.exists()
    for plan in decided.select_related("decided_by"):
        assert plan.decided_by.username.endswith(".teamleider")
        step = Transition.objects.get(plan=plan, target=VASTGESTELD)
        assert step.by == plan.decided_by and step.role == "teamleider"
    closing = Transition.objects.filter(target=AFGESLOTEN)
    assert closing.exists() and all(t.role == "teamleider" for t in closing)


def test_plans_have_actions_with_owners_and_some_overdue(demo):
    counts = Plan.objects.annotate(n=Count("actions")).values_list("n", flat=True)
    assert min(counts) >= 2 and max(counts) <= 5
    actions = list(Action.objects.all())
    assert all(a.owner for a in actions)
    assert any(a.owner_organisation_id for a in actions)
    assert any(a.owner_text == "bewoner" for a in actions)
    assert any(a.is_overdue for a in actions)


def test_members_have_valid_test_bsns_and_youth_of_17(demo):
    people = list(Person.objects.all())
    assert all(p.bsn.startswith("999") and bsn_rules.is_valid(p.bsn) for p in people)
    assert len({p.bsn_hash for p in people}) == len(people)
    assert any(p.in_jeugdhulp and p.age == 17 for p in people)


def test_demo_bsn_is_valid_and_distinct():
    values = [demo_bsn(key) for key in range(3000)]
    assert all(bsn_rules.is_valid(v) and v.startswith("999") for v in values)
    assert len(set(values)) == len(values)


def test_one_household_is_shared_with_the_cak(demo):
    from doorbraak.core.actors import Actor
    from doorbraak.core.models import Membership

    share = HouseholdShare.objects.get(user__username="cak.maatwerk")
    assert share.organisation.short_name == "CAK"
    membership = Membership.objects.get(user__username="cak.maatwerk")
    assert shared_with(Actor(user=membership.user, membership=membership)) == [share.household]


def test_the_professional_sees_the_team_households(demo):
    from doorbraak.core.actors import Actor
    from doorbraak.core.models import Membership

    membership = Membership.objects.get(user__username="rotterdam.professional")
    actor = Actor(user=membership.user, membership=membership)
    assert team_households(actor).count() == HOUSEHOLDS_PER_TEAM


def test_seeding_writes_no_processing_log(demo):
    assert not ProcessingLogEntry.objects.exists()


def test_loading_twice_does_not_duplicate(demo):
    before = (Household.objects.count(), Person.objects.count(), Plan.objects.count())
    shares = HouseholdShare.objects.count()
    result = load_demo_households()
    assert result.created == 0
    assert (Household.objects.count(), Person.objects.count(), Plan.objects.count()) == before
    assert HouseholdShare.objects.count() == shares


def test_tops_up_each_team_to_a_higher_target(demo):
    result = load_demo_households(per_team=HOUSEHOLDS_PER_TEAM + 1)
    assert result.created == 2 * len(CODES)
    per_gemeente = dict(
        Household.objects.values_list("organisation__cbs_code").annotate(n=Count("id"))
    )
    assert {per_gemeente[code] for code in CODES} == {2 * HOUSEHOLDS_PER_TEAM + 2}
