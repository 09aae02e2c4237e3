"""The national escalation route in a real browser: a stuck case goes from the plan to the
Landelijk Maatwerkloket, is routed to the LET and gets a decision the professional can follow;
and an overbrugging starts support now and is settled later.

The loket works with the pseudonymous minimal dataset and never opens the household file.
Elements are found by id, name, href, action or data, never by their (translated) text.
"""

import datetime
import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from doorbraak.core.roles import Role
from doorbraak.core.tests.factories import AgencyFactory, OrganisationFactory, TeamFactory, member
from doorbraak.escalation.models import (
    DecisionStatus,
    EventKind,
    LetDecision,
    LetSession,
    LoketCase,
    LoketStatus,
    Overbrugging,
)
from doorbraak.escalation.tests import factories as escalation
from doorbraak.followup.models import Notification, NotificationKind
from doorbraak.households.tests.factories import household_of
from doorbraak.plans.models import Plan
from tests.browser.helpers import check_accessibility, screenshot, visit
from tests.browser.test_register_journey import click_and_check, log_in, log_out, shown

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _stuck_plan(gemeente, team):
    household = household_of(gemeente, team=team)
    applicant = household.members.get()
    applicant.voornamen, applicant.achternaam = "Johan", "Verbeek"
    applicant.save()
    plan = Plan.objects.create(
        household=household,
        blocking_domains=["financien", "lichamelijke_gezondheid"],
        blocking_problem="Wanbetalersregeling Zvw: de bestuursrechtelijke premie loopt op.",
        breakthrough="Premie opschorten zodat het minnelijk traject kan starten.",
    )
    return household, applicant, plan


def _loket_member():
    loket = escalation.rijk("Landelijk Maatwerkloket en LET")
    return member(role=Role.LOKET, organisation=loket, first_name="Noor", last_name="Bakker")


