import csv
import datetime
import io

from django.urls import reverse

import pytest

from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, member
from doorbraak.households import zrm
from doorbraak.households.models import Assessment, AssessmentScore
from doorbraak.households.tests.factories import PersonFactory, household_of
from doorbraak.monitor import programme
from doorbraak.plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db

NAME = "Zwanenburgh-Quistorp"


def _plans(organisation, n, status=PlanStatus.VASTGESTELD, **fields):
    return [
        Plan.objects.create(household=household_of(organisation), status=status, **fields)
        for _ in range(n)
    ]


@pytest.fixture
def gemeenten():
    own = OrganisationFactory(name="Gemeente Eigenstad")
    other = OrganisationFactory(name="Gemeente Anderdorp")
    _plans(own, 10, blocking_domains=["financien", "huisvesting"])
    _plans(own, 2, status=PlanStatus.CONCEPT, blocking_domains=["justitie"])
    _plans(other, 3)
    return own, other


def _get(client, role, organisation, url=None):
    login_verified(client, member(role=role, organisation=organisation).user)
    return client.get(url or reverse("monitor:programme"))


def _plans_row(table, name):
    return next(row for row in table.rows if row[0] == name)


def test_small_groups_are_suppressed_and_large_ones_shown(client, gemeenten):
    own, _other = gemeenten
    response = _get(client, Role.ANALIST, own)
    assert response.status_code == 200
    table = next(t for t in response.context["tables"] if t.key == "plans")
    statuses = [value for value, _label in PlanStatus.choices]
    row = _plans_row(table, own.name)
    assert row[1] == 12
    assert row[2 + statuses.index(PlanStatus.VASTGESTELD)] == 10
    assert row[2 + statuses.index(PlanStatus.CONCEPT)] == "<10"
    assert row[2 + statuses.index(PlanStatus.AFGESLOTEN)] == "<10"  # zero is suppressed too
    doorbraken = next(t for t in response.context["tables"] if t.key == "doorbraken")
    cells = dict(zip(doorbraken.header, _plans_row(doorbraken, own.name), strict=True))
    assert cells[zrm.domain_label("financien")] == 10
    assert cells[zrm.domain_label("justitie")] == "<10"
    assert "&lt;10" in response.content.decode()


def test_gemeente_analyst_sees_only_own_gemeente(client, gemeenten):
    own, other = gemeenten
    response = _get(client, Role.ANALIST, own)
    body = response.content.decode()
    assert own.name in body
    assert other.name not in body
    assert not response.context["scope"].national


@pytest.mark.parametrize("kind", [OrganisationType.KENNISINSTELLING, OrganisationType.RIJK])
def test_national_analyst_sees_every_gemeente(client, gemeenten, kind):
    own, other = gemeenten
    institute = OrganisationFactory(name="Instituut", type=kind, cbs_code=None)
    body = _get(client, Role.ANALIST, institute).content.decode()
    assert own.name in body and other.name in body


def test_loket_of_the_rijk_sees_every_gemeente_but_not_loket_of_a_gemeente(client, gemeenten):
    own, other = gemeenten
    rijk = OrganisationFactory(name="Loket", type=OrganisationType.RIJK, cbs_code=None)
    body = _get(client, Role.LOKET, rijk).content.decode()
    assert own.name in body and other.name in body
    client.logout()
    assert _get(client, Role.LOKET, own).status_code == 403


def test_professional_is_refused(client, gemeenten):
    own, _other = gemeenten
    assert _get(client, Role.PROFESSIONAL, own).status_code == 403
    url = reverse("monitor:programme-csv", kwargs={"table": "plans"})
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("key", sorted(programme.TABLES))
def test_csv_equals_the_table(client, gemeenten, key):
    own, _other = gemeenten
    login_verified(client, member(role=Role.ANALIST, organisation=own).user)
    page = client.get(reverse("monitor:programme"))
    table = next(t for t in page.context["tables"] if t.key == key)
    for url in (
        reverse("monitor:programme-csv", kwargs={"table": key}),
        reverse("monitor:programme") + f"?csv={key}",
    ):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/csv")
        rows = list(
            csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";")
        )
        assert rows[0] == table.header
        assert rows[1:] == [[str(cell) for cell in row] for row in table.rows]


