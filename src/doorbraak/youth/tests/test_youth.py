import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.audit.services import Subject
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import TeamFactory, actor_for, member
from doorbraak.households.tests.factories import PersonFactory, household_of, share_with
from doorbraak.youth import selectors
from doorbraak.youth.models import TransitionPlan
from doorbraak.youth.rules_big5 import DOMAINS, GEREGELD, IN_ONTWIKKELING

pytestmark = pytest.mark.django_db


def _born(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - datetime.timedelta(days=days)


@pytest.fixture
def professional():
    return member(role=Role.PROFESSIONAL)


@pytest.fixture
def teamleider(professional):
    return member(
        role=Role.TEAMLEIDER, organisation=professional.organisation, team=professional.team
    )


@pytest.fixture
def household(professional):
    return household_of(professional.organisation, team=professional.team)


def _young(household, years=17, days=100, in_jeugdhulp=True, **fields):
    return PersonFactory(
        household=household,
        role="kind",
        geboortedatum=_born(years, days),
        in_jeugdhulp=in_jeugdhulp,
        **fields,
    )


def _pseudonym(person):
    return Subject("persoon", str(person.uuid)).pseudonym


def _start(client, person):
    response = client.post(reverse("youth:plan", kwargs={"person_uuid": person.uuid}))
    assert response.status_code == 302
    return TransitionPlan.objects.get(person=person)


def _domain_post(statuses: dict, toekomstplan="Eigen kamer, mbo afmaken") -> dict:
    data = {"toekomstplan": toekomstplan}
    for code in DOMAINS:
        data.update(
            {
                f"{code}-status": statuses.get(code, "niet_geregeld"),
                f"{code}-note": f"Notitie {code}",
                f"{code}-responsible_user": "",
                f"{code}-responsible_text": "Mentor",
                f"{code}-date": "",
            }
        )
    return data


def test_list_shows_a_17_year_old_in_youth_care_and_not_others(client, professional, household):
    seventeen = _young(household, achternaam="Zeventien")
    _young(household, years=20, achternaam="Twintig")
    _young(household, in_jeugdhulp=False, achternaam="Geenjeugdhulp")
    _young(household, years=16, days=10, achternaam="Zestien")
    login_verified(client, professional.user)
    response = client.get(reverse("youth:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zeventien" in html
    assert "Twintig" not in html and "Geenjeugdhulp" not in html and "Zestien" not in html
    assert reverse("households:detail", kwargs={"uuid": household.uuid}) in html
    turns_18 = seventeen.geboortedatum.replace(year=seventeen.geboortedatum.year + 18)
    assert turns_18.strftime("%d-%m-%Y") in html


def test_list_is_ordered_by_18th_birthday_and_summarises_the_big_5(professional, household):
    later = _young(household, days=10)
    sooner = _young(household, days=300)
    plan = TransitionPlan.objects.create(person=later)
    for i, code in enumerate(DOMAINS):
        plan.domains.create(domain=code, status=GEREGELD if i < 3 else IN_ONTWIKKELING)
    rows = selectors.young_people_for(actor_for(professional))
    assert [r.person for r in rows] == [sooner, later]
    assert rows[1].arranged == 3 and rows[0].plan is None


def test_an_open_plan_keeps_a_young_adult_on_the_list(professional, household):
    adult = _young(household, years=19, in_jeugdhulp=False)
    plan = TransitionPlan.objects.create(person=adult)
    assert [r.person for r in selectors.young_people_for(actor_for(professional))] == [adult]
    plan.closed_on = timezone.localdate()
    plan.save()
    assert selectors.young_people_for(actor_for(professional)) == []


def test_list_logs_one_read_per_person_shown(client, professional, household):
    first, second = _young(household), _young(household, days=200)
    _young(household, years=20)
    login_verified(client, professional.user)
    client.get(reverse("youth:list"))
    entries = ProcessingLogEntry.objects.filter(activity__code="big5-overgangsplan", action="read")
    assert sorted(e.subject_pseudonym for e in entries) == sorted(
        [_pseudonym(first), _pseudonym(second)]
    )
    assert {e.controller_id for e in entries} == {household.organisation_id}


def test_start_and_save_the_big_5_with_log_entries(client, professional, household):
    person = _young(household)
    login_verified(client, professional.user)
    page = client.get(reverse("youth:plan", kwargs={"person_uuid": person.uuid}))
    assert page.status_code == 200 and "Start" in page.content.decode()
    plan = _start(client, person)
    assert plan.domains.count() == 5 and plan.created_by == professional.user
    response = client.post(
        reverse("youth:plan", kwargs={"person_uuid": person.uuid}),
        _domain_post({"wonen": GEREGELD, "support": IN_ONTWIKKELING}),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.toekomstplan == "Eigen kamer, mbo afmaken"
    wonen = plan.domains.get(domain="wonen")
    assert wonen.status == GEREGELD and wonen.responsible == "Mentor"
    assert plan.history.count() >= 2
    actions = set(
        ProcessingLogEntry.objects.filter(
            activity__code="big5-overgangsplan", subject_pseudonym=_pseudonym(person)
        ).values_list("action", flat=True)
    )
    assert actions == {"read", "create", "update"}


def test_invalid_domain_form_says_what_is_wrong(client, professional, household):
    person = _young(household)
    login_verified(client, professional.user)
    _start(client, person)
    data = _domain_post({})
    data["inkomen-status"] = "onzin"
    response = client.post(reverse("youth:plan", kwargs={"person_uuid": person.uuid}), data)
    assert response.status_code == 400
    assert 'href="#id_inkomen-status"' in response.content.decode()


def test_professional_cannot_close_while_a_domain_is_not_arranged(client, professional, household):
    person = _young(household)
    login_verified(client, professional.user)
    plan = _start(client, person)
    client.post(
        reverse("youth:plan", kwargs={"person_uuid": person.uuid}),
        _domain_post({d: GEREGELD for d in DOMAINS if d != "inkomen"}),
    )
    response = client.post(
        reverse("youth:close", kwargs={"person_uuid": person.uuid}),
        {"reason": "Wil geen hulp meer"},
        follow=True,
    )
    plan.refresh_from_db()
    assert plan.closed_on is None
    [message] = [m for m in response.context["messages"] if m.level_tag == "error"]
    assert "%(domains)s" not in str(message) and str(message)
    assert "inkomen" in str(message).lower() or "income" in str(message).lower()


def test_teamleider_closes_early_only_with_a_reason_which_is_recorded(
    client, professional, teamleider, household
):
    person = _young(household)
    login_verified(client, professional.user)
    plan = _start(client, person)
    client.logout()
    login_verified(client, teamleider.user)
    url = reverse("youth:close", kwargs={"person_uuid": person.uuid})
    client.post(url, {"reason": "  "})
    plan.refresh_from_db()
    assert plan.closed_on is None
    client.post(url, {"reason": "Jongere verhuist naar Belgie"})
    plan.refresh_from_db()
    assert plan.closed_on == timezone.localdate()
    assert plan.closed_by == teamleider.user
    assert plan.close_reason == "Jongere verhuist naar Belgie"
    entry = ProcessingLogEntry.objects.get(
        activity__code="big5-overgangsplan", action="update", detail__startswith="afgesloten"
    )
    assert "support" in entry.detail and entry.subject_pseudonym == _pseudonym(person)
    # A closed plan can no longer be changed.
    client.post(reverse("youth:plan", kwargs={"person_uuid": person.uuid}), _domain_post({}))
    plan.refresh_from_db()
    assert plan.toekomstplan == ""


def test_all_arranged_closes_for_a_professional_without_reason(client, professional, household):
    person = _young(household)
    login_verified(client, professional.user)
    plan = _start(client, person)
    plan.domains.update(status=GEREGELD)
    client.post(reverse("youth:close", kwargs={"person_uuid": person.uuid}))
    plan.refresh_from_db()
    assert plan.closed_on is not None and plan.close_reason == ""


def test_young_person_of_another_team_is_404(client, professional, household):
    person = _young(household, achternaam="Anderteam")
    other_team = TeamFactory(organisation=professional.organisation)
    colleague = member(
        role=Role.PROFESSIONAL, organisation=professional.organisation, team=other_team
    )
    login_verified(client, colleague.user)
    url = reverse("youth:plan", kwargs={"person_uuid": person.uuid})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not TransitionPlan.objects.exists()
    assert "Anderteam" not in client.get(reverse("youth:list")).content.decode()


def test_a_member_not_in_youth_care_has_no_big_5_page(client, professional, household):
    adult = household.members.first()
    login_verified(client, professional.user)
    url = reverse("youth:plan", kwargs={"person_uuid": adult.uuid})
    assert client.get(url).status_code == 404


def test_shared_access_reads_but_cannot_change(client, household):
    person = _young(household)
    TransitionPlan.objects.create(person=person)
    outsider = member(role=Role.MAATWERKFUNCTIONARIS)
    share_with(household, outsider)
    login_verified(client, outsider.user)
    url = reverse("youth:plan", kwargs={"person_uuid": person.uuid})
    assert client.get(url).status_code == 200
    assert client.post(url, _domain_post({})).status_code == 403
    close = reverse("youth:close", kwargs={"person_uuid": person.uuid})
    assert client.post(close).status_code == 403
