"""The dashboard shows the real CBS and RIVM figures, and each CSV holds what its table shows."""

import csv
import io
import json
import re
from decimal import Decimal

from django.urls import reverse

import pytest

from doorbraak.monitor import charts, geo, loader, selectors
from doorbraak.monitor.models import Area, AreaStatus, AreaType, AreaValue, Indicator

pytestmark = pytest.mark.usefixtures("monitor_data")


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _kwb() -> dict:
    return json.loads(loader.KWB_FILE.read_text(encoding="utf-8"))


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- Real numbers ---------------------------------------------------------------------------


def test_nederland_page_shows_17_942_942_residents(client):
    response = client.get(reverse("monitor:dashboard"))
    assert response.status_code == 200
    assert "17.942.942" in _text(response)


def test_rotterdam_page_shows_670_610_residents_and_is_public(client):
    response = client.get(reverse("monitor:gemeente", kwargs={"cbs_code": "GM0599"}))
    assert response.status_code == 200
    text = _text(response)
    assert "Rotterdam" in text and "670.610" in text and "17.942.942" in text
    assert "Rotterdam-Zuid" in text  # link to its area


def test_unknown_gemeente_code_gives_404(client):
    assert client.get("/dashboard/gemeente/GM9999/").status_code == 404


def test_rotterdam_zuid_compares_area_gemeente_and_nederland(client):
    response = client.get(reverse("monitor:gebied", kwargs={"slug": "rotterdam-zuid"}))
    text = _text(response)
    # Feijenoord + IJsselmonde + Charlois (WK059910/12/15) in KWB 2024.
    assert "212.635" in text and "670.610" in text and "17.942.942" in text
    assert "Published composition" in text or "Gepubliceerd" in text


def test_unresolved_area_is_marked_provisional_and_has_no_figures_of_its_own(client):
    area = Area.objects.get(slug="breda-noord")
    assert area.status == AreaStatus.UNRESOLVED and area.provisional
    assert not AreaValue.objects.filter(area_type=AreaType.GEBIED, area_code=area.slug).exists()
    response = client.get(reverse("monitor:gebied", kwargs={"slug": "breda-noord"}))
    assert response.status_code == 200
    assert 'class="monitor-provisional"' in response.content.decode()


def test_sixteen_areas_and_seven_with_wijken_hold_675_595_residents():
    assert Area.objects.count() == 16
    inwoners = Indicator.objects.get(code="inwoners")
    total = sum(
        AreaValue.objects.filter(indicator=inwoners, area_type=AreaType.GEBIED).values_list(
            "value", flat=True
        )
    )
    assert total == 675_595  # areas/README.md of the shared data


# --- CSV equals the table and the source -----------------------------------------------------


def test_indicator_csv_equals_the_source_rows_and_the_table(client):
    response = client.get(reverse("monitor:indicator-csv", kwargs={"code": "inwoners"}))
    header, *rows = _csv(response)
    assert header[:3] == ["CBS-code", "gemeente", "Aantal inwoners (aantal)"] or len(header) == 4
    kwb = _kwb()
    source = {code: v["AantalInwoners_5"] for code, v in kwb.items() if code.startswith("GM")}
    assert {row[0]: int(row[2]) for row in rows} == source
    assert len(rows) == 342
    # The page's table holds the same gemeenten in the same order with the same values.
    page = client.get(reverse("monitor:indicator", kwargs={"code": "inwoners"})).content.decode()
    table = page[page.index('id="map-table"') :]
    shown = re.findall(r'<td class="utrecht-table__cell">(GM\d{4})</td>', table)
    assert shown == [row[0] for row in rows]


def test_gemeente_csv_equals_its_table(client):
    response = client.get(reverse("monitor:gemeente-csv", kwargs={"cbs_code": "GM0599"}))
    header, *rows = _csv(response)
    assert header[-2:] == ["Rotterdam (GM0599)", "Nederland"]
    by_code = {row[0]: row for row in rows}
    assert by_code["inwoners"][-2:] == ["670610", "17942942"]
    assert by_code["woningvoorraad"][-2] == str(_kwb()["GM0599"]["Woningvoorraad_35"])
    shown = [row.indicator.code for row in selectors.comparison([(AreaType.GEMEENTE, "GM0599")])]
    assert [row[0] for row in rows] == shown


