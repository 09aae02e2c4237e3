"""The main navigation marks one item as current: the longest address the page starts with."""

import pytest

from doorbraak.core.models import OrganisationType
from doorbraak.core.navigation import items_for
from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import OrganisationFactory, actor_for, member

pytestmark = pytest.mark.django_db


def test_service_levels_page_marks_service_levels_not_the_loket():
    loket = OrganisationFactory(
        name="Loket", type=OrganisationType.RIJK, cbs_code=None, manages_platform=True
    )
    actor = actor_for(member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=loket))
    items = items_for(actor, "/loket/servicenormen/")
    current = [item["url"] for item in items if item["current"]]
    assert current == ["/loket/servicenormen/"]


def test_home_is_current_only_on_the_home_page():
    actor = actor_for(member(role=Role.PROFESSIONAL))
    assert [i["url"] for i in items_for(actor, "/") if i["current"]] == ["/"]
    assert [i["url"] for i in items_for(actor, "/huishoudens/nieuw/") if i["current"]] == [
        "/huishoudens/"
    ]
