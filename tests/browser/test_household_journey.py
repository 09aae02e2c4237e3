"""The heart of the doorbraakmethode in a real browser: intake → ZRM → doorbraak → plan with three
actions → the teamleider decides → print; invisible to other municipalities and other teams."""

import datetime
import re
import time

from django.urls import reverse
from django.utils import timezone

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import PASSWORD, OrganisationFactory, TeamFactory, member
from doorbraak.households import zrm
from doorbraak.households.models import Household
from tests.browser.helpers import (
    check_accessibility,
    code_for_device,
    log_in_with_password,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base_url, membership):
    device, _ = TOTPDevice.objects.get_or_create(user=membership.user, name="app", confirmed=True)
    log_in_with_password(page, base_url, membership.user.username, PASSWORD)
    page.wait_for_url(re.compile(r"/inloggen/code/"))
    # A code may be used once: wait for the next 30-second window when logging in again.
    device.refresh_from_db()
    if device.last_t is not None and device.last_t >= int((time.time() - device.t0) // device.step):
        page.wait_for_timeout((30 - timezone.now().timestamp() % 30 + 1) * 1000)
    page.locator("#id_token").fill(code_for_device(device))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/$"))


def _log_out(page):
    page.locator("header form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inloggen/"))


def test_intake_to_decided_and_printed_plan(page, live_server):
    rotterdam = OrganisationFactory(name="Rotterdam", cbs_code="GM0599", accent_colour="#00571d")
    team = TeamFactory(organisation=rotterdam, name="Wijkteam Feijenoord")
    professional = member(
        role=Role.PROFESSIONAL,
        organisation=rotterdam,
        team=team,
        first_name="Jeroen",
        last_name="Bakker",
    )
    leader = member(
        role=Role.TEAMLEIDER,
        organisation=rotterdam,
        team=team,
        first_name="Anouk",
        last_name="Visser",
    )
    base = live_server.url

    _log_in(page, base, professional)
    page.locator("nav[aria-label] a[href='/huishoudens/']").click()
    check_accessibility(page)
    page.locator("a[href='/huishoudens/nieuw/']").first.click()
    check_accessibility(page)
    page.locator("#id_aanvrager-voornamen").fill("Samira")
    page.locator("#id_aanvrager-achternaam").fill("Haddou")
    page.locator("#id_aanvrager-geboortedatum").fill("1988-03-14")
    page.locator("#id_aanvrager-bsn").fill("123456789")  # fails the elfproef
    page.locator("#id_adres-straat").fill("Putselaan")
    page.locator("#id_adres-huisnummer").fill("88")
    page.locator("#id_adres-postcode").fill("3074 jc")
    page.locator("#id_adres-plaats").fill("Rotterdam")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert").first).to_contain_text("elfproef")
    check_accessibility(page)
    assert page.locator("#id_aanvrager-voornamen").input_value() == "Samira"  # nothing lost
    page.locator("#id_aanvrager-bsn").fill("999993653")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/huishoudens/[0-9a-f-]+/$"))
    check_accessibility(page)
    household = Household.objects.get()
    assert "999993653" not in page.content() and "999993653" not in page.url
    screenshot(page, "40-huishouden")

    page.locator(f"a[href='/huishoudens/{household.uuid}/zrm/nieuw/']").first.click()
    check_accessibility(page)
    for code, _label in zrm.DOMAINS_2017:
        page.locator(f"#id_score_{code}").select_option(
            "2" if code in ("financien", "huisvesting") else "4"
        )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/zrm/$"))
    check_accessibility(page)
    assert page.locator("svg.doorbraak-trend").count() >= 13
    screenshot(page, "41-zrm")

    page.goto(base + reverse("households:detail", kwargs={"uuid": household.uuid}))
    page.locator(f"form[action='/huishoudens/{household.uuid}/plan/nieuw/'] button").click()
    page.wait_for_url(re.compile(r"/plannen/[0-9a-f-]+/$"))
    check_accessibility(page)
    page.locator("input[name=blocking_domains][value=financien]").check()
    page.locator("input[name=blocking_domains][value=huisvesting]").check()
    page.locator("#id_blocking_problem").fill(
        "Huurachterstand van € 2.400 blokkeert de toegang tot schuldhulp."
    )
    page.locator("#id_blocking_party").fill("Woningcorporatie: ontruimingsprocedure loopt")
    page.locator("#id_breakthrough").fill(
        "Huurachterstand bevriezen en betalingsregeling via de gemeente."
    )
    page.locator("#id_why_it_unlocks").fill("Zonder dreigende ontruiming kan schuldhulp starten.")
    page.locator("form[action$='/doorbraak/'] button[type=submit]").click()
    expect(page.locator("#id_breakthrough")).to_have_value(re.compile("bevriezen"))
    due = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    for what, owner in [
        ("Afspraak met corporatie over bevriezing", "professional"),
        ("Aanvraag schuldhulp indienen", "bewoner"),
        ("Toeslagen controleren", "bewoner"),
    ]:
        page.locator("summary", has_text=re.compile("actie", re.I)).click()
        page.locator("#id_what").fill(what)
        page.locator("#id_owner_text").fill(owner)
        page.locator("#id_due_on").fill(due)
        page.locator("form[action$='/acties/'] button[type=submit]").click()
        expect(page.locator("main table").last).to_contain_text(what)
    check_accessibility(page)
    page.locator("form[action$='/status/'] button").first.click()
    expect(page.locator("[aria-current=step]")).to_contain_text(re.compile("vaststelling", re.I))
    screenshot(page, "42-maatwerkplan")
    plan_url = page.url
    _log_out(page)

    _log_in(page, base, leader)
    page.goto(plan_url)
    check_accessibility(page)
    page.locator(
        "form[action$='/status/'] input[name=target][value=vastgesteld] + button, "
        "form[action$='/status/']:has(input[value=vastgesteld]) button"
    ).first.click()
    expect(page.locator("[aria-current=step]")).to_contain_text(re.compile("vastgesteld", re.I))
    assert "Anouk Visser" in page.locator("main").inner_text()
    check_accessibility(page)
    print_link = page.locator("a[href$='/afdrukken/']")
    if print_link.count():
        print_link.first.click()
        check_accessibility(page)
        assert "Huurachterstand bevriezen" in page.locator("main").inner_text()
        screenshot(page, "43-plan-afdrukken")
    _log_out(page)

    # Invisible to a professional of another municipality and to a colleague of another team.
    for outsider in (
        member(role=Role.PROFESSIONAL, organisation=OrganisationFactory(name="Schiedam")),
        member(
            role=Role.PROFESSIONAL, organisation=rotterdam, team=TeamFactory(organisation=rotterdam)
        ),
    ):
        _log_in(page, base, outsider)
        for url in (plan_url, base + reverse("households:detail", kwargs={"uuid": household.uuid})):
            response = page.goto(url)
            assert response.status == 404
            check_accessibility(page)
        _log_out(page)