def test_gemeente_table_on_the_page_shows_the_csv_values_rounded_alike(client):
    page = client.get(reverse("monitor:gemeente", kwargs={"cbs_code": "GM0599"})).content.decode()
    table = page[page.index('id="kerncijfers-caption"') : page.index("</table>")]
    shown = re.findall(r'doorbraak-number">([^<]+)</td>', table)
    _header, *rows = _csv(
        client.get(reverse("monitor:gemeente-csv", kwargs={"cbs_code": "GM0599"}))
    )
    in_csv = [value for row in rows for value in row[-2:]]
    assert [value.replace(".", "") for value in shown] == in_csv
    # 338,343 women of 670,610 residents = 50.4530 %: rounded, not cut off.
    assert "50,5" in shown


def test_area_csv_sums_its_wijken(client):
    response = client.get(reverse("monitor:gebied-csv", kwargs={"slug": "rotterdam-zuid"}))
    _header, *rows = _csv(response)
    kwb = _kwb()
    wijken = ["WK059910", "WK059912", "WK059915"]
    by_code = {row[0]: row for row in rows}
    assert int(by_code["inwoners"][4]) == sum(kwb[w]["AantalInwoners_5"] for w in wijken)
    assert int(by_code["woningvoorraad"][4]) == sum(kwb[w]["Woningvoorraad_35"] for w in wijken)


def test_covid_monthly_csv_equals_the_months_of_the_table(client):
    response = client.get(reverse("monitor:gemeente-covid-csv", kwargs={"cbs_code": "GM0599"}))
    header, *rows = _csv(response)
    assert len(header) == 4
    series = selectors.weekly_series(AreaType.GEMEENTE, "GM0599")
    assert [row[0] for row in rows] == [month for month, _values in series.months()]
    assert rows[0][0] == "2020-02" and rows[-1][0] == "2022-12"


def test_covid_weekly_csv_holds_every_week_up_to_2024(client):
    url = reverse("monitor:gemeente-covid-csv", kwargs={"cbs_code": "GM0599"}) + "?per=week"
    _header, *rows = _csv(client.get(url))
    assert rows[0][0] == "2020-W09" and rows[-1][0] == "2024-W09"


# --- Arithmetic -------------------------------------------------------------------------------


def test_per_100000_on_a_known_week():
    # RIVM: Rotterdam 2021-W01 had 1,355 positive tests; CBS: 670,610 residents on 1-1-2024.
    value = AreaValue.objects.get(
        indicator__code="covid-positief-getest",
        area_type=AreaType.GEMEENTE,
        area_code="GM0599",
        period="2021-W01",
    ).value
    assert value == Decimal("202.0548")  # 1355 / 670610 * 100000 = 202.05484...
    assert loader.per_100k(Decimal(1355), 670_610) == value


def test_week_without_data_is_left_out():
    # GM0014 2020-W09: days_tests = 0, so no positive-tests value that week.
    assert not AreaValue.objects.filter(
        indicator__code="covid-positief-getest", area_code="GM0014", period="2020-W09"
    ).exists()


def test_iso_week_belongs_to_the_month_of_its_thursday():
    assert selectors.week_month("2020-W53") == "2020-12"
    assert selectors.week_month("2021-W13") == "2021-04"  # Mon 29 March, Thu 1 April


def test_quintile_classes_and_legend():
    values = [Decimal(n) for n in range(1, 11)]
    breaks = charts.class_breaks(values)
    assert breaks == [2, 4, 6, 8, 10]
    assert charts.class_of(Decimal(5), breaks) == 3
    assert charts.class_of(None, breaks) is None


# --- Loader -----------------------------------------------------------------------------------


def test_loader_is_idempotent():
    before = (Indicator.objects.count(), AreaValue.objects.count(), Area.objects.count())
    rotterdam = AreaValue.objects.get(
        indicator__code="inwoners", area_type=AreaType.GEMEENTE, area_code="GM0599"
    ).value
    counts = loader.load()
    after = (Indicator.objects.count(), AreaValue.objects.count(), Area.objects.count())
    assert before == after == (counts["indicators"], counts["values"], counts["areas"])
    assert (
        AreaValue.objects.get(
            indicator__code="inwoners", area_type=AreaType.GEMEENTE, area_code="GM0599"
        ).value
        == rotterdam
        == 670_610
    )


