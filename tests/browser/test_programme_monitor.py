"""The programme monitor in a real browser: an analist of a gemeente sees suppressed figures of
its own gemeente only, and the page passes axe-core."""

from django.urls import reverse

import pytest

from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory, member
from doorbraak.households.tests.factories import household_of
from doorbraak.plans.models import Plan
from tests.browser.helpers import check_accessibility, screenshot
from tests.browser.test_household_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analist_sees_own_gemeente_with_small_cells_suppressed(page, live_server):
    rotterdam = OrganisationFactory(name="Rotterdam", cbs_code="GM0599", accent_colour="#00571d")
    schiedam = OrganisationFactory(name="Schiedam", cbs_code="GM0606")
    team = TeamFactory(organisation=rotterdam)
    for _ in range(12):
        Plan.objects.create(household=household_of(rotterdam, team=team))
    Plan.objects.create(household=household_of(schiedam, team=TeamFactory(organisation=schiedam)))
    analist = member(role=Role.ANALIST, organisation=rotterdam)

    _log_in(page, live_server.url, analist)
    page.goto(live_server.url + reverse("monitor:programme"))
    check_accessibility(page)
    text = page.locator("main").inner_text()
    assert "Rotterdam" in text and "12" in text
    assert "Schiedam" not in text
    assert "<10" in text  # statuses and domains with fewer than ten plans
    screenshot(page, "63-programmamonitor")
