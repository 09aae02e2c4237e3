"""The rekensom in the plan: catalogue, saving, preview, local amounts, totals, print and API."""

import datetime
import json
from decimal import Decimal as D

from django.urls import reverse

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, actor_for, member
from doorbraak.households.tests.factories import household_of, share_with
from doorbraak.plans.models import Plan, PlanStatus
from doorbraak.rekensom import catalogue as catalogue_loader
from doorbraak.rekensom import services
from doorbraak.rekensom.models import (
    Catalogue,
    CatalogueItem,
    LocalAmount,
    PriceIndex,
    Rekensom,
    RekensomTotal,
)
from doorbraak.rekensom.selectors import programme_totals

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 12, 1)


@pytest.fixture
def professional():
    return member(role=Role.PROFESSIONAL)


@pytest.fixture
def plan(professional):
    household = household_of(professional.organisation, team=professional.team)
    return Plan.objects.create(household=household)


@pytest.fixture
def rekensom(professional, plan):
    return services.rekensom_aanmaken(actor=actor_for(professional), plan=plan)


def item(code):
    return CatalogueItem.objects.get(catalogue__is_current=True, code=code)


def _management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "60",
    }


def form_data(rekensom, zonder=(), met=(), **settings):
    data = {
        "version": str(rekensom.version),
        "years": "3",
        "granularity": "month",
        "discount_percent": "0",
        "starts_on": START.isoformat(),
        **settings,
        **_management("zonder", len(zonder)),
        **_management("met", len(met)),
    }
    for prefix, lines in (("zonder", zonder), ("met", met)):
        for n, (code, quantity, first, last, probability) in enumerate(lines):
            data.update(
                {
                    f"{prefix}-{n}-item": str(item(code).pk),
                    f"{prefix}-{n}-quantity": quantity,
                    f"{prefix}-{n}-first_period": first,
                    f"{prefix}-{n}-last_period": last,
                    f"{prefix}-{n}-probability_percent": probability,
                }
            )
    return data


# --- The shipped catalogue --------------------------------------------------------------------


def test_the_starter_catalogue_is_loaded_current_with_at_least_forty_items():
    catalogue = Catalogue.objects.get(is_current=True)
    assert catalogue.items.count() >= 40
    assert PriceIndex.objects.filter(year=catalogue.price_year).exists()


def test_every_catalogue_item_has_a_payer_and_a_source():
    for entry in CatalogueItem.objects.all():
        assert entry.payer, entry.code
        assert entry.source_title and entry.source_publisher, entry.code
        assert entry.source_url.startswith("https://") or entry.indicatief, entry.code


def test_the_catalogue_covers_the_items_the_issue_names():
    codes = set(CatalogueItem.objects.values_list("code", flat=True))
    for required in (
        "bijstand-alleenstaande",
        "bijstand-gezin",
        "schuldhulpverleningstraject",
        "beschermingsbewind-standaard",
        "huisuitzetting-kosten-verhuurder",
        "maatschappelijke-opvang-nacht",
        "maatschappelijke-opvang-jaar",
        "jeugdhulp-ambulant-uur",
        "pleegzorg-0-8",
        "jeugdhulp-residentieel",
        "uithuisplaatsing-gezinshuis",
        "wmo-begeleiding-uur",
        "ggz-behandeling-per-patient",
        "verslavingszorg-ambulant",
        "crisisopvang-vrouwenopvang",
        "politie-incident",
        "detentie-volwassene",
        "cjib-verhoging-eerste-aanmaning",
        "cak-bestuursrechtelijke-premie",
        "energie-afsluiting",
        "ww-uitkering",
        "wia-wga-uitkering",
        "voortijdig-schoolverlaten",
    ):
        assert required in codes, required


def test_health_and_justice_items_are_marked_special_category():
    assert item("ggz-epa").special_category
    assert item("detentie-volwassene").special_category
    assert not item("bijstand-alleenstaande").special_category


def test_loading_the_catalogue_again_changes_nothing():
    before = list(CatalogueItem.objects.values_list("pk", "amount"))
    for path in catalogue_loader.catalogue_files():
        _catalogue, created = catalogue_loader.load_catalogue(path)
        assert not created
    assert list(CatalogueItem.objects.values_list("pk", "amount")) == before