def test_stuck_case_goes_to_the_loket_is_routed_to_the_let_and_gets_a_decision(page, live_server):
    vlaardingen = OrganisationFactory(name="Vlaardingen", cbs_code="GM0622")
    team = TeamFactory(organisation=vlaardingen, name="Sociaal wijkteam Westwijk")
    professional = member(
        role=Role.PROFESSIONAL,
        organisation=vlaardingen,
        team=team,
        first_name="Sanne",
        last_name="Hoekstra",
    )
    household, applicant, plan = _stuck_plan(vlaardingen, team)
    cak = AgencyFactory(name="Centraal Administratiekantoor", short_name="CAK")
    uwv = AgencyFactory(name="Uitvoeringsinstituut Werknemersverzekeringen", short_name="UWV")
    loket = _loket_member()
    base = live_server.url
    plan_loket = f"/plannen/{plan.uuid}/loket/"
    today = timezone.localdate()

    # The professional sends the request with the entry test from the plan.
    log_in(page, base, professional)
    visit(page, base + reverse("plans:detail", kwargs={"uuid": plan.uuid}))
    click_and_check(page, f"main a[href='{plan_loket}']", rf"{plan_loket}$")
    form = page.locator(f"form[action='{plan_loket}']")
    page.locator("#id_tried_locally").fill(
        "Wijkteam en schuldhulp Vlaardingen: betalingsregeling met alle schuldeisers behalve CAK."
    )
    page.locator("#id_tried_regionally").fill(
        "Via het Maatwerkregister de maatwerkfunctionaris van het CAK benaderd (maart)."
    )
    page.locator("#id_who_involved").fill("Wijkteam, schuldhulpverlening, CAK, zorgverzekeraar.")
    page.locator("#id_question").fill(
        "Kan de bestuursrechtelijke premie worden opgeschort zolang het minnelijk traject loopt?"
    )
    page.locator("input[name=life_domains][value=financien]").check()
    page.locator("input[name=life_domains][value=lichamelijke_gezondheid]").check()
    page.locator("#id_laws").fill("Zvw art. 18c; Wet gemeentelijke schuldhulpverlening art. 3")
    page.locator("#id_organisations").select_option([str(cak.pk), str(uwv.pk)])
    # Without "why it did not work" the entry test is incomplete: nothing is sent.
    form.locator("button[type=submit]").click()
    expect(page.locator("#id_why_failed")).to_have_attribute("aria-invalid", "true")
    check_accessibility(page)
    assert not LoketCase.objects.exists()
    assert page.locator("#id_question").input_value().startswith("Kan de bestuursrechtelijke")
    page.locator("#id_why_failed").fill(
        "De wanbetalersregeling laat het CAK niet afwijken zonder een besluit van hogerhand."
    )
    screenshot(page, "54-loket-verzoek")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/loket/[0-9a-f-]{36}/$"))
    check_accessibility(page)
    case = LoketCase.objects.get()
    assert page.url.endswith(f"/loket/{case.uuid}/")
    assert case.status == LoketStatus.INGEDIEND and case.gemeente == vlaardingen
    assert case.household_reference == household.reference
    assert set(case.organisations.all()) == {cak, uwv}
    log_out(page)

    # The loket triages the case to the LET, on the minimal dataset only.
    log_in(page, base, loket)
    click_and_check(page, "nav a[href='/loket/']", r"/loket/$")
    case_href = f"a[href='/loket/{case.uuid}/']"
    expect(page.locator(f"main table {case_href}")).to_have_text(household.reference)
    click_and_check(page, f"main table {case_href}", rf"/loket/{case.uuid}/$")
    main = page.locator("main").inner_text()
    assert household.reference in main and "Vlaardingen" in main
    for private in (applicant.voornamen, applicant.achternaam, household.straat):
        assert private not in main, f"the loket sees {private!r}"
    triage = page.locator(f"form[action='/loket/{case.uuid}/triage/']")
    triage.locator("#id_action").select_option("bij_let")
    triage.locator("#id_text").fill(
        "Instaptoets volledig. Alleen het LET kan CAK en zorgverzekeraar samen laten besluiten."
    )
    triage.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/loket/{case.uuid}/$"))
    check_accessibility(page)
    expect(page.locator("main .doorbraak-badge").first).to_have_text(
        shown(page, LoketStatus.BIJ_LET.label)
    )
    screenshot(page, "55-loketzaak-triage")

    # A LET session: planned, the case on its agenda, a decision with a deadline.
    click_and_check(page, "nav a[href='/let/']", r"/let/$")
    expect(page.locator(f"main ul {case_href}")).to_have_count(1)  # waiting for the LET
    session_form = page.locator("form:has(#id_held_on)")
    page.locator("details", has=session_form).locator("summary").click()
    check_accessibility(page)  # the form as opened
    held_on = today + datetime.timedelta(days=3)
    page.locator("#id_held_on").fill(held_on.isoformat())
    page.locator("#id_participants").select_option([str(cak.pk), str(uwv.pk)])
    page.locator("#id_representatives").fill("M. de Vries, CAK\nP. Jansen, UWV\nN. Bakker, loket")
    session_form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/let/[0-9a-f-]{36}/$"))
    check_accessibility(page)
    session = LetSession.objects.get()
    assert page.url.endswith(f"/let/{session.uuid}/")

    agenda_form = page.locator(f"form[action='/let/{session.uuid}/agenda/']")
    page.locator("details", has=agenda_form).locator("summary").click()
    check_accessibility(page)  # the form as opened
    agenda_form.locator("select[name=agenda-case]").select_option(str(case.pk))
    agenda_form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/let/{session.uuid}/$"))
    check_accessibility(page)
    expect(page.locator(f"main ul {case_href}")).to_have_count(1)  # on the agenda

    decision_form = page.locator(f"form[action='/let/{session.uuid}/besluiten/']")
    page.locator("details", has=decision_form).locator("summary").click()
    check_accessibility(page)  # the form as opened
    decision_form.locator("select[name=case]").select_option(str(case.pk))
    what = "CAK schort de bestuursrechtelijke premie zes maanden op; de gemeente meldt de start."
    deadline = today + datetime.timedelta(days=14)
    decision_form.locator("textarea[name=what]").fill(what)
    decision_form.locator("select[name=responsible_organisation]").select_option(str(cak.pk))
    decision_form.locator("input[name=deadline]").fill(deadline.isoformat())
    decision_form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/let/{session.uuid}/$"))
    check_accessibility(page)
    decisions = page.locator("table:has(#decisions-caption) tbody")
    expect(decisions).to_contain_text(what)
    expect(decisions).to_contain_text(cak.name)
    expect(decisions).to_contain_text(deadline.strftime("%d-%m-%Y"))
    screenshot(page, "56-let-sessie-besluit")

    response = page.goto(base + reverse("households:detail", kwargs={"uuid": household.uuid}))
    assert response.status == 404
    check_accessibility(page)
    log_out(page)

    # The professional follows the outcome from the plan.
    log_in(page, base, professional)
    visit(page, base + reverse("plans:detail", kwargs={"uuid": plan.uuid}))
    click_and_check(page, f"main a[href='{plan_loket}']", rf"{plan_loket}$")
    card = page.locator(f"article[aria-labelledby='case-{case.uuid}']")
    expect(card.locator(".doorbraak-badge")).to_have_text(shown(page, LoketStatus.BIJ_LET.label))
    card.locator("details summary").click()
    expect(card.locator("ol")).to_contain_text(what)
    check_accessibility(page)
    screenshot(page, "57-loket-uitkomst-plan")
    click_and_check(page, f"main {case_href}", rf"/loket/{case.uuid}/$")
    decisions = page.locator("table:has(#decisions-caption) tbody")
    expect(decisions).to_contain_text(what)
    expect(decisions).to_contain_text(cak.name)
    expect(page.locator(f"form[action='/loket/{case.uuid}/triage/']")).to_have_count(0)

    case.refresh_from_db()
    assert case.status == LoketStatus.BIJ_LET
    assert case.handler == loket.user
    assert case.first_response_at is not None and case.decided_at is not None
    assert list(session.cases.all()) == [case]
    assert set(session.participants.all()) == {cak, uwv}
    decision = LetDecision.objects.get()
    assert decision.case == case and decision.session == session
    assert decision.what == what and decision.responsible_organisation == cak
    assert decision.deadline == deadline and decision.status == DecisionStatus.OPEN
    assert decision.recorded_by == loket.user
    kinds = list(case.events.values_list("kind", "to_status"))
    assert (EventKind.STATUS, LoketStatus.BIJ_LET) in kinds
    assert sum(kind == EventKind.LET for kind, _ in kinds) == 2  # agenda, decision
    assert (
        Notification.objects.filter(
            user=professional.user, kind=NotificationKind.LOKET_UITKOMST
        ).count()
        == 2
    )  # routed to the LET, decision recorded


