"""The Maatwerkregister in a real browser: a professional of Schiedam finds the maatwerkfunctionaris
of the CAK, asks a pseudonymous question from the plan, the CAK answers from its inbox and the
professional reads the answer; the CAK never sees the household file.

Elements are found by id, name, href, action or data, never by their (translated) text. Where a
translated word is checked, it is rendered through the same catalogue the server uses.
"""

import datetime
import re
import time

from django.urls import reverse
from django.utils import translation

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import (
    PASSWORD,
    AgencyFactory,
    OrganisationFactory,
    TeamFactory,
    member,
)
from doorbraak.households.tests.factories import household_of
from doorbraak.plans.models import Plan
from doorbraak.register.models import ContactRequest, EntryKind, RequestStatus
from doorbraak.register.tests.factories import RegisterEntryFactory
from tests.browser.helpers import check_accessibility, code_for_device, screenshot, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, membership):
    """Password, then a TOTP code; waits for a fresh 30-second window when this user's last code
    was used in the current one (a code may be used once)."""
    device, _ = TOTPDevice.objects.get_or_create(user=membership.user, name="app", confirmed=True)
    visit(page, f"{base_url}/inloggen/")
    page.locator("#id_username").fill(membership.user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inloggen/code/"))
    check_accessibility(page)
    device.refresh_from_db()
    if device.last_t is not None and device.last_t >= int((time.time() - device.t0) // device.step):
        page.wait_for_timeout((30 - time.time() % 30 + 1) * 1000)
    page.locator("#id_token").fill(code_for_device(device))
    page.locator("form:has(#id_token) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))
    check_accessibility(page)


def log_out(page):
    page.locator("header form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inloggen/"))
    check_accessibility(page)


def shown(page, label) -> str:
    """A choice label as the page shows it: in the page's language, from the same catalogue."""
    with translation.override(page.locator("html").get_attribute("lang") or "nl"):
        return str(label)


def click_and_check(page, selector: str, url_pattern: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_url(re.compile(url_pattern))
    check_accessibility(page)


def test_professional_finds_the_cak_maatwerkfunctionaris_for_schiedam_and_asks_a_question(
    page, live_server
):
    schiedam = OrganisationFactory(name="Schiedam", cbs_code="GM0606", accent_colour="#005a9c")
    rotterdam = OrganisationFactory(name="Rotterdam", cbs_code="GM0599")
    vlaardingen = OrganisationFactory(name="Vlaardingen", cbs_code="GM0622")
    team = TeamFactory(organisation=schiedam, name="Wijkteam Schiedam-Oost")
    professional = member(
        role=Role.PROFESSIONAL,
        organisation=schiedam,
        team=team,
        first_name="Fatima",
        last_name="El Amrani",
    )
    household = household_of(
        schiedam, team=team, straat="Nieuwlandsekade", huisnummer=12, postcode="3111 AB"
    )
    applicant = household.members.get()
    applicant.voornamen, applicant.achternaam = "Samira", "Haddou"
    applicant.geboortedatum = datetime.date(1988, 3, 14)
    applicant.save()
    plan = Plan.objects.create(
        household=household,
        blocking_domains=["financien", "lichamelijke_gezondheid"],
        blocking_problem="Bestuursrechtelijke zorgpremie bij het CAK; de schuldregeling kan niet.",
        breakthrough="Het CAK schort de bestuursrechtelijke premie op tijdens de schuldregeling.",
    )

    cak = AgencyFactory(name="Centraal Administratiekantoor", short_name="CAK")
    cak_entry = RegisterEntryFactory(
        organisation=cak,
        name="Maatwerkfunctionaris CAK",
        mandate="De bestuursrechtelijke premie opschorten en een betalingsregeling treffen.",
        domains=["financien", "lichamelijke_gezondheid"],
        laws=["Zvw", "Wlz", "Wmo 2015"],
        gemeenten=[schiedam, rotterdam, vlaardingen],
        email="maatwerk@cak.example.nl",
        phone="088 711 40 00",
    )
    # Entries that the filters must leave out.
    uwv = AgencyFactory(name="Uitvoeringsinstituut Werknemersverzekeringen", short_name="UWV")
    only_rotterdam = RegisterEntryFactory(
        organisation=uwv, name="Maatwerkteam UWV Rijnmond", gemeenten=[rotterdam], laws=["WW"]
    )
    rotterdam_own = RegisterEntryFactory(
        organisation=rotterdam, kind=EntryKind.TEAM, name="Doorbraakteam Rotterdam"
    )
    cak_inactive = RegisterEntryFactory(
        organisation=cak, name="Maatwerkfunctionaris CAK (oud)", gemeenten=[schiedam], active=False
    )
    # Serves every gemeente: matches Schiedam, but not the search for "CAK".
    svb = AgencyFactory(name="Sociale Verzekeringsbank", short_name="SVB")
    nationwide = RegisterEntryFactory(
        organisation=svb, name="Maatwerkfunctionaris SVB", nationwide=True, laws=["AOW"]
    )
    cak_functionaris = member(
        role=Role.MAATWERKFUNCTIONARIS, organisation=cak, first_name="Karin", last_name="de Wit"
    )
    base = live_server.url
    plan_requests = f"/plannen/{plan.uuid}/contactverzoeken/"

    # The professional looks for help for the plan in the register.
    log_in(page, base, professional)
    visit(page, base + reverse("plans:detail", kwargs={"uuid": plan.uuid}))
    click_and_check(page, f"main a[href='{plan_requests}']", rf"{plan_requests}$")
    click_and_check(page, f"main a[href='/register/?plan={plan.uuid}']", r"/register/\?plan=")

    def detail_link(entry):
        return page.locator(f"main table a[href='/register/{entry.uuid}/?plan={plan.uuid}']")

    page.locator("#id_gemeente").select_option("GM0606")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"gemeente=GM0606"))
    check_accessibility(page)
    expect(detail_link(cak_entry)).to_have_count(1)
    expect(detail_link(nationwide)).to_have_count(1)
    for left_out in (only_rotterdam, rotterdam_own, cak_inactive):
        expect(detail_link(left_out)).to_have_count(0)

    assert page.locator("#id_gemeente").input_value() == "GM0606"  # the filter is kept
    page.locator("#id_zoek").fill("CAK")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"zoek=CAK"))
    check_accessibility(page)
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(detail_link(cak_entry)).to_have_count(1)
    expect(detail_link(nationwide)).to_have_count(0)
    ask = f"{plan_requests}?aan={cak_entry.uuid}"
    expect(page.locator(f"main table a[href='{ask}']")).to_have_count(1)
    screenshot(page, "50-maatwerkregister-zoeken")

    # The entry's page, then "ask a question" from there.
    detail_link(cak_entry).click()
    page.wait_for_url(re.compile(rf"/register/{cak_entry.uuid}/"))
    check_accessibility(page)
    expect(page.locator("main a[href='mailto:maatwerk@cak.example.nl']")).to_be_visible()
    click_and_check(page, f"main a[href='{ask}']", rf"\?aan={cak_entry.uuid}")
    assert page.locator("input[name=entry]").input_value() == str(cak_entry.uuid)
    expect(page.locator("#id_share_identity")).not_to_be_checked()

    # A BSN in the question is refused: the request is pseudonymous.
    page.locator("#id_question").fill("Kan de premie voor BSN 999993653 worden opgeschort?")
    page.locator("form:has(#id_question) button[type=submit]").click()
    expect(page.locator("#id_question")).to_have_attribute("aria-invalid", "true")
    check_accessibility(page)
    assert not ContactRequest.objects.exists()
    question = (
        "Het huishouden heeft een bestuursrechtelijke zorgpremie. De schuldregeling start pas "
        "als de premie wordt opgeschort. Kan het CAK de premie opschorten?"
    )
    page.locator("#id_question").fill(question)
    page.locator("form:has(#id_question) button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{plan_requests}$"))
    check_accessibility(page)
    contact = ContactRequest.objects.get()
    card = page.locator(f"article[aria-labelledby='c-{contact.uuid}']")
    expect(card).to_contain_text("opgeschort")
    expect(card).to_contain_text(shown(page, RequestStatus.VERSTUURD.label))
    assert contact.status == RequestStatus.VERSTUURD
    assert contact.entry == cak_entry and not contact.share_identity
    assert contact.shared_person is None and contact.legal_basis == ""
    screenshot(page, "51-contactverzoek-verstuurd")
    log_out(page)

    # The CAK's maatwerkfunctionaris answers from the inbox: the reference, not the person.
    log_in(page, base, cak_functionaris)
    click_and_check(page, "nav a[href='/register/verzoeken/']", r"/register/verzoeken/$")
    request_href = f"a[href='/register/verzoeken/{contact.uuid}/']"
    request_link = f"main table {request_href}"
    expect(page.locator(request_link)).to_have_text(household.reference)
    click_and_check(page, request_link, rf"/register/verzoeken/{contact.uuid}/$")
    main = page.locator("main").inner_text()
    assert household.reference in main and "opgeschort" in main
    for private in (
        applicant.voornamen,
        applicant.achternaam,
        applicant.geboortedatum.strftime("%d-%m-%Y"),
        household.straat,
        household.postcode,
    ):
        assert private not in main, f"the CAK sees {private!r}"
    screenshot(page, "52-contactverzoek-cak")
    answer = (
        "De premie wordt per direct zes maanden opgeschort. Stuur het besluit over de "
        "schuldregeling naar maatwerk@cak.example.nl, dan verlengen wij de opschorting."
    )
    page.locator("#id_answer").fill(answer)
    expect(page.locator("#id_resolve")).not_to_be_checked()
    page.locator("form:has(#id_answer) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/register/verzoeken/$"))
    check_accessibility(page)
    row = page.locator("main table tbody tr", has=page.locator(request_href))
    expect(row).to_contain_text(shown(page, RequestStatus.BEANTWOORD.label))

    # Neither the household file nor the plan is open to the CAK.
    for url in (
        reverse("households:detail", kwargs={"uuid": household.uuid}),
        reverse("plans:detail", kwargs={"uuid": plan.uuid}),
        plan_requests,
    ):
        response = page.goto(base + url)
        assert response.status == 404, url
        check_accessibility(page)
    log_out(page)

    # The professional reads the answer on the plan's requests page.
    log_in(page, base, professional)
    visit(page, base + reverse("plans:detail", kwargs={"uuid": plan.uuid}))
    click_and_check(page, f"main a[href='{plan_requests}']", rf"{plan_requests}$")
    card = page.locator(f"article[aria-labelledby='c-{contact.uuid}']")
    expect(card).to_contain_text("zes maanden opgeschort")
    expect(card).to_contain_text(shown(page, RequestStatus.BEANTWOORD.label))
    expect(
        card.locator(f"form[action='{plan_requests}{contact.uuid}/opgelost/'] button")
    ).to_be_visible()
    screenshot(page, "53-contactverzoek-beantwoord")

    contact.refresh_from_db()
    assert contact.status == RequestStatus.BEANTWOORD
    assert contact.answer == answer
    assert contact.answered_by == cak_functionaris.user
    assert contact.answered_at is not None and contact.resolved_at is None
    assert contact.from_user == professional.user and contact.from_organisation == schiedam
    assert ContactRequest.objects.count() == 1