def test_catalogue_file_with_bad_items_is_refused_whole_naming_item_and_field(tmp_path):
    raw = json.loads(catalogue_loader.catalogue_files()[0].read_text())
    raw["version"] = "9999.1"
    raw["items"][0]["payer"] = "buurvrouw"
    raw["items"][1]["amount"] = "12,50"
    raw["items"][2]["source"] = {}
    path = tmp_path / "kostenkengetallen-9999.1.json"
    path.write_text(json.dumps(raw))
    with pytest.raises(catalogue_loader.CatalogueError) as refused:
        catalogue_loader.load_catalogue(path)
    problems = "\n".join(refused.value.problems)
    assert f"item 1 ({raw['items'][0]['code']}), payer" in problems
    assert f"item 2 ({raw['items'][1]['code']}), amount" in problems
    assert f"item 3 ({raw['items'][2]['code']}), source" in problems
    assert not Catalogue.objects.filter(version="9999.1").exists()


# --- Saving a rekensom ------------------------------------------------------------------------


def test_saving_stores_lines_totals_per_payer_and_year_and_logs(professional, rekensom):
    actor = actor_for(professional)
    lines = [
        services.LineInput(
            "zonder", item("huisuitzetting-kosten-verhuurder"), D(1), 4, 4, D("0.8")
        ),
        services.LineInput("zonder", item("maatschappelijke-opvang-jaar"), D(1), 5, 16, D("0.8")),
        services.LineInput("met", item("wmo-begeleiding-uur"), D(4), 1, 12),
    ]
    result = services.rekensom_opslaan(
        actor=actor,
        rekensom=rekensom,
        version=rekensom.version,
        settings=services.Settings(3, "month", D(0), START),
        lines=lines,
    )
    rekensom.refresh_from_db()
    assert rekensom.version == 2
    assert rekensom.lines.count() == 3
    assert rekensom.zonder_total == result.zonder.total
    assert rekensom.net_benefit == result.net_benefit
    totals = RekensomTotal.objects.filter(rekensom=rekensom)
    assert sum(t.zonder for t in totals) == result.zonder.total
    assert sum(t.met for t in totals) == result.met.total
    assert {t.year for t in totals} == {2026, 2027, 2028}
    entry = ProcessingLogEntry.objects.filter(detail="rekensom").latest("occurred_at")
    assert entry.action == "update"


def test_a_save_based_on_an_older_version_is_refused_and_keeps_the_stored_lines(
    professional, rekensom
):
    actor = actor_for(professional)
    settings = services.Settings(3, "month", D(0), START)
    line = services.LineInput("met", item("wmo-begeleiding-uur"), D(4), 1, 12)
    services.rekensom_opslaan(
        actor=actor, rekensom=rekensom, version=1, settings=settings, lines=[line]
    )
    with pytest.raises(services.ConcurrentEdit):
        services.rekensom_opslaan(
            actor=actor, rekensom=rekensom, version=1, settings=settings, lines=[]
        )
    assert rekensom.lines.count() == 1


def test_a_gemeente_amount_replaces_the_catalogue_amount_in_its_plans(professional, rekensom):
    LocalAmount.objects.create(
        organisation=professional.organisation,
        code="wmo-begeleiding-uur",
        amount=D("70.00"),
        price_year=2025,
        source_title="Tarievenlijst Wmo 2025 van de gemeente",
    )
    services.rekensom_opslaan(
        actor=actor_for(professional),
        rekensom=rekensom,
        version=1,
        settings=services.Settings(1, "month", D(0), START),
        lines=[services.LineInput("met", item("wmo-begeleiding-uur"), D(1), 1, 12)],
    )
    line = rekensom.lines.get()
    assert (line.amount, line.local) == (D("70.00"), True)
    rekensom.refresh_from_db()
    assert rekensom.met_total == D("840.00")  # 70 × 12, in prices of 2025


def test_amounts_of_older_price_years_are_indexed_to_the_catalogue_year(professional, rekensom):
    opvang = item("maatschappelijke-opvang-feitelijk-dakloze")  # a 2011 figure
    index = dict(PriceIndex.objects.values_list("year", "value"))
    services.rekensom_opslaan(
        actor=actor_for(professional),
        rekensom=rekensom,
        version=1,
        settings=services.Settings(1, "month", D(0), START),
        lines=[services.LineInput("zonder", opvang, D(1), 1, 12)],
    )
    rekensom.refresh_from_db()
    expected = (opvang.amount * index[rekensom.price_year] / index[2011]).quantize(D("0.01"))
    assert abs(rekensom.zonder_total - expected) <= D("0.12")  # rounded once per year