def test_unknown_csv_table_is_404(client, gemeenten):
    own, _other = gemeenten
    response = _get(client, Role.ANALIST, own, reverse("monitor:programme") + "?csv=personen")
    assert response.status_code == 404


def test_no_person_name_on_the_page_or_in_a_csv(client, gemeenten):
    own, _other = gemeenten
    plan = Plan.objects.filter(household__organisation=own).first()
    PersonFactory(household=plan.household, voornamen="Hieronymus", achternaam=NAME)
    response = _get(client, Role.ANALIST, own)
    body = response.content.decode()
    assert NAME not in body and "Hieronymus" not in body
    assert plan.household.straat not in body
    for key in programme.TABLES:
        csv_body = client.get(reverse("monitor:programme-csv", kwargs={"table": key}))
        assert NAME not in csv_body.content.decode()


def test_zrm_change_is_counted_per_domain(gemeenten):
    own, _other = gemeenten
    first = datetime.date(2025, 1, 1)
    for plan in Plan.objects.filter(household__organisation=own):
        for offset, score in ((0, 2), (90, 4)):
            assessment = Assessment.objects.create(
                household=plan.household, assessed_on=first + datetime.timedelta(days=offset)
            )
            AssessmentScore.objects.create(assessment=assessment, domain="financien", score=score)
            AssessmentScore.objects.create(assessment=assessment, domain="justitie", score=3)
    scope = programme.Scope([own], national=False)
    households, domains = programme.zrm_tables(scope)
    assert households.rows == [[own.name, 12]]
    rows = {row[1]: row for row in domains.rows}
    assert rows[zrm.domain_label("financien")][2:] == [12, "+2.0", 12, "<10", "<10"]
    # Special category: all the same; a lone suppressed cell would be revealed, so two are.
    assert rows[zrm.domain_label("justitie")][2:] == [12, "+0.0", "<10", 12, "<10"]
    assert rows[zrm.domain_label("huisvesting")][2:] == [
        "<10",
        programme.HIDDEN,
        "<10",
        "<10",
        "<10",
    ]


def test_areas_use_the_household_wijk_code(gemeenten):
    from doorbraak.monitor.models import Area

    own, _other = gemeenten
    code = own.cbs_code[2:]
    Area.objects.create(
        slug="testgebied",
        name="Testgebied",
        gemeente_code=own.cbs_code,
        cbs_year=2024,
        status="published",
        wijk_codes=[f"WK{code}01"],
    )
    for plan in Plan.objects.filter(household__organisation=own)[:10]:
        plan.household.wijk_code = f"WK{code}01"
        plan.household.save()
    table = programme.areas_table(programme.Scope([own], national=False))
    assert table.rows == [["Testgebied", own.name, 10]]


def test_rekensom_amounts_only_for_groups_of_ten_plans(gemeenten, monkeypatch):
    from decimal import Decimal

    own, other = gemeenten

    def totals(**_kwargs):
        row = {
            "payer": "gemeente_wmo",
            "year": 2025,
            "zonder": Decimal("1000"),
            "met": Decimal("400"),
            "net": Decimal("600"),
        }
        return [
            {**row, "organisation__uuid": own.uuid, "organisation__name": own.name, "plans": 10},
            {
                **row,
                "organisation__uuid": own.uuid,
                "organisation__name": own.name,
                "plans": 3,
                "year": 2026,
            },
            {
                **row,
                "organisation__uuid": other.uuid,
                "organisation__name": other.name,
                "plans": 50,
            },
        ]

    monkeypatch.setattr(programme, "programme_totals", totals)
    rows = programme.rekensom_table(programme.Scope([own], national=False)).rows
    assert [row[2:] for row in rows] == [
        [2025, 10, "1000.00", "400.00", "600.00"],
        [2026, "<10", programme.HIDDEN, programme.HIDDEN, programme.HIDDEN],
    ]
