"""The public dashboard sociale impact in a real browser, without logging in: Nederland, a
gemeente and an area render their map and tables, the map works with the keyboard, axe is clean."""

import re

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from doorbraak.monitor.loader import load
from tests.browser.helpers import check_accessibility, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_gemeente_and_area_with_map_and_keyboard(page, live_server):
    load()
    base = live_server.url

    page.goto(base + reverse("monitor:dashboard"))
    expect(page.locator("h1")).to_contain_text("Nederland")
    expect(page.locator("#nederland-caption")).to_be_visible()
    expect(page.locator("main")).to_contain_text("17.942.942")
    expect(page.locator("svg.monitor-map")).to_be_visible()
    expect(page.locator("svg.monitor-map a")).to_have_count(342)
    check_accessibility(page)
    screenshot(page, "60-dashboard-nederland")

    # Another indicator on the map, with the labelled select.
    page.locator("#id_indicator").select_option("woningvoorraad")
    page.locator("form.monitor-inline-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"indicator=woningvoorraad"))
    expect(page.locator("#map-table-caption")).to_contain_text("Woningvoorraad")
    check_accessibility(page)

    # Rotterdam: its figures, the COVID-19 charts with their monthly table, the map.
    page.goto(base + reverse("monitor:gemeente", kwargs={"cbs_code": "GM0599"}))
    expect(page.locator("h1")).to_contain_text("Rotterdam")
    expect(page.locator("#kerncijfers-caption")).to_be_visible()
    expect(page.locator("main table").first).to_contain_text("670.610")
    expect(page.locator("svg.monitor-chart")).to_have_count(3)
    expect(page.locator("#covid-caption")).to_be_visible()
    expect(page.locator("svg.monitor-map a[aria-current=page]")).to_have_count(1)
    check_accessibility(page)
    screenshot(page, "61-dashboard-gemeente")

    # Keyboard: from the link before the map, Tab reaches the first gemeente, Enter opens it.
    page.locator("a[href='#map-table']").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({inMap: !!document.activeElement.closest('svg.monitor-map'),"
        " href: document.activeElement.getAttribute('href'),"
        " label: document.activeElement.getAttribute('aria-label')})"
    )
    assert focused["inMap"], focused
    assert re.fullmatch(r"/dashboard/gemeente/GM\d{4}/", focused["href"])
    name = focused["label"].split(":")[0]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(focused["href"]) + "$"))
    expect(page.locator("h1")).to_contain_text(name)
    check_accessibility(page)

    # Rotterdam-Zuid: area vs gemeente vs Nederland, with its status, and the map.
    page.goto(base + reverse("monitor:gebied", kwargs={"slug": "rotterdam-zuid"}))
    expect(page.locator("h1")).to_contain_text("Rotterdam-Zuid")
    table = page.locator("#vergelijking-caption").locator("xpath=..")
    expect(table).to_contain_text("212.635")
    expect(table).to_contain_text("670.610")
    expect(table).to_contain_text("17.942.942")
    expect(page.locator("svg.monitor-map")).to_be_visible()
    expect(page.locator("#map-table-caption")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "62-dashboard-gebied")

    # A provisional area says so.
    page.goto(base + reverse("monitor:gebied", kwargs={"slug": "amsterdam-nieuw-west"}))
    expect(page.locator(".monitor-provisional")).to_be_visible()
    check_accessibility(page)

    # An indicator page: definition, source, and the map with its table.
    page.goto(base + reverse("monitor:indicator", kwargs={"code": "bevolkingsdichtheid"}))
    expect(page.locator("main dl")).to_contain_text("km² land")
    expect(page.locator("main dl")).to_contain_text("Bron: CBS")
    check_accessibility(page)
    page.goto(base + reverse("monitor:indicator", kwargs={"code": "covid-overleden"}))
    expect(page.locator("#gemeenten-caption")).to_be_visible()
    check_accessibility(page)