def test_a_decided_plan_keeps_its_rekensom(professional, plan, rekensom):
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.VASTGESTELD)
    rekensom.refresh_from_db()
    with pytest.raises(services.NotAllowed):
        services.rekensom_opslaan(
            actor=actor_for(professional),
            rekensom=rekensom,
            version=1,
            settings=services.Settings(1, "month", D(0), START),
            lines=[],
        )


def test_programme_totals_sum_per_gemeente_payer_and_year(professional, rekensom):
    other = member(role=Role.PROFESSIONAL)
    other_plan = Plan.objects.create(household=household_of(other.organisation, team=other.team))
    other_rekensom = services.rekensom_aanmaken(actor=actor_for(other), plan=other_plan)
    for who, which in ((professional, rekensom), (other, other_rekensom)):
        services.rekensom_opslaan(
            actor=actor_for(who),
            rekensom=which,
            version=1,
            settings=services.Settings(1, "month", D(0), START),
            lines=[services.LineInput("zonder", item("bijstand-alleenstaande"), D(1), 1, 12)],
        )
    rows = programme_totals(organisation=professional.organisation)
    assert len(rows) == 1
    row = rows[0]
    assert (row["payer"], row["year"], row["plans"]) == ("gemeente_participatiewet", 2026, 1)
    assert row["zonder"] == D("16145.40") and row["net"] == D("16145.40")
    assert len(programme_totals()) == 2


# --- Pages ------------------------------------------------------------------------------------


def test_professional_makes_a_rekensom_from_the_plan_page(client, professional, plan):
    login_verified(client, professional.user)
    response = client.post(reverse("rekensom:create", kwargs={"uuid": plan.uuid}))
    assert response.status_code == 302
    assert Rekensom.objects.get(plan=plan).catalogue.is_current


def test_the_form_saves_and_the_page_shows_summary_and_payer_table(client, professional, rekensom):
    login_verified(client, professional.user)
    url = reverse("rekensom:plan", kwargs={"uuid": rekensom.plan.uuid})
    data = form_data(
        rekensom,
        zonder=[("maatschappelijke-opvang-jaar", "1", "1", "12", "100")],
        met=[("wmo-begeleiding-uur", "4", "1", "12", "100")],
    )
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "Doormodderen" in page and "Wie betaalt, wie profiteert" in page
    assert "€ 15.000" in page  # 15,000 a year for the opvang place
    assert "<svg" in page and "Gemeente – Wmo" in page


def test_a_line_with_bad_periods_gets_a_dutch_message_with_its_place_and_keeps_the_input(
    client, professional, rekensom
):
    login_verified(client, professional.user)
    url = reverse("rekensom:plan", kwargs={"uuid": rekensom.plan.uuid})
    data = form_data(rekensom, met=[("wmo-begeleiding-uur", "4", "12", "3", "100")])
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Met doorbraak, regel 1" in page
    assert "De laatste periode ligt vóór de eerste." in page
    assert rekensom.lines.count() == 0


def test_the_preview_computes_what_is_typed_without_saving(client, professional, rekensom):
    login_verified(client, professional.user)
    url = reverse("rekensom:preview", kwargs={"uuid": rekensom.plan.uuid})
    data = form_data(rekensom, zonder=[("maatschappelijke-opvang-jaar", "1", "1", "12", "50")])
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "€ 7.500" in response.content.decode()
    rekensom.refresh_from_db()
    assert rekensom.version == 1 and rekensom.lines.count() == 0


def test_a_share_without_special_categories_sees_health_lines_shielded(
    client, professional, rekensom
):
    services.rekensom_opslaan(
        actor=actor_for(professional),
        rekensom=rekensom,
        version=1,
        settings=services.Settings(1, "month", D(0), START),
        lines=[services.LineInput("zonder", item("ggz-epa"), D(1), 1, 12)],
    )
    reader = member(role=Role.MAATWERKFUNCTIONARIS, organisation=OrganisationFactory(name="UWV"))
    share_with(rekensom.plan.household, reader, special=False)
    login_verified(client, reader.user)
    page = client.get(reverse("rekensom:plan", kwargs={"uuid": rekensom.plan.uuid}))
    assert page.status_code == 200
    body = page.content.decode()
    assert item("ggz-epa").name not in body
    assert "Afgeschermde kostenpost" in body
    assert 'id="rekensom-form"' not in body  # a share reads, it does not change


