"""The case page: reading, contact attempts, the offer, aanbod aanvaard and closing."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from doorbraak.audit.models import Action, ProcessingLogEntry
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory, member
from doorbraak.households.models import Household
from doorbraak.signals.codes import Eindresultaat, Signaalstatus
from doorbraak.signals.models import CaseStatus, ContactAttempt, Feedback
from doorbraak.signals.tests.factories import case_with_signals

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente():
    return OrganisationFactory(name="Gemeente Werk")


@pytest.fixture
def team_member(gemeente, client):
    membership = member(role=Role.VROEGSIGNALERING, organisation=gemeente, first_name="Vera")
    login_verified(client, membership.user)
    return membership


@pytest.fixture
def case(gemeente):
    case = case_with_signals(gemeente, count=2, achternaam="Pietersen", bedrag=Decimal("650"))
    signal = case.signals.first()
    signal.set_bsn("111222333")
    signal.check_flags = [{"code": "termijn-30-100", "message": "Achterstand korter dan 30 dagen."}]
    signal.save()
    return case


def _logged(action, **filters):
    return ProcessingLogEntry.objects.filter(
        activity__code="vroegsignalering-uitvoeren", action=action, **filters
    )


def test_the_case_page_shows_signals_flags_masked_bsn_and_is_logged(client, team_member, case):
    response = client.get(reverse("signals:case", kwargs={"uuid": case.uuid}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pietersen" in body
    assert "Achterstand korter dan 30 dagen." in body
    assert "111222333" not in body and "●●●●●●333" in body
    # one record per data subject: the case and each signal (BSN pseudonym or signal id)
    assert _logged(Action.READ, object_uuid=case.uuid).count() == 3


def test_the_queue_shows_no_bsn_or_name(client, team_member, case):
    response = client.get(reverse("signals:queue"))
    body = response.content.decode()
    assert case.reference in body
    assert "Pietersen" not in body and "333" not in body.split("work-queue")[1].split("</table>")[0]
    assert _logged(Action.READ, detail="werkvoorraad").exists()


def test_a_contact_attempt_picks_the_case_up_and_tells_the_creditor(client, team_member, case):
    today = timezone.localdate()
    response = client.post(
        reverse("signals:case-contact", kwargs={"uuid": case.uuid}),
        {
            "contact-soort": "Telefoon",
            "contact-bereikt": "0",
            "contact-datum": today.isoformat(),
            "contact-dagdeel": "Ochtend",
            "contact-note": "Geen gehoor.",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    attempt = ContactAttempt.objects.get()
    assert attempt.soort == "Telefoon" and attempt.bereikt is False
    assert attempt.created_by == team_member.user
    assert case.datum_opgepakt == today
    assert set(case.signals.values_list("feedback", flat=True)) == {Feedback.OPGEPAKT}
    assert _logged(Action.CREATE, object_uuid=case.uuid).exists()


def test_a_contact_attempt_in_the_future_is_refused_in_dutch(client, team_member, case):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("signals:case-contact", kwargs={"uuid": case.uuid}),
        {"contact-soort": "Telefoon", "contact-bereikt": "1", "contact-datum": tomorrow},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    assert not ContactAttempt.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_aanbod_aanvaard_opens_a_household_file_with_the_signals(client, team_member, case):
    team = TeamFactory(organisation=case.organisation, name="Schuldhulp Zuid")
    client.post(
        reverse("signals:case-offer", kwargs={"uuid": case.uuid}),
        {"aanbod-on": timezone.localdate().isoformat()},
    )
    response = client.post(
        reverse("signals:case-accept", kwargs={"uuid": case.uuid}),
        {
            "aanvaard-team": team.pk,
            "aanvaard-voornamen": "Jan",
            "aanvaard-achternaam": "Pietersen",
            "aanvaard-take_bsn": "on",
            "aanvaard-outcome": Eindresultaat.VERVOLGHULP_FINANCIEEL,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    household = Household.objects.get()
    assert case.household == household and case.team == team
    assert household.team == team and household.organisation == case.organisation
    assert household.postcode == "3072 AP"
    applicant = household.members.get()
    assert applicant.achternaam == "Pietersen" and applicant.bsn == "111222333"
    assert case.status == CaseStatus.CLOSED
    assert case.resultaat == Eindresultaat.VERVOLGHULP_FINANCIEEL
    assert case.offer_made_on and case.offer_accepted_on and case.datum_opgepakt
    assert set(case.signals.values_list("feedback", flat=True)) == {Feedback.OPGEPAKT}
    assert ProcessingLogEntry.objects.filter(
        activity__code="huishoudensdossier", action=Action.CREATE
    ).exists()


def test_aanbod_aanvaard_refuses_a_team_of_another_gemeente(client, team_member, case):
    foreign = TeamFactory(organisation=OrganisationFactory())
    response = client.post(
        reverse("signals:case-accept", kwargs={"uuid": case.uuid}),
        {
            "aanvaard-team": foreign.pk,
            "aanvaard-voornamen": "Jan",
            "aanvaard-achternaam": "P",
            "aanvaard-outcome": Eindresultaat.VERVOLGHULP_FINANCIEEL,
        },
    )
    assert response.status_code == 400
    assert not Household.objects.exists()


def test_closing_as_not_taken_up_tells_the_creditor_only_that(client, team_member, case):
    response = client.post(
        reverse("signals:case-close", kwargs={"uuid": case.uuid}),
        {"afsluiten-outcome": Eindresultaat.GEEN_INWONER},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_at
    assert set(case.signals.values_list("feedback", "status")) == {
        (Feedback.NIET_OPGEPAKT, Signaalstatus.GEEN_INWONER)
    }
    assert case.datum_opgepakt is None


def test_closing_with_no_contact_counts_as_taken_up(client, team_member, case):
    client.post(
        reverse("signals:case-close", kwargs={"uuid": case.uuid}),
        {"afsluiten-outcome": Eindresultaat.GEEN_CONTACT},
    )
    case.refresh_from_db()
    assert case.resultaat == Eindresultaat.GEEN_CONTACT
    assert set(case.signals.values_list("feedback", flat=True)) == {Feedback.OPGEPAKT}
    assert case.datum_opgepakt == timezone.localdate()


def test_a_closed_case_cannot_be_changed(client, team_member, case):
    case.status = CaseStatus.CLOSED
    case.save()
    response = client.post(
        reverse("signals:case-contact", kwargs={"uuid": case.uuid}),
        {
            "contact-soort": "Telefoon",
            "contact-bereikt": "1",
            "contact-datum": timezone.localdate().isoformat(),
        },
        follow=True,
    )
    assert not ContactAttempt.objects.exists()
    assert response.status_code == 200
    assert b"contact-form" not in response.content


def test_assign_to_me(client, team_member, case):
    client.post(reverse("signals:case-assign", kwargs={"uuid": case.uuid}))
    case.refresh_from_db()
    assert case.assigned_to == team_member.user


def test_why_this_priority_is_explained(client, team_member, case):
    response = client.get(reverse("signals:case", kwargs={"uuid": case.uuid}))
    assert b'id="priority-why"' in response.content
