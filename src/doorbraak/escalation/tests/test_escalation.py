"""The national escalation route: Maatwerkloket, LET, overbrugging and knelpunten."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified, team_for
from doorbraak.core.tests.factories import OrganisationFactory, actor_for, member
from doorbraak.escalation import selectors, services, workflow
from doorbraak.escalation.models import (
    DecisionStatus,
    Knelpunt,
    KnelpuntStatus,
    LetDecision,
    LoketAttachment,
    LoketCase,
    LoketStatus,
    Milestone,
    Overbrugging,
    ServiceLevel,
)
from doorbraak.escalation.worktime import add_working_days, working_days_between
from doorbraak.followup.models import Notification

from . import factories
from .factories import ENTRY_TEST

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente():
    return OrganisationFactory(name="Gemeente Loketstad")


@pytest.fixture
def professional(gemeente):
    return member(role=Role.PROFESSIONAL, organisation=gemeente, team=team_for(gemeente))


@pytest.fixture
def plan(gemeente):
    return factories.plan_in_team(gemeente)


@pytest.fixture
def loket():
    return member(role=Role.LOKET, organisation=factories.rijk())


def _logged(code, action=None, **filters):
    entries = ProcessingLogEntry.objects.filter(activity__code=code, **filters)
    if action:
        entries = entries.filter(action=action)
    return entries


def _pdf(name="brief.pdf", size=None):
    data = b"%PDF-1.4\n" + (b"0" * (size - 9) if size else b"inhoud")
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile("notitie.docx", buffer.getvalue())


def _submit(client, plan, **overrides):
    data = {**ENTRY_TEST, "laws": "Zvw art. 18c", "life_domains": ["financien"], **overrides}
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(reverse("escalation:plan-loket", kwargs={"uuid": plan.uuid}), data)


def _triage(case, loket, action, **kwargs):
    return services.triageren(actor=actor_for(loket), case=case, action=action, **kwargs)


# --- Working days and service levels -------------------------------------------------------------


def test_working_days_skip_the_weekend():
    friday = datetime.date(2026, 1, 9)
    assert add_working_days(friday, 1) == datetime.date(2026, 1, 12)  # Monday
    assert add_working_days(friday, 5) == datetime.date(2026, 1, 16)
    assert add_working_days(datetime.date(2026, 1, 10), 1) == datetime.date(2026, 1, 12)
    assert working_days_between(friday, datetime.date(2026, 1, 19)) == 6


def test_service_levels_are_seeded_and_used_for_the_due_dates(professional, plan):
    assert ServiceLevel.objects.get(milestone=Milestone.EERSTE_REACTIE).working_days == 5
    ServiceLevel.objects.filter(milestone=Milestone.BESLUIT).update(working_days=10)
    with freeze_time("2026-01-08 10:00"):  # a Thursday
        case = services.loket_verzoek_indienen(
            actor=actor_for(professional), plan=plan, data=dict(ENTRY_TEST, laws="Wmo")
        )
    assert case.first_response_due == datetime.date(2026, 1, 15)
    assert case.decision_due == datetime.date(2026, 1, 22)


def test_overdue_marking_counts_working_days(professional, plan, loket, client):
    with freeze_time("2026-01-08 10:00"):
        case = services.loket_verzoek_indienen(
            actor=actor_for(professional), plan=plan, data=dict(ENTRY_TEST, laws="Wmo")
        )
    assert not case.first_response_overdue(datetime.date(2026, 1, 15))
    assert case.first_response_overdue(datetime.date(2026, 1, 16))
    assert not case.decision_overdue(datetime.date(2026, 2, 5))  # 20 working days
    assert case.decision_overdue(datetime.date(2026, 2, 6))

    login_verified(client, loket.user)
    with freeze_time("2026-01-16 09:00"):
        page = client.get(reverse("escalation:cases"), {"te_laat": "1"})
        assert [c.pk for c in page.context["cases"]] == [case.pk]
        assert "doorbraak-overdue" in page.content.decode()
        _triage(case, loket, workflow.IN_BEHANDELING)
        case.refresh_from_db()
        assert not case.first_response_overdue()
        assert client.get(reverse("escalation:cases"), {"te_laat": "1"}).context["cases"] == []


def test_functioneel_beheerder_of_the_loket_changes_a_service_level(client):
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=factories.rijk())
    login_verified(client, beheerder.user)
    response = client.post(
        reverse("escalation:service-levels"), {"milestone": "besluit", "working_days": "15"}
    )
    assert response.status_code == 302
    assert ServiceLevel.objects.get(milestone="besluit").working_days == 15


# --- Submitting: the entry test and the minimal dataset ------------------------------------------


@pytest.mark.parametrize(
    "missing", ["tried_locally", "tried_regionally", "who_involved", "why_failed", "question"]
)
def test_the_entry_test_is_required(client, professional, plan, missing):
    login_verified(client, professional.user)
    response = _submit(client, plan, **{missing: ""})
    assert response.status_code == 400
    assert missing in response.context["form"].errors
    assert not LoketCase.objects.exists()


def test_the_service_refuses_a_case_without_entry_test(professional, plan):
    with pytest.raises(services.NotAllowed):
        services.loket_verzoek_indienen(
            actor=actor_for(professional), plan=plan, data={**ENTRY_TEST, "why_failed": " "}
        )


def test_professional_submits_a_case_with_minimal_dataset_and_attachments(
    client, professional, plan
):
    uwv = factories.agency("UWV (test)")
    login_verified(client, professional.user)
    response = _submit(client, plan, organisations=[uwv.pk], attachments=[_pdf(), _docx()])
    assert response.status_code == 302
    case = LoketCase.objects.get()
    assert (case.household_reference, case.gemeente, case.team) == (
        plan.household.reference,
        plan.household.organisation,
        plan.household.team,
    )
    assert case.life_domains == ["financien"]
    assert list(case.organisations.all()) == [uwv]
    assert case.status == LoketStatus.INGEDIEND
    assert sorted(LoketAttachment.objects.values_list("name", flat=True)) == [
        "brief.pdf",
        "notitie.docx",
    ]
    assert case.events.filter(kind="status", to_status="ingediend").exists()
    assert _logged("maatwerkloket", "create", object_uuid=case.uuid).count() == 1


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile("script.exe", b"MZ...."),
        lambda: SimpleUploadedFile("nep.pdf", b"geen pdf"),
        lambda: _pdf(size=5 * 1024 * 1024 + 1),
    ],
    ids=["type", "content", "size"],
)
def test_attachments_of_the_wrong_type_or_too_large_are_refused(client, professional, plan, upload):
    login_verified(client, professional.user)
    response = _submit(client, plan, attachments=[upload()])
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert not LoketCase.objects.exists()


def test_a_bsn_or_names_need_a_legal_basis(client, professional, plan):
    login_verified(client, professional.user)
    refused = _submit(client, plan, question="Gaat over BSN 999993653.")
    assert "question" in refused.context["form"].errors
    refused = _submit(client, plan, identifying_details="J. Jansen")
    assert "identifying_legal_basis" in refused.context["form"].errors
    accepted = _submit(
        client,
        plan,
        identifying_details="J. Jansen, BSN 999993653",
        identifying_legal_basis="Toestemming betrokkene van 3 december 2026",
    )
    assert accepted.status_code == 302


def test_the_plans_loket_page_shows_the_outcome_to_the_professional(
    client, professional, plan, loket
):
    case = factories.loket_case(plan=plan, submitted_by=professional.user)
    _triage(case, loket, workflow.ADVIES_GEGEVEN, text="Vraag de stabilisatieovereenkomst aan.")
    login_verified(client, professional.user)
    page = client.get(reverse("escalation:plan-loket", kwargs={"uuid": plan.uuid}))
    assert page.status_code == 200
    assert "Vraag de stabilisatieovereenkomst aan." in page.content.decode()
    notification = Notification.objects.get(user=professional.user)
    assert notification.url == f"/loket/{case.uuid}/"
    assert case.household_reference in notification.text


# --- Triage ------------------------------------------------------------------------------------


def test_triage_gives_advice_and_records_the_timeline(loket):
    case = factories.loket_case()
    _triage(case, loket, workflow.IN_BEHANDELING)
    _triage(case, loket, "notitie", text="Gebeld met de wijkcoach.")
    _triage(case, loket, workflow.ADVIES_GEGEVEN, text="Gebruik art. 4:84 Awb.")
    case.refresh_from_db()
    assert case.status == LoketStatus.ADVIES_GEGEVEN
    assert case.handler == loket.user
    assert case.first_response_at and case.decided_at
    kinds = list(case.events.values_list("kind", "to_status"))
    assert kinds == [
        ("status", "in_behandeling"),
        ("notitie", ""),
        ("status", "advies_gegeven"),
    ]
    assert all(e.by == loket.user for e in case.events.all())


def test_triage_routes_to_the_let_and_puts_it_on_a_sessions_agenda(client, loket):
    case = factories.loket_case()
    session = factories.let_session(held_on=timezone.localdate() + datetime.timedelta(days=3))
    login_verified(client, loket.user)
    response = client.post(
        reverse("escalation:triage", kwargs={"uuid": case.uuid}),
        {"action": "bij_let", "session": session.pk},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == LoketStatus.BIJ_LET
    assert list(session.cases.all()) == [case]


def test_triage_routes_to_the_overbruggingsprocedure_and_starts_it(client, loket):
    case = factories.loket_case()
    voorfinancier = case.gemeente
    login_verified(client, loket.user)
    client.post(
        reverse("escalation:triage", kwargs={"uuid": case.uuid}), {"action": "overbrugging"}
    )
    case.refresh_from_db()
    assert case.status == LoketStatus.OVERBRUGGING
    response = client.post(
        reverse("escalation:case-overbrugging", kwargs={"uuid": case.uuid}),
        {
            "support": "Beschermd wonen start direct.",
            "voorfinancier": voorfinancier.pk,
            "starts_on": "2026-11-01",
            "regimes": ["wmo", "wlz", "18-18plus"],
        },
    )
    assert response.status_code == 302
    overbrugging = Overbrugging.objects.get()
    assert overbrugging.regimes == ["wmo", "wlz", "18-18plus"]
    assert overbrugging.voorfinancier == voorfinancier
    assert _logged("overbrugging", "create", object_uuid=overbrugging.uuid).exists()


def test_a_policy_question_needs_a_ministry(client, loket):
    case = factories.loket_case()
    szw = factories.rijk("Ministerie van SZW (test)")
    login_verified(client, loket.user)
    url = reverse("escalation:triage", kwargs={"uuid": case.uuid})
    assert client.post(url, {"action": "beleidsvraag", "text": "Regel 3?"}).status_code == 400
    client.post(url, {"action": "beleidsvraag", "text": "Regel 3?", "ministry": szw.pk})
    case.refresh_from_db()
    assert (case.status, case.routed_to) == (LoketStatus.BELEIDSVRAAG, szw)


def test_a_closed_case_cannot_be_routed_again(loket):
    case = factories.loket_case(status=LoketStatus.AFGEROND)
    with pytest.raises(services.NotAllowed):
        _triage(case, loket, workflow.BIJ_LET)
    assert not workflow.can_move("afgerond", "bij_let")


def test_an_overbrugging_needs_the_case_routed_first(loket):
    case = factories.loket_case(status=LoketStatus.IN_BEHANDELING)
    with pytest.raises(services.NotAllowed):
        services.overbrugging_starten(
            actor=actor_for(loket),
            case=case,
            support="x",
            voorfinancier=case.gemeente,
            starts_on=timezone.localdate(),
            regimes=["wmo"],
        )


# --- LET -----------------------------------------------------------------------------------------


def test_let_session_decision_and_follow_up_until_done(client, loket):
    cak = factories.agency("CAK (test)")
    case = factories.loket_case(status=LoketStatus.BIJ_LET)
    login_verified(client, loket.user)
    response = client.post(
        reverse("escalation:sessions"),
        {"held_on": "2026-12-10", "participants": [cak.pk], "representatives": "A. Bos (CAK)"},
    )
    assert response.status_code == 302
    session = case.let_sessions.model.objects.get()
    client.post(
        reverse("escalation:session-agenda", kwargs={"uuid": session.uuid}),
        {"agenda-case": case.pk},
    )
    client.post(
        reverse("escalation:session-decision", kwargs={"uuid": session.uuid}),
        {
            "case": case.pk,
            "what": "Premie opschorten.",
            "responsible_organisation": cak.pk,
            "deadline": "2026-12-24",
        },
    )
    decision = LetDecision.objects.get()
    assert (decision.case, decision.responsible_organisation) == (case, cak)
    assert decision.is_overdue_on(datetime.date(2026, 12, 25))
    assert not decision.is_overdue_on(datetime.date(2026, 12, 24))

    # The agency's maatwerkfunctionaris sees it and marks it done.
    cak_mf = member(role=Role.MAATWERKFUNCTIONARIS, organisation=cak)
    client.logout()
    login_verified(client, cak_mf.user)
    page = client.get(reverse("escalation:decisions"))
    assert [row[0] for row in page.context["rows"]] == [decision]
    prefix = f"d-{decision.uuid.hex[:8]}"
    response = client.post(
        reverse("escalation:decision-follow-up", kwargs={"uuid": decision.uuid}),
        {f"{prefix}-status": "afgerond", f"{prefix}-done_on": "2026-12-01"},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.done_on) == (
        DecisionStatus.AFGEROND,
        datetime.date(2026, 12, 1),
    )
    assert not decision.is_overdue_on(datetime.date(2027, 1, 1))
    assert _logged("let-casus", "update", object_uuid=decision.uuid).exists()
    # The agency sees the case's minimal dataset, not the entry test.
    page = client.get(reverse("escalation:case", kwargs={"uuid": case.uuid}))
    assert page.status_code == 200
    assert case.question in page.content.decode()
    assert case.tried_locally not in page.content.decode()


def test_a_decision_cannot_be_done_without_a_date(loket):
    decision = factories.let_decision(factories.agency())
    with pytest.raises(services.NotAllowed):
        services.let_besluit_opvolgen(
            actor=actor_for(loket), decision=decision, status="afgerond", done_on=None, note=""
        )


def test_agency_a_cannot_see_agency_bs_decision(client):
    agency_a, agency_b = factories.agency("Agency A"), factories.agency("Agency B")
    decision_b = factories.let_decision(agency_b, what="Besluit voor B")
    mf_a = member(role=Role.MAATWERKFUNCTIONARIS, organisation=agency_a)
    login_verified(client, mf_a.user)
    assert "Besluit voor B" not in client.get(reverse("escalation:decisions")).content.decode()
    prefix = f"d-{decision_b.uuid.hex[:8]}"
    response = client.post(
        reverse("escalation:decision-follow-up", kwargs={"uuid": decision_b.uuid}),
        {f"{prefix}-status": "afgerond", f"{prefix}-done_on": "2026-12-01"},
    )
    assert response.status_code == 404
    assert (
        client.get(reverse("escalation:case", kwargs={"uuid": decision_b.case.uuid})).status_code
        == 404
    )


# --- Overbrugging --------------------------------------------------------------------------------


def test_overbrugging_is_settled_with_final_payer_amount_and_date(client, loket):
    gemeente, svb = OrganisationFactory(), factories.agency("SVB (test)")
    overbrugging = factories.overbrugging(gemeente, starts_on=datetime.date(2026, 9, 1))
    login_verified(client, loket.user)
    url = reverse("escalation:overbrugging-settle", kwargs={"uuid": overbrugging.uuid})
    too_early = client.post(
        url, {"final_payer": svb.pk, "amount": "1000", "settled_on": "2026-08-01"}
    )
    assert too_early.status_code == 400
    response = client.post(
        url, {"final_payer": svb.pk, "amount": "12345.67", "settled_on": "2026-11-30"}
    )
    assert response.status_code == 302
    overbrugging.refresh_from_db()
    assert (overbrugging.final_payer, overbrugging.amount, overbrugging.settled_on) == (
        svb,
        Decimal("12345.67"),
        datetime.date(2026, 11, 30),
    )
    assert overbrugging.age_on(datetime.date(2027, 1, 1)) == 90  # stops at the settlement
    with pytest.raises(services.NotAllowed):
        services.overbrugging_verrekenen(
            actor=actor_for(loket),
            overbrugging=overbrugging,
            final_payer=svb,
            amount=Decimal(1),
            settled_on=datetime.date(2026, 12, 1),
        )


def test_open_settlements_are_listed_with_their_age_and_sortable(client, loket):
    gemeente = OrganisationFactory()
    today = timezone.localdate()
    young = factories.overbrugging(gemeente, starts_on=today - datetime.timedelta(days=10))
    old = factories.overbrugging(gemeente, starts_on=today - datetime.timedelta(days=120))
    factories.overbrugging(
        gemeente,
        starts_on=today - datetime.timedelta(days=300),
        settled_on=today,
        final_payer=gemeente,
        amount=Decimal("10.00"),
    )
    rows = selectors.open_settlements(actor_for(loket))
    assert [(r.overbrugging, r.age_days) for r in rows] == [(old, 120), (young, 10)]
    login_verified(client, loket.user)
    page = client.get(reverse("escalation:overbruggingen"), {"sorteer": "nieuwste"})
    assert [r.overbrugging for r in page.context["rows"]] == [young, old]
    assert len(page.context["settled"]) == 1


def test_agency_a_cannot_see_agency_bs_overbrugging(client):
    agency_a, agency_b = factories.agency("Agency A"), factories.agency("Agency B")
    own = factories.overbrugging(agency_a)
    theirs = factories.overbrugging(agency_b, support="Voor B")
    mf_a = member(role=Role.MAATWERKFUNCTIONARIS, organisation=agency_a)
    login_verified(client, mf_a.user)
    assert (
        client.get(reverse("escalation:overbrugging", kwargs={"uuid": own.uuid})).status_code == 200
    )
    assert (
        client.get(reverse("escalation:overbrugging", kwargs={"uuid": theirs.uuid})).status_code
        == 404
    )
    page = client.get(reverse("escalation:overbruggingen"))
    assert [r.overbrugging for r in page.context["rows"]] == [own]


# --- Knelpunten ----------------------------------------------------------------------------------


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_knelpunten_report_per_law_organisation_and_quarter_and_its_csv(client, loket):
    org = OrganisationFactory()
    factories.knelpunt(
        org,
        law="Participatiewet",
        blocking_organisation="Gemeente",
        recorded_at=_at(datetime.date(2026, 2, 3)),
    )
    factories.knelpunt(
        org,
        law="Participatiewet",
        blocking_organisation="Gemeente",
        recorded_at=_at(datetime.date(2026, 3, 30)),
        status=KnelpuntStatus.OPGELOST,
    )
    factories.knelpunt(
        org,
        law="Participatiewet",
        blocking_organisation="UWV",
        recorded_at=_at(datetime.date(2026, 3, 1)),
    )
    factories.knelpunt(
        org,
        law="Zorgverzekeringswet",
        blocking_organisation="CAK",
        recorded_at=_at(datetime.date(2026, 7, 15)),
        status=KnelpuntStatus.GEESCALEERD,
    )
    factories.knelpunt(
        org,
        law="Zorgverzekeringswet",
        blocking_organisation="CAK",
        recorded_at=_at(datetime.date(2025, 12, 31)),
    )
    rows = [
        (r.law, r.organisation, r.quarter, r.total, r.open, r.geescaleerd, r.opgelost)
        for r in selectors.knelpunten_report()
    ]
    assert rows == [
        ("Participatiewet", "Gemeente", "2026-K1", 2, 1, 0, 1),
        ("Participatiewet", "UWV", "2026-K1", 1, 1, 0, 0),
        ("Zorgverzekeringswet", "CAK", "2025-K4", 1, 1, 0, 0),
        ("Zorgverzekeringswet", "CAK", "2026-K3", 1, 0, 1, 0),
    ]
    assert len(selectors.knelpunten_report(year_from=2026)) == 3

    login_verified(client, loket.user)
    page = client.get(reverse("escalation:report"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode() and page.context["total"] == 5
    response = client.get(reverse("escalation:report-csv"))
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines[0] == [
        "wet",
        "organisatie",
        "kwartaal",
        "totaal",
        "open",
        "geescaleerd",
        "opgelost",
    ]
    assert lines[1] == ["Participatiewet", "Gemeente", "2026-K1", "2", "1", "0", "1"]
    assert _logged("knelpunten", "export").exists()


def test_the_national_view_is_anonymised(client, professional, plan, loket):
    Knelpunt.objects.create(
        plan=plan,
        organisation=plan.household.organisation,
        law="Wet op de huurtoeslag",
        article="13",
        blocking_organisation="Belastingdienst/Toeslagen",
        what_blocks="De huurgrens sluit een aangepaste woning uit.",
    )
    case = factories.loket_case(plan=plan)
    services.knelpunt_uit_zaak(
        actor=actor_for(loket),
        case=case,
        data={
            "law": "Jeugdwet",
            "article": "1.1",
            "blocking_organisation": "Gemeente",
            "what_blocks": "18-/18+ grens.",
            "kind": "wettekst",
        },
    )
    analist = member(role=Role.ANALIST)
    login_verified(client, analist.user)
    page = client.get(reverse("escalation:knelpunten"))
    body = page.content.decode()
    assert "De huurgrens sluit een aangepaste woning uit." in body and "18-/18+ grens." in body
    assert plan.household.reference not in body
    assert str(plan.uuid) not in body and str(case.uuid) not in body
    assert all("plan" not in row for row, _form in page.context["rows"])


def test_loket_staff_move_a_knelpunt_to_escalated_and_resolved(client, loket):
    knelpunt = factories.knelpunt(kind="")
    login_verified(client, loket.user)
    prefix = f"k-{knelpunt.uuid.hex[:8]}"
    url = reverse("escalation:knelpunt-status", kwargs={"uuid": knelpunt.uuid})
    client.post(url, {f"{prefix}-status": "geescaleerd", f"{prefix}-kind": "ict"})
    knelpunt.refresh_from_db()
    assert (knelpunt.status, knelpunt.kind) == ("geescaleerd", "ict")
    client.post(url, {f"{prefix}-status": "opgelost", f"{prefix}-kind": ""})
    knelpunt.refresh_from_db()
    assert (knelpunt.status, knelpunt.kind) == ("opgelost", "ict")
    assert _logged("knelpunten", "update").count() == 2


# --- Access --------------------------------------------------------------------------------------


def test_a_loket_member_never_opens_the_household_file(client, loket):
    case = factories.loket_case(status=LoketStatus.BIJ_LET)
    household = case.plan.household
    login_verified(client, loket.user)
    assert client.get(reverse("escalation:case", kwargs={"uuid": case.uuid})).status_code == 200
    assert (
        client.get(reverse("households:detail", kwargs={"uuid": household.uuid})).status_code == 404
    )
    assert client.get(reverse("plans:detail", kwargs={"uuid": case.plan.uuid})).status_code == 404
    assert client.get(
        reverse("escalation:plan-loket", kwargs={"uuid": case.plan.uuid})
    ).status_code in (403, 404)


def test_the_loket_role_in_a_gemeente_gives_no_loket_access(client):
    case = factories.loket_case()
    gemeente_loket = member(role=Role.LOKET)
    login_verified(client, gemeente_loket.user)
    assert client.get(reverse("escalation:case", kwargs={"uuid": case.uuid})).status_code == 403


def test_a_professional_sees_only_the_cases_of_their_own_team(client, professional, plan):
    own = factories.loket_case(plan=plan)
    from doorbraak.core.tests.factories import TeamFactory

    other_team = factories.loket_case(
        plan=factories.plan_in_team(
            plan.household.organisation, team=TeamFactory(organisation=plan.household.organisation)
        )
    )
    login_verified(client, professional.user)
    page = client.get(reverse("escalation:cases"))
    assert [c.pk for c in page.context["cases"]] == [own.pk]
    assert (
        client.get(reverse("escalation:case", kwargs={"uuid": other_team.uuid})).status_code == 404
    )


# --- The processing log ------------------------------------------------------------------------


def test_every_read_and_change_is_logged(client, professional, plan, loket):
    login_verified(client, professional.user)
    _submit(client, plan)
    case = LoketCase.objects.get()
    client.get(reverse("escalation:case", kwargs={"uuid": case.uuid}))
    client.get(reverse("escalation:plan-loket", kwargs={"uuid": plan.uuid}))
    client.logout()
    login_verified(client, loket.user)
    client.get(reverse("escalation:cases"))
    client.post(
        reverse("escalation:triage", kwargs={"uuid": case.uuid}), {"action": "in_behandeling"}
    )
    subject = ProcessingLogEntry.objects.filter(activity__code="maatwerkloket").values_list(
        "action", "actor_role"
    )
    assert ("create", "professional") in subject
    assert ("read", "professional") in subject
    assert ("read", "loket") in subject
    assert ("update", "loket") in subject
    # One row per data subject, pseudonymised: the household's uuid never shows.
    pseudonyms = set(
        ProcessingLogEntry.objects.filter(activity__code="maatwerkloket").values_list(
            "subject_pseudonym", flat=True
        )
    )
    assert len(pseudonyms) == 1 and str(plan.household.uuid) not in pseudonyms


def test_reads_of_decisions_and_overbruggingen_are_logged(client, loket):
    decision = factories.let_decision(factories.agency())
    overbrugging = factories.overbrugging(factories.agency())
    login_verified(client, loket.user)
    client.get(reverse("escalation:decisions"))
    client.get(reverse("escalation:overbrugging", kwargs={"uuid": overbrugging.uuid}))
    client.get(reverse("escalation:session", kwargs={"uuid": decision.session.uuid}))
    assert _logged("let-casus", "read", detail="besluiten").exists()
    assert _logged("let-casus", "read", detail="sessie").exists()
    assert _logged("overbrugging", "read", object_uuid=overbrugging.uuid).exists()


# --- API -----------------------------------------------------------------------------------------


def test_api_creates_a_case_from_a_plan_and_refuses_a_missing_entry_test(
    client, professional, plan
):
    login_verified(client, professional.user)
    url = reverse("api:plan-loket-cases", kwargs={"uuid": plan.uuid})
    refused = client.post(
        url, {**ENTRY_TEST, "tried_regionally": ""}, content_type="application/json"
    )
    assert refused.status_code == 400 and "tried_regionally" in refused.json()
    created = client.post(
        url, {**ENTRY_TEST, "life_domains": ["huisvesting"]}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert body["household_reference"] == plan.household.reference
    assert body["status"] == "ingediend" and body["timeline"][0]["to_status"] == "ingediend"
    assert client.get(url).json()[0]["uuid"] == body["uuid"]


def test_api_lists_cases_per_actor(client, professional, plan, loket):
    own = factories.loket_case(plan=plan)
    foreign = factories.loket_case()
    login_verified(client, professional.user)
    rows = client.get(reverse("api:loket-cases")).json()["results"]
    assert [r["uuid"] for r in rows] == [str(own.uuid)]
    client.logout()
    login_verified(client, loket.user)
    rows = client.get(reverse("api:loket-cases")).json()["results"]
    assert {r["uuid"] for r in rows} == {str(own.uuid), str(foreign.uuid)}
    detail = client.get(reverse("api:loket-case", kwargs={"uuid": foreign.uuid})).json()
    assert detail["tried_locally"] == ENTRY_TEST["tried_locally"]


def test_api_gives_an_addressed_agency_the_minimal_dataset_only(client):
    agency = factories.agency()
    decision = factories.let_decision(agency)
    mf = member(role=Role.MAATWERKFUNCTIONARIS, organisation=agency)
    login_verified(client, mf.user)
    detail = client.get(reverse("api:loket-case", kwargs={"uuid": decision.case.uuid})).json()
    assert detail["household_reference"] == decision.case.household_reference
    assert "tried_locally" not in detail and "timeline" not in detail


def test_api_report_aggregates_per_quarter(client, loket):
    factories.knelpunt(recorded_at=_at(datetime.date(2026, 5, 5)))
    login_verified(client, loket.user)
    rows = client.get(reverse("api:knelpunten-report")).json()
    assert rows == [
        {
            "law": "Zorgverzekeringswet",
            "organisation": "CAK",
            "quarter": "2026-K2",
            "total": 1,
            "open": 1,
            "geescaleerd": 0,
            "opgelost": 0,
        }
    ]