def test_the_printed_plan_contains_the_rekensom_summary(client, professional, rekensom):
    services.rekensom_opslaan(
        actor=actor_for(professional),
        rekensom=rekensom,
        version=1,
        settings=services.Settings(2, "month", D(0), START),
        lines=[services.LineInput("zonder", item("bijstand-gezin"), D(1), 1, 24)],
    )
    login_verified(client, professional.user)
    page = client.get(reverse("plans:print", kwargs={"uuid": rekensom.plan.uuid})).content.decode()
    assert "maatschappelijke rekensom" in page
    assert "in twee jaar" in page


def test_functioneel_beheerder_of_a_gemeente_sets_a_local_amount_with_source(client):
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER)
    login_verified(client, beheerder.user)
    url = reverse("rekensom:local-amount", kwargs={"code": "wmo-begeleiding-uur"})
    response = client.post(url, {"amount": "61,50", "price_year": "2025", "source_title": ""})
    assert response.status_code == 400
    assert "Dit veld is vereist." in response.content.decode()
    client.post(url, {"amount": "61.50", "price_year": "2025", "source_title": "Tarieven 2025"})
    local = LocalAmount.objects.get(organisation=beheerder.organisation)
    assert local.amount == D("61.50")
    page = client.get(reverse("rekensom:catalogue")).content.decode()
    assert "Tarieven 2025" in page and "indicatief" in page


def test_functioneel_beheerder_of_an_agency_cannot_set_local_amounts(client):
    agency = OrganisationFactory(
        name="SVB", type=OrganisationType.UITVOERINGSORGANISATIE, cbs_code=None
    )
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=agency)
    login_verified(client, beheerder.user)
    url = reverse("rekensom:local-amount", kwargs={"code": "wmo-begeleiding-uur"})
    assert client.get(url).status_code == 403


# --- API --------------------------------------------------------------------------------------


def test_api_catalogue_lists_items_with_source(client, professional):
    login_verified(client, professional.user)
    response = client.get(reverse("api:rekensom-catalogue"))
    assert response.status_code == 200
    codes = {row["code"]: row for row in response.json()}
    assert codes["bijstand-alleenstaande"]["source_url"].startswith("https://")
    assert client.get(reverse("api:rekensom-catalogue") + "?versie=0.0").status_code == 404


def test_api_replaces_the_rekensom_and_refuses_a_stale_version(client, professional, rekensom):
    login_verified(client, professional.user)
    url = reverse("api:plan-rekensom", kwargs={"uuid": rekensom.plan.uuid})
    body = {
        "version": 1,
        "years": 1,
        "granularity": "quarter",
        "discount_rate": "0",
        "starts_on": "2027-01-01",
        "lines": [
            {
                "scenario": "zonder",
                "item": "bijstand-alleenstaande",
                "quantity": "1",
                "first_period": 1,
                "last_period": 4,
            },
            {
                "scenario": "met",
                "item": "wmo-begeleiding-uur",
                "quantity": "13",
                "first_period": 1,
                "last_period": 2,
                "payer": "zorgverzekeraar",
            },
        ],
    }
    response = client.put(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["version"] == 2
    assert data["result"]["zonder"]["total"] == "16145.40"
    assert {p["payer"] for p in data["result"]["payers"]} == {
        "gemeente_participatiewet",
        "zorgverzekeraar",
    }
    stale = client.put(url, json.dumps(body), content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    body["version"] = 2
    body["lines"][0]["last_period"] = 9
    bad = client.put(url, json.dumps(body), content_type="application/json")
    assert bad.status_code == 400
    assert "Zonder doorbraak, regel 1" in bad.json()["lines"][0]
    assert client.get(url).json()["version"] == 2


def test_removing_a_local_amount_brings_back_the_catalogue_amount(client):
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER)
    LocalAmount.objects.create(
        organisation=beheerder.organisation,
        code="wmo-begeleiding-uur",
        amount=D("61.50"),
        price_year=2025,
        source_title="Tarieven 2025",
    )
    login_verified(client, beheerder.user)
    url = reverse("rekensom:local-amount", kwargs={"code": "wmo-begeleiding-uur"})
    assert client.post(url, {"verwijderen": "1"}).status_code == 302
    assert not LocalAmount.objects.filter(organisation=beheerder.organisation).exists()
    amount, _year, local = services.amount_for(item("wmo-begeleiding-uur"), {})
    assert (amount, local) == (item("wmo-begeleiding-uur").amount, False)
