"""Vroegsignalering in a real browser: a woningcorporatie uploads a file with two bad rows; the
gemeente's vroegsignalering team sees the grouped household in its work queue, logs a phone
call and a home visit, records "aanbod aanvaard", and the household file exists; the team that
takes the household on records a CJIB noodstop from the household file.

Elements are found by id, name, href or action, never by their (translated) text.
"""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory, member
from doorbraak.households.models import Household
from doorbraak.signals.models import (
    CaseKind,
    ContactAttempt,
    Delivery,
    Feedback,
    Noodstop,
    SignalCase,
)
from doorbraak.signals.tests.factories import CreditorFactory
from tests.browser.helpers import check_accessibility, screenshot, visit
from tests.browser.test_register_journey import click_and_check, log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = (
    "ID;signaalpartner;crisissignaal;warmeOverdracht;bedrag;ontstaansdatum;signaaldatum;"
    "Voorletters;Voorvoegsel;Achternaam;Geboortedatum;Straatnaam;Postcode;Huisnummer;"
    "Plaatsnaam;aanmaningsdatum;delen_aangeboden;telefoon"
)


def _csv(today: datetime.date) -> bytes:
    def d(days):
        return (today - datetime.timedelta(days=days)).strftime("%d-%m-%Y")

    rows = [
        # two signals for one household: one case of the kind "meervoudig"
        f"BRUG-001;Huur;nee;nee;1.250,00;{d(60)};{d(3)};M.;van;Dijk;12-04-1958;Westlaan;"
        f"3131AB;17;Vlaardingen;{d(20)};ja;0612345678",
        f"BRUG-002;Overige;nee;ja;180,00;{d(50)};{d(2)};M.;van;Dijk;12-04-1958;Westlaan;"
        f"3131 AB;17;Vlaardingen;{d(15)};ja;0612345678",
        # bad: no surname
        f"BRUG-003;Huur;nee;nee;300;{d(40)};{d(2)};K.;;;01-01-1990;Oostlaan;3131AC;4;"
        f"Vlaardingen;{d(10)};ja;",
        # bad: postcode
        f"BRUG-004;Huur;nee;nee;300;{d(40)};{d(2)};P.;;Bos;01-01-1990;Oostlaan;31312;5;"
        f"Vlaardingen;{d(10)};ja;",
    ]
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_upload_grouped_household_contact_attempts_and_aanbod_aanvaard(page, live_server):
    vlaardingen = OrganisationFactory(name="Vlaardingen", cbs_code="GM0622")
    team = TeamFactory(organisation=vlaardingen, name="Schuldhulp Vlaardingen")
    corporatie = CreditorFactory(name="Woonstichting De Brug")
    uploader = member(
        role=Role.PROFESSIONAL, organisation=corporatie, first_name="Ruud", last_name="Kok"
    )
    outreach = member(
        role=Role.VROEGSIGNALERING,
        organisation=vlaardingen,
        first_name="Vera",
        last_name="Smit",
    )
    professional = member(
        role=Role.PROFESSIONAL,
        organisation=vlaardingen,
        team=team,
        first_name="Sanne",
        last_name="Hoekstra",
    )
    base = live_server.url
    today = timezone.localdate()

    # 1. The corporatie uploads a file with two good and two bad rows.
    log_in(page, base, uploader)
    visit(page, base + reverse("signals:deliver"))
    page.locator("input[type=file]").set_input_files(
        {"name": "achterstanden.csv", "mimeType": "text/csv", "buffer": _csv(today)}
    )
    page.locator("#id_gemeentecode").fill("GM0622")
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/vroegsignalen/leveringen/[0-9a-f-]{36}/$"))
    check_accessibility(page)
    delivery = Delivery.objects.get()
    assert (delivery.rows_accepted, delivery.rows_rejected) == (2, 2)
    log_out(page)

    # 2. The team sees one household with both signals, first in the queue.
    case = SignalCase.objects.get()
    assert case.kind == CaseKind.MEERVOUDIG and case.signal_count == 2
    log_in(page, base, outreach)
    click_and_check(page, "nav a[href='/vroegsignalering/werkvoorraad/']", r"/werkvoorraad/$")
    case_href = reverse("signals:case", kwargs={"uuid": case.uuid})
    expect(page.locator(f"#work-queue a[href='{case_href}']")).to_have_text(case.reference)
    assert "Dijk" not in page.locator("#work-queue").inner_text()  # no names in the list
    screenshot(page, "70-vroegsignalering-werkvoorraad")
    click_and_check(page, f"#work-queue a[href='{case_href}']", re.escape(case_href) + "$")
    expect(page.locator("#case-signals tbody tr")).to_have_count(2)
    expect(page.locator("#priority-why li")).not_to_have_count(0)

    # 3. A phone call nobody answers, then a home visit that reaches the resident.
    form = page.locator("#contact-form")
    form.locator("#id_contact-soort").select_option("Telefoon")
    form.locator("input[name='contact-bereikt'][value='0']").check()
    form.locator("#id_contact-dagdeel").select_option("Ochtend")
    form.locator("#id_contact-note").fill("Geen gehoor, voicemail ingesproken.")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(case_href) + "$"))
    check_accessibility(page)
    form = page.locator("#contact-form")
    form.locator("#id_contact-soort").select_option("Huisbezoek")
    form.locator("input[name='contact-bereikt'][value='1']").check()
    form.locator("#id_contact-dagdeel").select_option("Middag")
    form.locator("#id_contact-note").fill("Mevrouw thuis getroffen; wil hulp bij de huurschuld.")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(case_href) + "$"))
    check_accessibility(page)
    expect(page.locator("#case-attempts tbody tr")).to_have_count(2)
    assert ContactAttempt.objects.filter(case=case).count() == 2
    screenshot(page, "71-vroegsignaalzaak")

    # 4. Aanbod aanvaard: a household file in the team of Schuldhulp Vlaardingen.
    accept = page.locator("#accept-form")
    accept.locator("#id_aanvaard-team").select_option(str(team.pk))
    accept.locator("#id_aanvaard-voornamen").fill("Maria")
    accept.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(case_href) + "$"))
    check_accessibility(page)
    case.refresh_from_db()
    household = Household.objects.get()
    assert case.household == household and household.team == team
    assert household.members.get().full_name == "Maria van Dijk"
    assert set(case.signals.values_list("feedback", flat=True)) == {Feedback.OPGEPAKT}
    expect(page.locator("#case-summary")).to_contain_text(household.reference)
    visit(page, base + reverse("signals:deadlines"))
    log_out(page)

    # 5. The team that took the household on records a CJIB noodstop from the file.
    log_in(page, base, professional)
    visit(page, base + reverse("households:detail", kwargs={"uuid": household.uuid}))
    noodstop_url = reverse("signals:household-noodstop", kwargs={"uuid": household.uuid})
    click_and_check(page, "#noodstop-link", re.escape(noodstop_url) + "$")
    page.locator("#id_reference").fill("CJIB-NS-2026-0042")
    page.locator("#noodstop-form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(noodstop_url) + "$"))
    check_accessibility(page)
    noodstop = Noodstop.objects.get()
    assert noodstop.household == household and noodstop.reference == "CJIB-NS-2026-0042"
    screenshot(page, "72-cjib-noodstop")
    log_out(page)


def test_functioneel_beheerder_sets_the_rules(page, live_server):
    schiedam = OrganisationFactory(name="Schiedam", cbs_code="GM0606")
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=schiedam)
    base = live_server.url
    log_in(page, base, beheerder)
    visit(page, base + reverse("signals:settings"))
    page.locator("#id_matching_period_days").fill("0")
    page.locator("#settings-form button[type=submit]").click()
    expect(page.locator("#id_matching_period_days")).to_have_attribute("aria-invalid", "true")
    check_accessibility(page)
    page.locator("#id_matching_period_days").fill("45")
    page.locator("#id_type_Energie").fill("7")
    page.locator("#settings-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/vroegsignalering/instellingen/$"))
    check_accessibility(page)
    screenshot(page, "73-vroegsignalering-instellingen")
    from doorbraak.signals.models import SignalSettings

    settings = SignalSettings.objects.get(organisation=schiedam)
    assert settings.matching_period_days == 45 and settings.deadline_per_type == {"Energie": 7}