def test_an_overbrugging_is_recorded_and_later_settled(page, live_server):
    maassluis = OrganisationFactory(name="Maassluis", cbs_code="GM0556")
    team = TeamFactory(organisation=maassluis, name="Wijkteam Maassluis")
    professional = member(role=Role.PROFESSIONAL, organisation=maassluis, team=team)
    household, applicant, plan = _stuck_plan(maassluis, team)
    case = escalation.loket_case(
        plan=plan,
        submitted_by=professional.user,
        question="Wie betaalt begeleid wonen nu Wmo en Wlz naar elkaar wijzen?",
        life_domains=["huisvesting", "geestelijke_gezondheid"],
    )
    zorgkantoor = AgencyFactory(name="Zorgkantoor Rijnmond")
    # An older open overbrugging of another gemeente: the open list shows the oldest first.
    capelle = OrganisationFactory(name="Capelle aan den IJssel", cbs_code="GM0502")
    older = escalation.overbrugging(
        capelle,
        case=escalation.loket_case(capelle, status=LoketStatus.OVERBRUGGING),
        starts_on=timezone.localdate() - datetime.timedelta(days=120),
    )
    loket = _loket_member()
    base = live_server.url
    today = timezone.localdate()
    started = today - datetime.timedelta(days=21)

    log_in(page, base, loket)
    click_and_check(page, "nav a[href='/loket/']", r"/loket/$")
    click_and_check(page, f"main table a[href='/loket/{case.uuid}/']", rf"/loket/{case.uuid}/$")
    assert applicant.achternaam not in page.locator("main").inner_text()
    expect(page.locator(f"form[action='/loket/{case.uuid}/overbrugging/']")).to_have_count(0)
    triage = page.locator(f"form[action='/loket/{case.uuid}/triage/']")
    triage.locator("#id_action").select_option("overbrugging")
    triage.locator("#id_text").fill("Wmo en Wlz wijzen naar elkaar: de ondersteuning gaat nu in.")
    triage.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/loket/{case.uuid}/$"))
    check_accessibility(page)

    # The overbrugging: support now, Maassluis pays ahead, Wmo and Wlz dispute who pays.
    start_form = page.locator(f"form[action='/loket/{case.uuid}/overbrugging/']")
    expect(start_form.locator("#id_voorfinancier")).to_have_value(str(maassluis.pk))
    start_form.locator("#id_support").fill("Begeleid wonen, 3 dagdelen per week, start direct.")
    start_form.locator("#id_starts_on").fill(started.isoformat())
    start_form.locator("input[name=regimes][value=wmo]").check()
    start_form.locator("input[name=regimes][value=wlz]").check()
    start_form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/overbrugging/[0-9a-f-]{36}/$"))
    check_accessibility(page)
    overbrugging = Overbrugging.objects.exclude(pk=older.pk).get()
    assert page.url.endswith(f"/overbrugging/{overbrugging.uuid}/")

    # In the list of open settlements, with its age, after the older one.
    click_and_check(page, "nav a[href='/overbrugging/']", r"/overbrugging/$")
    open_rows = page.locator("table:has(#open-caption) tbody tr")
    ours = f"a[href='/overbrugging/{overbrugging.uuid}/']"
    expect(open_rows).to_have_count(2)
    expect(open_rows.nth(0).locator(f"a[href='/overbrugging/{older.uuid}/']")).to_have_count(1)
    expect(open_rows.nth(1).locator(ours)).to_have_count(1)
    expect(open_rows.nth(1).locator("td.doorbraak-number")).to_have_text("21")
    expect(open_rows.nth(0).locator("td.doorbraak-number")).to_have_text("120")
    expect(open_rows.nth(1)).to_contain_text("Wmo 2015")
    expect(open_rows.nth(1)).to_contain_text("Wlz")
    expect(page.locator(f"table:has(#settled-caption) {ours}")).to_have_count(0)
    screenshot(page, "58-overbrugging-open")

    # The settlement: Zorgkantoor Rijnmond (Wlz) pays. A date before the start is refused.
    detail = rf"/overbrugging/{overbrugging.uuid}/$"
    click_and_check(page, f"table:has(#open-caption) {ours}", detail)
    settle = page.locator(f"form[action='/overbrugging/{overbrugging.uuid}/verrekening/']")
    settle.locator("#id_final_payer").select_option(str(zorgkantoor.pk))
    settle.locator("#id_amount").fill("3875.50")
    settle.locator("#id_settled_on").fill((started - datetime.timedelta(days=1)).isoformat())
    settle.locator("#id_note").fill("Indicatie Wlz met terugwerkende kracht vanaf de start.")
    settle.locator("button[type=submit]").click()
    expect(page.locator("#id_settled_on")).to_have_attribute("aria-invalid", "true")
    check_accessibility(page)
    overbrugging.refresh_from_db()
    assert not overbrugging.is_settled
    page.locator("#id_settled_on").fill(today.isoformat())
    page.locator(
        f"form[action='/overbrugging/{overbrugging.uuid}/verrekening/'] button[type=submit]"
    ).click()
    page.wait_for_url(re.compile(rf"/overbrugging/{overbrugging.uuid}/$"))
    check_accessibility(page)
    expect(page.locator("#id_final_payer")).to_have_count(0)  # nothing left to settle
    expect(page.locator("main dl")).to_contain_text(zorgkantoor.name)

    # Settled: out of the open list, into the settled one; the older one stays open.
    click_and_check(page, "nav a[href='/overbrugging/']", r"/overbrugging/$")
    expect(page.locator(f"table:has(#open-caption) {ours}")).to_have_count(0)
    expect(
        page.locator(f"table:has(#open-caption) a[href='/overbrugging/{older.uuid}/']")
    ).to_have_count(1)
    settled_row = page.locator("table:has(#settled-caption) tbody tr", has=page.locator(ours))
    expect(settled_row).to_contain_text(zorgkantoor.name)
    expect(settled_row).to_contain_text(today.strftime("%d-%m-%Y"))
    screenshot(page, "59-overbrugging-verrekend")

    overbrugging.refresh_from_db()
    assert overbrugging.loket_case == case and overbrugging.voorfinancier == maassluis
    assert overbrugging.starts_on == started and overbrugging.regimes == ["wmo", "wlz"]
    assert overbrugging.support.startswith("Begeleid wonen")
    assert overbrugging.final_payer == zorgkantoor
    assert overbrugging.amount == Decimal("3875.50")
    assert overbrugging.settled_on == today and overbrugging.settled_by == loket.user
    assert overbrugging.settlement_note.startswith("Indicatie Wlz")
    assert overbrugging.age_on(today) == 21
    older.refresh_from_db()
    assert not older.is_settled
    case.refresh_from_db()
    assert case.status == LoketStatus.OVERBRUGGING and case.handler == loket.user
    assert case.events.filter(kind=EventKind.OVERBRUGGING).count() == 2  # started, settled