def test_stapeling_pages_say_synthetic_and_pass_axe(page, live_server, settings, tmp_path):
    from doorbraak.monitor.stapeling import synth

    load()
    path = tmp_path / "synthetisch.parquet"
    wijken = [w for w in synth.load_wijken() if w.gemeente_code in {"GM0599", "GM0606"}]
    synth.generate(path, 40_000, periods=(2023, 2024), wijken=wijken)
    settings.STAPELING_PARQUET = str(path)
    base = live_server.url

    page.goto(base + reverse("monitor:stapeling"))
    expect(page.locator(".monitor-synthetic")).to_contain_text("Synthetische gegevens")
    expect(page.locator("#verdeling-caption")).to_contain_text("synthetische gegevens")
    check_accessibility(page)
    page.get_by_role("link", name="Rotterdam").first.click()
    page.wait_for_url(re.compile(r"/dashboard/stapeling/gemeente/GM0599/$"))
    expect(page.locator("h1")).to_contain_text("Rotterdam")
    expect(page.locator(".monitor-synthetic")).to_be_visible()
    expect(page.locator("svg.monitor-chart")).to_have_count(1)
    expect(page.locator("#samenloop-caption")).to_be_visible()
    expect(page.locator("#verandering-caption")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "64-stapeling-gemeente")

    page.goto(base + reverse("monitor:stapeling-gebied", kwargs={"slug": "rotterdam-zuid"}))
    expect(page.locator(".monitor-synthetic")).to_be_visible()
    check_accessibility(page)


def test_wijk_map_is_keyboard_usable_when_boundaries_are_loaded(page, live_server):
    """Hand-made test boundaries (tests/recorded): no screenshot, they are not real."""
    from pathlib import Path

    from django.core.management import call_command

    import doorbraak.monitor.tests as monitor_tests

    load()
    recorded = Path(monitor_tests.__file__).parent / "recorded" / "pdok_wijken_GM0599_2024.json"
    call_command("load_wijk_boundaries", str(recorded), verbosity=0)
    page.goto(live_server.url + reverse("monitor:gebied", kwargs={"slug": "rotterdam-zuid"}))
    expect(page.locator("svg.monitor-map--wijken a")).to_have_count(4)
    check_accessibility(page)
    page.locator("a[href='#wijk-table']").focus()
    page.keyboard.press("Tab")
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert re.fullmatch(r"#wijk-WK0599\d\d", href), href
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href) + "$"))


def test_functioneel_beheerder_edits_an_area(page, live_server):
    from doorbraak.core.roles import Role
    from doorbraak.core.tests.factories import OrganisationFactory, member
    from tests.browser.test_household_journey import _log_in

    load()
    rotterdam = OrganisationFactory(name="Rotterdam", cbs_code="GM0599", accent_colour="#00571d")
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=rotterdam)
    _log_in(page, live_server.url, beheerder)

    page.goto(live_server.url + reverse("monitor:area-list"))
    expect(page.locator("#areas-caption")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("Rotterdam-Zuid")
    expect(page.locator("main table")).not_to_contain_text("Amsterdam")
    check_accessibility(page)
    page.get_by_role("link", name="Rotterdam-Zuid").click()
    page.wait_for_url(re.compile(r"/gebieden/rotterdam-zuid/$"))

    # A wijk of another gemeente: the message names it, on the field.
    page.get_by_label("CBS-wijkcodes").fill("WK059910 WK060601")
    page.get_by_role("button", name="Opslaan en herberekenen").click()
    expect(page.locator("main")).to_contain_text(
        "Wijk WK060601 hoort niet bij gemeente Rotterdam (GM0599)."
    )
    check_accessibility(page)
    screenshot(page, "65-gebied-beheren-fout")

    page.get_by_label("CBS-wijkcodes").fill("WK059910 WK059912")
    page.get_by_role("button", name="Opslaan en herberekenen").click()
    expect(page.locator(".doorbraak-messages")).to_contain_text("opnieuw berekend")
    expect(page.locator("#history-caption")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "66-gebied-beheren")