def test_indicator_metadata_comes_from_cbs_dataproperties():
    density = Indicator.objects.get(code="bevolkingsdichtheid")
    assert density.unit == "aantal inwoners per km²"
    assert density.definition.startswith("Het (niet afgeronde) aantal inwoners per km² land")
    assert "Bron: CBS" in density.source
    covid = Indicator.objects.get(code="covid-overleden")
    assert "1 januari 2024" in covid.definition


# --- Map --------------------------------------------------------------------------------------


def test_topojson_decodes_to_342_gemeente_paths():
    paths, width, height = geo.gemeente_paths()
    assert len(paths) == 342
    assert all(path.startswith("M") and path.endswith("Z") for path in paths.values())
    assert 500 < height < 800 and width == geo.MAP_WIDTH


def test_topojson_arc_decoding_reverses_negative_indexes():
    topology = {
        "arcs": [[[0, 0], [2, 0], [0, 2]]],
        "transform": {"scale": [1, 1], "translate": [10, 20]},
    }
    arcs = geo.decode_arcs(topology)
    assert arcs == [[(10, 20), (12, 20), (12, 22)]]
    assert geo.ring(arcs, [~0]) == [(12, 22), (12, 20), (10, 20)]


def test_map_links_every_gemeente_with_name_and_value(client):
    response = client.get(reverse("monitor:gemeente", kwargs={"cbs_code": "GM0599"}))
    svg = re.search(r'<svg class="monitor-map".*?</svg>', response.content.decode(), re.S).group()
    assert svg.count("<a href=") == 342
    assert 'aria-label="Rotterdam: 3.070 aantal inwoners per km²' in svg
    assert 'aria-current="page"' in svg
    assert svg.count("monitor-map__gemeente--area") == 15  # the 15 gemeenten of the 16 areas


def test_map_indicator_can_be_chosen(client):
    response = client.get(reverse("monitor:dashboard") + "?indicator=woningvoorraad")
    assert 'aria-label="Rotterdam: 324.597 aantal' in response.content.decode()


def test_weekly_indicator_page_has_table_but_no_map(client):
    response = client.get(reverse("monitor:indicator", kwargs={"code": "covid-overleden"}))
    page = response.content.decode()
    assert 'class="monitor-map"' not in page
    assert "gemeenten-caption" in page


# --- API --------------------------------------------------------------------------------------


def test_api_lists_indicators_without_login(client):
    response = client.get(reverse("api:monitor-indicators"))
    assert response.status_code == 200
    codes = [item["code"] for item in response.json()]
    assert "inwoners" in codes and "covid-positief-getest" in codes


def test_api_values_of_an_indicator_per_gemeente(client):
    url = reverse("api:monitor-indicator-values", kwargs={"code": "inwoners"})
    data = client.get(url, {"gebiedstype": "gemeente"}).json()
    assert len(data) == 342
    rotterdam = next(row for row in data if row["area_code"] == "GM0599")
    assert Decimal(rotterdam["value"]) == 670_610 and rotterdam["period"] == "2024"
    wijken = client.get(url, {"gebiedstype": "wijk"}).json()
    assert len(wijken) == 3393


def test_api_weekly_values_default_to_the_latest_week(client):
    url = reverse("api:monitor-indicator-values", kwargs={"code": "covid-ziekenhuisopnames"})
    data = client.get(url).json()
    assert {row["period"] for row in data} == {"2024-W09"}
    week = client.get(url, {"periode": "2021-W01"}).json()
    assert len(week) > 300


def test_api_rejects_an_unknown_area_type(client):
    url = reverse("api:monitor-indicator-values", kwargs={"code": "inwoners"})
    assert client.get(url, {"gebiedstype": "provincie"}).status_code == 400


def test_api_gemeente(client):
    response = client.get(reverse("api:monitor-gemeente", kwargs={"cbs_code": "GM0599"}))
    data = response.json()
    assert data["name"] == "Rotterdam"
    residents = next(v for v in data["values"] if v["indicator"] == "inwoners")
    assert Decimal(residents["value"]) == 670_610
    assert Decimal(residents["nederland"]) == 17_942_942
    assert client.get("/api/v1/dashboard/gemeenten/GM9998/").status_code == 404
