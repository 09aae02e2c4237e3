import datetime

from django.urls import reverse
from django.utils import timezone, translation

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.audit.services import Subject
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, TeamFactory, actor_for, member
from doorbraak.households import selectors, services
from doorbraak.households.models import Household, Person

from .factories import GroundFactory, household_of, share_with

pytestmark = pytest.mark.django_db
BSN = "999993653"


@pytest.fixture
def professional():
    return member(role=Role.PROFESSIONAL)


def _intake(client, **overrides):
    data = {
        "aanvrager-voornamen": "Fatima",
        "aanvrager-achternaam": "El Amrani",
        "aanvrager-geboortedatum": "1985-04-12",
        "aanvrager-bsn": "999 99 3653",
        "aanvrager-telefoon": "0612345678",
        "aanvrager-email": "",
        "adres-straat": "Beijerlandselaan",
        "adres-huisnummer": "12",
        "adres-postcode": "3074ae",
        "adres-plaats": "Rotterdam",
        "adres-wijk_code": "WK059910",
    }
    data.update(overrides)
    return client.post(reverse("households:create"), data)


def test_intake_creates_household_with_encrypted_bsn_and_logs_it(client, professional):
    login_verified(client, professional.user)
    response = _intake(client)
    assert response.status_code == 302
    household = Household.objects.get()
    person = household.members.get()
    assert household.team == professional.team and household.postcode == "3074 AE"
    assert BSN not in person.bsn_encrypted and person.bsn == BSN
    assert person.bsn_hash == Person.bsn_lookup_hash(BSN)
    assert BSN not in response["Location"]
    assert ProcessingLogEntry.objects.filter(
        action="create", subject_pseudonym=Subject("persoon", str(person.uuid)).pseudonym
    ).exists()


