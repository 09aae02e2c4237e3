"""The two justifications of a plan in a real browser: a rekensom that recomputes as you type,
two legal grounds with a decision, and both in the printed plan."""

import re

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory, member
from doorbraak.households.tests.factories import household_of
from doorbraak.legal.models import PlanProvision, Provision
from doorbraak.plans.models import Plan
from doorbraak.rekensom.models import CatalogueItem, Rekensom
from tests.browser.helpers import check_accessibility, screenshot
from tests.browser.test_household_journey import _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _item(code):
    return str(CatalogueItem.objects.get(catalogue__is_current=True, code=code).pk)


def _provision(code):
    return str(Provision.objects.get(catalogue__is_current=True, code=code).pk)


def _fill_line(page, prefix, n, code, quantity, first, last, probability):
    page.locator(f"#id_{prefix}-{n}-item").select_option(_item(code))
    page.locator(f"#id_{prefix}-{n}-quantity").fill(quantity)
    page.locator(f"#id_{prefix}-{n}-first_period").fill(first)
    page.locator(f"#id_{prefix}-{n}-last_period").fill(last)
    page.locator(f"#id_{prefix}-{n}-probability_percent").fill(probability)


def test_rekensom_and_two_legal_grounds_then_print(page, live_server):
    rotterdam = OrganisationFactory(name="Rotterdam", cbs_code="GM0599", accent_colour="#00571d")
    team = TeamFactory(organisation=rotterdam, name="Wijkteam Charlois")
    professional = member(
        role=Role.PROFESSIONAL,
        organisation=rotterdam,
        team=team,
        first_name="Jeroen",
        last_name="Bakker",
    )
    plan = Plan.objects.create(
        household=household_of(rotterdam, team=team),
        blocking_domains=["huisvesting"],
        blocking_problem="Huurachterstand van € 2.400; de ontruiming is aangezegd.",
        breakthrough="Gemeente lost de huurachterstand af; corporatie stopt de ontruiming.",
    )
    base = live_server.url
    _log_in(page, base, professional)

    page.goto(base + reverse("plans:detail", kwargs={"uuid": plan.uuid}))
    check_accessibility(page)
    page.locator(f"form[action='/plannen/{plan.uuid}/rekensom/nieuw/'] button").click()
    page.wait_for_url(re.compile(r"/rekensom/$"))
    check_accessibility(page)

    # Without doorbraak: eviction (80 %) and a year of shelter; typing recomputes the outcome.
    _fill_line(page, "zonder", 0, "huisuitzetting-kosten-verhuurder", "1", "4", "4", "80")
    _fill_line(page, "zonder", 1, "maatschappelijke-opvang-jaar", "1", "5", "16", "80")
    outcome = page.locator("#rekensom-uitkomst")
    expect(outcome).to_contain_text("niet opgeslagen", timeout=10_000)
    expect(outcome).to_contain_text("Zonder doorbraak")
    # With doorbraak: the arrears paid once, and Wmo begeleiding for a year.
    _fill_line(page, "met", 0, "huurachterstand-gemiddeld", "1", "1", "1", "100")
    _fill_line(page, "met", 1, "wmo-begeleiding-uur", "4", "1", "12", "100")
    page.locator("#rekensom-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/rekensom/$"))
    summary = page.locator(".doorbraak-summary")
    expect(summary).to_contain_text("Doormodderen")
    expect(summary).to_contain_text("bespaart")
    expect(page.locator("#rekensom-uitkomst svg.doorbraak-chart")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "44-rekensom")
    rekensom = Rekensom.objects.get(plan=plan)
    assert rekensom.lines.count() == 4 and rekensom.net_benefit > 0

    # Two legal grounds, one decided with its mandate.
    page.goto(base + reverse("legal:plan", kwargs={"uuid": plan.uuid}))
    check_accessibility(page)
    for code, argument in (
        ("wgs-4-2", "Dreigende ontruiming: eerste gesprek binnen drie werkdagen."),
        ("pw-35-1", "Bijzondere bijstand voor de huurachterstand, zodat de ontruiming stopt."),
    ):
        details = page.locator(
            "details", has=page.locator("form[action$='/juridisch/bepalingen/']")
        )
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        page.locator("#id_provision").select_option(_provision(code))
        page.locator("#id_argument").fill(argument)
        page.locator("form[action$='/juridisch/bepalingen/'] button[type=submit]").click()
        expect(page.locator(".doorbraak-paragraph")).to_contain_text(argument)
    attached = PlanProvision.objects.get(plan=plan, provision__code="pw-35-1")
    prefix = f"b-{attached.uuid.hex[:8]}"
    card = page.locator("article", has=page.locator(f"#id_{prefix}-decision"))
    card.locator("summary").click()
    page.locator(f"#id_{prefix}-decision").select_option("toegepast")
    page.locator(f"#id_{prefix}-decided_by").fill("M. Jansen, teamleider Werk en Inkomen")
    page.locator(f"#id_{prefix}-decided_for").fill("college van B&W Rotterdam")
    page.locator(f"#id_{prefix}-mandate").fill("Mandaatbesluit sociaal domein 2025, art. 4")
    page.locator(f"#id_{prefix}-decided_on").fill("2026-12-01")
    card.locator("form[action$='/besluit/'] button[type=submit]").click()
    expect(page.locator(".doorbraak-paragraph")).to_contain_text("Mandaatbesluit sociaal domein")
    check_accessibility(page)
    screenshot(page, "45-juridische-paragraaf")

    page.goto(base + reverse("plans:print", kwargs={"uuid": plan.uuid}))
    check_accessibility(page)
    text = page.locator("main").inner_text()
    assert "Doormodderen" in text
    assert "Mandaatbesluit sociaal domein 2025, art. 4" in text
    assert "Participatiewet" in text
    screenshot(page, "46-plan-afdrukken-onderbouwing")
