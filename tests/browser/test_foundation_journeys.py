"""Journeys of the foundation in a real browser: log in with TOTP, every role's landing page,
a refused page, the processing log and the register, with axe-core on every page."""

import re

from django.urls import reverse

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from doorbraak.audit.services import log_processing
from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import PASSWORD, OrganisationFactory, actor_for, member
from tests.browser.helpers import (
    check_accessibility,
    code_for_device,
    current_code,
    log_in_with_password,
    screenshot,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in_with_device(page, base_url, membership):
    device = TOTPDevice.objects.create(user=membership.user, name="app", confirmed=True)
    log_in_with_password(page, base_url, membership.user.username, PASSWORD)
    page.wait_for_url(re.compile(r"/inloggen/code/"))
    check_accessibility(page)
    page.get_by_label("Code").fill(code_for_device(device))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/$"))


def test_first_login_links_an_authenticator_then_logs_in_with_a_backup_code(page, live_server):
    rotterdam = OrganisationFactory(name="Rotterdam", cbs_code="GM0599", accent_colour="#00571d")
    membership = member(
        role=Role.PROFESSIONAL,
        organisation=rotterdam,
        username="f.elamrani",
        first_name="Fatima",
        last_name="El Amrani",
    )
    log_in_with_password(page, live_server.url, "f.elamrani", "verkeerd wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text("is niet juist")
    check_accessibility(page)
    screenshot(page, "01-inloggen")

    log_in_with_password(page, live_server.url, "f.elamrani", PASSWORD)
    page.wait_for_url(re.compile(r"/inloggen/authenticator-koppelen/"))
    check_accessibility(page)
    assert page.locator(".doorbraak-qr svg").is_visible()
    screenshot(page, "02-authenticator-koppelen")
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code uit de app").fill(current_code(secret))
    page.get_by_role("button", name="App koppelen").click()

    page.wait_for_url(re.compile(r"/account/reservecodes/"))
    check_accessibility(page)
    codes = page.locator(".doorbraak-codes code").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "03-reservecodes")
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    check_accessibility(page)
    assert "Professional" in page.locator("header").inner_text()
    assert "Rotterdam" in page.locator("header").inner_text()

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/inloggen/"))
    log_in_with_password(page, live_server.url, "f.elamrani", PASSWORD)
    page.wait_for_url(re.compile(r"/inloggen/code/"))
    screenshot(page, "04-code-invoeren")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/$"))
    assert "reservecode" in page.content()
    assert membership.user.staticdevice_set.get().token_set.count() == 9


@pytest.mark.parametrize("role", Role.values)
def test_landing_page_of_each_role(page, live_server, role):
    if role in (Role.MAATWERKFUNCTIONARIS, Role.LOKET):
        organisation = OrganisationFactory(
            name="Landelijk Maatwerkloket en LET" if role == Role.LOKET else "CAK",
            type=OrganisationType.RIJK
            if role == Role.LOKET
            else OrganisationType.UITVOERINGSORGANISATIE,
            cbs_code=None,
            accent_colour="#01689b",
        )
    else:
        organisation = OrganisationFactory(
            name="Utrecht", cbs_code="GM0344", accent_colour="#b3001b"
        )
    membership = member(
        role=role, organisation=organisation, first_name="Sanne", last_name="Visser"
    )
    _log_in_with_device(page, live_server.url, membership)
    check_accessibility(page)
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Welkom, Sanne"
    assert membership.get_role_display() in page.locator("main").inner_text()
    nav = page.get_by_role("navigation", name="Hoofdmenu").inner_text()
    assert ("Verwerkingenlog" in nav) == (role == Role.PRIVACY_OFFICER)
    assert ("API-koppelingen" in nav) == (role == Role.FUNCTIONEEL_BEHEERDER)
    screenshot(page, f"10-home-{role}")


def test_refused_page_is_dutch_and_accessible(page, live_server):
    membership = member(role=Role.PROFESSIONAL)
    _log_in_with_device(page, live_server.url, membership)
    response = page.goto(live_server.url + reverse("audit:log"))
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Geen toegang"
    check_accessibility(page)
    screenshot(page, "20-geen-toegang")


def test_keyboard_user_skips_to_content_and_logs_in_without_a_mouse(page, live_server):
    member(role=Role.ANALIST, username="toetsenbord")
    visit(page, live_server.url + "/inloggen/")
    page.keyboard.press("Tab")
    skip = page.locator(".utrecht-skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.get_by_label("Gebruikersnaam").focus()
    page.keyboard.type("toetsenbord")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/inloggen/authenticator-koppelen/"))


def test_privacy_officer_filters_the_processing_log(page, live_server):
    officer = member(role=Role.PRIVACY_OFFICER, first_name="Noor")
    colleague = member(
        role=Role.PROFESSIONAL, organisation=officer.organisation, username="j.bakker"
    )
    log_processing(
        actor_for(colleague),
        "verwerkingenlog-inzien",
        "read",
        controller=officer.organisation,
        detail="inzage door collega",
    )
    _log_in_with_device(page, live_server.url, officer)
    page.get_by_role("link", name="Verwerkingenlog").first.click()
    check_accessibility(page)
    assert "inzage door collega" in page.locator("table").inner_text()
    page.locator("summary").click()
    page.get_by_label("Gebruiker").select_option(label=str(colleague.user))
    page.get_by_role("button", name="Filteren").click()
    check_accessibility(page)
    rows = page.locator("tbody tr").all_inner_texts()
    assert rows and all("j.bakker" in row for row in rows)
    screenshot(page, "30-verwerkingenlog")


def test_platform_beheerder_edits_the_register_and_sees_the_history(page, live_server):
    platform = OrganisationFactory(
        name="Programma Doorbraak", type=OrganisationType.RIJK, cbs_code=None, manages_platform=True
    )
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=platform)
    _log_in_with_device(page, live_server.url, beheerder)
    visit(page, live_server.url + reverse("audit:activities"))
    page.get_by_role("link", name="Verwerkingenlog inzien en exporteren").click()
    page.get_by_role("link", name="Wijzigen").click()
    check_accessibility(page)
    page.get_by_label("Doel").fill("")
    page.get_by_role("button", name="Opslaan").click()
    check_accessibility(page)
    assert page.get_by_role("alert").first.is_visible()
    page.get_by_label("Doel").fill("Toezicht op de rechtmatigheid van verwerkingen.")
    page.get_by_role("button", name="Opslaan").click()
    check_accessibility(page)
    assert "Toezicht op de rechtmatigheid" in page.locator("main").inner_text()
    assert "Gewijzigd: doel" in page.locator("main table").inner_text()
    screenshot(page, "31-verwerkingsregister")


def test_idle_session_warns_and_stays_logged_in_on_request(page, live_server, settings):
    settings.SESSION_COOKIE_AGE = 8  # the warning shows halfway for such short sessions
    membership = member(role=Role.ANALIST)
    _log_in_with_device(page, live_server.url, membership)
    dialog = page.locator("#session-warning")
    expect(dialog).to_be_visible(timeout=8000)
    check_accessibility(page)
    assert page.evaluate("document.activeElement.id") == "session-stay"
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def test_idle_session_ends_at_the_login_page(page, live_server, settings):
    settings.SESSION_COOKIE_AGE = 4
    membership = member(role=Role.ANALIST)
    _log_in_with_device(page, live_server.url, membership)
    page.wait_for_url(re.compile(r"/inloggen/\?verlopen=1"), timeout=10000)
    expect(page.get_by_role("status").first).to_contain_text("niets heeft gedaan")
    page.goto(live_server.url + "/")
    assert "/inloggen/" in page.url