def test_intake_with_bad_bsn_and_postcode_says_what_is_wrong_and_stores_nothing(
    client, professional
):
    login_verified(client, professional.user)
    response = _intake(client, **{"aanvrager-bsn": "123456789", "adres-postcode": "12345"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "elfproef" in html and "postcode" in html.lower()
    assert 'href="#id_aanvrager-bsn"' in html
    assert not Household.objects.exists()


def test_detail_never_shows_the_full_bsn(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    person = household.members.first()
    person.set_bsn(BSN)
    person.save()
    login_verified(client, professional.user)
    html = client.get(
        reverse("households:detail", kwargs={"uuid": household.uuid})
    ).content.decode()
    assert BSN not in html and "653" in html


def test_colleague_of_another_team_gets_404(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    other_team = TeamFactory(organisation=professional.organisation)
    colleague = member(
        role=Role.PROFESSIONAL, organisation=professional.organisation, team=other_team
    )
    login_verified(client, colleague.user)
    assert (
        client.get(reverse("households:detail", kwargs={"uuid": household.uuid})).status_code == 404
    )


def test_search_by_bsn_is_a_post_and_finds_only_visible_households(client, professional):
    mine = household_of(professional.organisation, team=professional.team)
    person = mine.members.first()
    person.set_bsn(BSN)
    person.save()
    elsewhere = household_of(OrganisationFactory())
    stranger = elsewhere.members.first()
    stranger.set_bsn(BSN)
    stranger.save()
    login_verified(client, professional.user)
    response = client.post(reverse("households:search"), {"bsn": BSN})
    html = response.content.decode()
    assert mine.reference in html and elsewhere.reference not in html
    assert ProcessingLogEntry.objects.filter(action="search").exists()


def test_search_without_criteria_explains(client, professional):
    login_verified(client, professional.user)
    response = client.post(reverse("households:search"), {})
    assert response.status_code == 400


def test_share_gives_a_named_professional_read_access_until_the_end_date(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    cak = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(household, cak)
    login_verified(client, cak.user)
    url = reverse("households:detail", kwargs={"uuid": household.uuid})
    assert client.get(url).status_code == 200
    assert (
        client.post(reverse("households:contact", kwargs={"uuid": household.uuid})).status_code
        == 403
    )


def test_expired_share_gives_404(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    cak = member(role=Role.MAATWERKFUNCTIONARIS)
    share = share_with(household, cak)
    share.starts_on = timezone.localdate() - datetime.timedelta(days=40)
    share.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    share.save()
    login_verified(client, cak.user)
    assert (
        client.get(reverse("households:detail", kwargs={"uuid": household.uuid})).status_code == 404
    )


def test_withdrawing_consent_stops_sharing_at_once(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    cak = member(role=Role.MAATWERKFUNCTIONARIS)
    share = share_with(household, cak)
    services.grond_intrekken(actor=actor_for(professional), ground=share.ground)
    login_verified(client, cak.user)
    assert (
        client.get(reverse("households:detail", kwargs={"uuid": household.uuid})).status_code == 404
    )


def test_sharing_refused_when_the_ground_does_not_name_the_organisation(professional):
    household = household_of(professional.organisation, team=professional.team)
    ground = GroundFactory(household=household)
    cak = member(role=Role.MAATWERKFUNCTIONARIS)
    with pytest.raises(services.NotAllowed):
        services.delen(
            actor=actor_for(professional),
            household=household,
            ground=ground,
            user=cak.user,
            organisation=cak.organisation,
            purpose="x",
            ends_on=timezone.localdate() + datetime.timedelta(days=5),
            include_special_categories=False,
        )


def test_health_scores_only_for_the_team_or_a_share_that_includes_them(professional):
    household = household_of(professional.organisation, team=professional.team)
    from doorbraak.households import zrm

    scores = {code: 3 for code, _label in zrm.DOMAINS_2017}
    services.zrm_vastleggen(
        actor=actor_for(professional),
        household=household,
        person=None,
        assessed_on=timezone.localdate(),
        version="2017",
        scores=scores,
    )
    team_access = selectors.household_access(actor_for(professional), household.uuid)
    domains = {s.domain for s in selectors.assessments_of(team_access)[0].scores.all()}
    assert "geestelijke_gezondheid" in domains and "justitie" in domains
    cak = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(household, cak, special=False)
    share_access = selectors.household_access(actor_for(cak), household.uuid)
    domains = {s.domain for s in selectors.assessments_of(share_access)[0].scores.all()}
    assert "geestelijke_gezondheid" not in domains and "justitie" not in domains
    assert "financien" in domains


def test_zrm_requires_every_domain(professional):
    household = household_of(professional.organisation, team=professional.team)
    with translation.override("nl"), pytest.raises(services.NotAllowed, match="Huisvesting"):
        services.zrm_vastleggen(
            actor=actor_for(professional),
            household=household,
            person=None,
            assessed_on=timezone.localdate(),
            version="2017",
            scores={"financien": 2},
        )


def test_zrm_form_reports_missing_scores_per_domain(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    login_verified(client, professional.user)
    response = client.post(
        reverse("households:assessment-create", kwargs={"uuid": household.uuid}),
        {"assessed_on": timezone.localdate().isoformat(), "score_financien": "2"},
    )
    assert response.status_code == 400
    assert 'href="#id_score_huisvesting"' in response.content.decode()


def test_transfer_moves_the_household_to_the_other_team_with_a_note(client, professional):
    household = household_of(professional.organisation, team=professional.team)
    other = TeamFactory(organisation=professional.organisation, name="Schuldhulp")
    login_verified(client, professional.user)
    client.post(
        reverse("households:transfer", kwargs={"uuid": household.uuid}),
        {"to_team": str(other.uuid), "note": "Bewoner wil eerst schulden aanpakken."},
    )
    household.refresh_from_db()
    assert household.team == other
    assert household.transfers.get().note.startswith("Bewoner")
    assert (
        client.get(reverse("households:detail", kwargs={"uuid": household.uuid})).status_code == 404
    )


def test_caseload_is_keyset_paginated_and_logged(client, professional):
    for _ in range(55):
        household_of(professional.organisation, team=professional.team)
    login_verified(client, professional.user)
    first = client.get(reverse("households:list"))
    html = first.content.decode()
    assert (
        html.count('href="/huishoudens/')
        - html.count('href="/huishoudens/nieuw')
        - html.count('href="/huishoudens/zoeken')
        >= 50
    )
    cursor = first.context["page"].next_cursor
    second = client.get(reverse("households:list"), {"na": cursor})
    assert len(second.context["page"].items) == 5
    assert ProcessingLogEntry.objects.filter(detail="caseload").count() == 50 + 5
