"""The CBS OData loader on recorded responses (no network)."""

import json
from decimal import Decimal
from functools import partial
from io import StringIO
from pathlib import Path
from urllib.error import URLError

from django.core.management import call_command

import pytest

from doorbraak.monitor.cbs.client import (
    CbsClient,
    CbsError,
    CbsUnavailable,
    RecordedTransport,
    Response,
)
from doorbraak.monitor.cbs.store import fetch_and_store, indicator_code, normalise_period
from doorbraak.monitor.management.commands.fetch_cbs import Command
from doorbraak.monitor.models import AreaValue, CbsColumn, CbsTable, Indicator

RESPONSES = Path(__file__).resolve().parent / "responses"
TABLE = "85984NED"
SELECT = [
    "Gemeentenaam_1",
    "AantalInwoners_5",
    "PersonenPerSoortUitkeringBijstand_94",
    "GemiddeldInkomenPerInwoner_83",
]
OFFLINE = "CBS open data is niet bereikbaar"
LATER = "probeer het later opnieuw of laad een bestand."


def recorded(page1=None, page2=None, *, typed=None, **extra) -> RecordedTransport:
    """Responses of the real 85984NED metadata and the two recorded TypedDataSet pages."""
    client = CbsClient()
    page1 = page1 or RESPONSES / "TypedDataSet_page1.json"
    mapping = {
        client.url(TABLE, "TableInfos"): RESPONSES / "TableInfos.json",
        client.url(TABLE, "DataProperties"): RESPONSES / "DataProperties.json",
        client.typed_data_set_url(TABLE, select=["WijkenEnBuurten", *SELECT]): typed or page1,
    }
    next_link = json.loads((RESPONSES / "TypedDataSet_page1.json").read_text())["odata.nextLink"]
    mapping[next_link] = page2 or RESPONSES / "TypedDataSet_page2.json"
    mapping.update(extra)
    return RecordedTransport(mapping)


def load(transport) -> object:
    return fetch_and_store(CbsClient(transport=transport), TABLE, select=SELECT)


def run(transport, *args) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    Command.client_class = partial(CbsClient, transport=transport)
    try:
        call_command(
            "fetch_cbs", TABLE, "--select", ",".join(SELECT), *args, stdout=out, stderr=err
        )
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    finally:
        Command.client_class = CbsClient
    return out.getvalue(), err.getvalue(), code


def values() -> dict[tuple[str, str, str], Decimal]:
    return {
        (v.indicator.code, v.area_code, v.period): v.value
        for v in AreaValue.objects.filter(indicator__code__startswith="cbs-").select_related(
            "indicator"
        )
    }


# -- Client -----------------------------------------------------------------------------------


def test_client_follows_next_link_and_accepts_bare_arrays():
    transport = recorded()
    client = CbsClient(transport=transport)
    rows = client.typed_data_set(TABLE, select=["WijkenEnBuurten", *SELECT])
    assert [r["WijkenEnBuurten"] for r in rows] == [
        "NL00      ",
        "GM0599    ",
        "WK059910  ",
        "BU05991001",
    ]
    assert len(transport.requested) == 2 and "$skip=2" in transport.requested[1]
    assert client.table_info(TABLE)["Title"] == "Kerncijfers wijken en buurten 2024"
    assert len(client.data_properties(TABLE)) == 172


def test_url_encodes_filter_and_keeps_odata_syntax():
    url = CbsClient().typed_data_set_url(
        TABLE, select=["WijkenEnBuurten", "AantalInwoners_5"], filter="WijkenEnBuurten eq 'GM0599'"
    )
    assert url == (
        "https://opendata.cbs.nl/ODataApi/odata/85984NED/TypedDataSet?$format=json"
        "&$select=WijkenEnBuurten,AantalInwoners_5&$filter=WijkenEnBuurten%20eq%20'GM0599'"
    )


def test_odata_error_payload_raises_cbs_error():
    client = CbsClient(
        transport=recorded(typed=Response(400, (RESPONSES / "error.json").read_bytes()))
    )
    with pytest.raises(CbsError, match="Could not find a property named 'Bestaatniet_1'"):
        client.typed_data_set(TABLE, select=["WijkenEnBuurten", *SELECT])
    # Also inside a 200 answer.
    client = CbsClient(transport=recorded(typed=RESPONSES / "error.json"))
    with pytest.raises(CbsError, match="CBS meldt een fout"):
        client.typed_data_set(TABLE, select=["WijkenEnBuurten", *SELECT])


def test_empty_value_gives_no_rows():
    client = CbsClient(transport=recorded(typed=RESPONSES / "TypedDataSet_empty.json"))
    assert client.typed_data_set(TABLE, select=["WijkenEnBuurten", *SELECT]) == []


@pytest.mark.parametrize(
    "answer",
    [
        URLError("[Errno -3] Temporary failure in name resolution"),
        TimeoutError("timed out"),
        Response(503, b"<html>Service Unavailable</html>"),
        Response(200, b"<html>onderhoud</html>"),
    ],
)
def test_unreachable_or_not_json_raises_cbs_unavailable(answer):
    client = CbsClient(transport=recorded(**{CbsClient().url(TABLE, "TableInfos"): answer}))
    with pytest.raises(CbsUnavailable) as caught:
        client.table_info(TABLE)
    assert str(caught.value).startswith(OFFLINE) and str(caught.value).endswith(LATER)


def test_real_urllib_transport_on_a_closed_port():
    client = CbsClient("http://127.0.0.1:9/ODataApi/odata/", timeout=2)
    with pytest.raises(CbsUnavailable, match=OFFLINE):
        client.table_info(TABLE)


def test_helpers():
    assert normalise_period("2024JJ00") == "2024"
    assert normalise_period("2023KW03") == "2023-Q3"
    assert normalise_period("2022MM11") == "2022-11"
    assert normalise_period("2024") == "2024"
    assert len(indicator_code(TABLE, "x" * 80)) == 60


# -- Store ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_store_uses_real_metadata_and_area_types():
    result = load(recorded())
    assert (result.indicators, result.rows, result.values) == (3, 4, 9)

    table = CbsTable.objects.get()
    assert table.identifier == TABLE and table.title == "Kerncijfers wijken en buurten 2024"
    assert table.period == "2024" and table.modified == "2025-03-27T02:00:00"
    assert table.value_count == 9

    columns = {c.key: c for c in CbsColumn.objects.all()}
    assert set(columns) == set(SELECT)
    assert columns["Gemeentenaam_1"].indicator is None  # a String column: metadata only
    assert columns["Gemeentenaam_1"].datatype == "String"

    bijstand = Indicator.objects.get(code="cbs-85984NED-PersonenPerSoortUitkeringBijstand_94")
    assert bijstand.title == "Personen per soort uitkering; Bijstand"
    assert bijstand.unit == "aantal"
    assert bijstand.definition.startswith("Personen die een bijstandsuitkering op grond van")
    assert bijstand.source_url == "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85984NED/table"
    assert bijstand.period == "2024"
    income = Indicator.objects.get(code="cbs-85984NED-GemiddeldInkomenPerInwoner_83")
    assert income.title == "Gemiddeld inkomen per inwoner"  # trailing non-breaking space gone
    assert (income.unit, income.decimals) == ("x 1 000 euro", 1)
    residents = Indicator.objects.get(code="cbs-85984NED-AantalInwoners_5")
    assert residents.definition == "Aantal inwoners"  # CBS has no description for it

    by_area = {
        (v.area_type, v.area_code): v.value for v in AreaValue.objects.filter(indicator=residents)
    }
    assert by_area == {
        ("land", "NL01"): Decimal(17942942),
        ("gemeente", "GM0599"): Decimal(670610),
        ("wijk", "WK059910"): Decimal(74815),
        ("buurt", "BU05991001"): Decimal(4010),
    }
    assert AreaValue.objects.get(indicator=income, area_code="GM0599").value == Decimal("30.1")
    assert set(AreaValue.objects.filter(indicator=income).values_list("period", flat=True)) == {
        "2024"
    }


@pytest.mark.django_db
def test_refetch_is_idempotent_and_replaces_values():
    load(recorded())
    first = values()
    load(recorded())
    assert values() == first
    assert Indicator.objects.filter(code__startswith="cbs-").count() == 3
    assert CbsColumn.objects.count() == 4 and CbsTable.objects.count() == 1


@pytest.mark.django_db
def test_malformed_second_page_stores_nothing_and_keeps_previous_figures():
    with pytest.raises(CbsUnavailable):
        load(recorded(page2=RESPONSES / "TypedDataSet_page2_malformed.html"))
    assert not CbsTable.objects.exists() and not values()

    load(recorded())
    before = values()
    with pytest.raises(CbsUnavailable):
        load(recorded(page2=RESPONSES / "TypedDataSet_page2_malformed.html"))
    with pytest.raises(CbsError):
        load(recorded(page2=b'{"value": "geen lijst"}'))
    assert values() == before


@pytest.mark.django_db
def test_bad_value_in_a_row_rolls_back_the_whole_table():
    load(recorded())
    before = values()
    page = json.loads((RESPONSES / "TypedDataSet_page2.json").read_text())
    page["value"][0]["AantalInwoners_5"] = "veel"
    with pytest.raises(CbsError, match="geen getal"):
        load(recorded(page2=json.dumps(page).encode()))
    assert values() == before
    assert CbsTable.objects.get().value_count == 9


@pytest.mark.django_db
def test_unknown_select_column_is_refused():
    with pytest.raises(CbsError, match="Bestaatniet_1"):
        fetch_and_store(CbsClient(transport=recorded()), TABLE, select=["Bestaatniet_1"])


# -- Command ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_prints_what_it_stored():
    out, err, code = run(recorded())
    assert code == 0 and not err
    assert "85984NED — Kerncijfers wijken en buurten 2024 (2024)" in out
    assert "3 indicatoren, 4 rijen, 9 waarden opgeslagen" in out


@pytest.mark.django_db
def test_command_offline_exit_code_1_and_dutch_message():
    transport = RecordedTransport(
        {CbsClient().url(TABLE, "TableInfos"): URLError("Network is unreachable")}
    )
    out, err, code = run(transport)
    assert code == 1
    assert err.startswith(OFFLINE) and LATER in err and "Traceback" not in err
    assert not CbsTable.objects.exists()


@pytest.mark.django_db
def test_command_error_response_exit_code_1():
    out, err, code = run(recorded(typed=Response(400, (RESPONSES / "error.json").read_bytes())))
    assert code == 1 and "CBS meldt een fout" in err
    assert not values()


@pytest.mark.django_db
def test_command_empty_response_changes_nothing():
    run(recorded())
    before = values()
    out, err, code = run(recorded(typed=RESPONSES / "TypedDataSet_empty.json"))
    assert code == 0 and "geen rijen" in out
    assert values() == before


def test_run_from_argv_offline_exits_1_without_traceback(capsys):
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(
            ["manage.py", "fetch_cbs", TABLE, "--base-url", "http://127.0.0.1:9/", "--timeout", "2"]
        )
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert OFFLINE in err and "Traceback" not in err


@pytest.mark.django_db
def test_command_from_dir_loads_saved_files(tmp_path):
    for name in ("TableInfos.json", "DataProperties.json"):
        (tmp_path / name).write_bytes((RESPONSES / name).read_bytes())
    (tmp_path / "TypedDataSet.json").write_bytes(
        (RESPONSES / "TypedDataSet_page1.json").read_bytes()
    )
    (tmp_path / "TypedDataSet_skip2.json").write_bytes(
        (RESPONSES / "TypedDataSet_page2.json").read_bytes()
    )
    out, err, code = run(RecordedTransport({}), "--from-dir", str(tmp_path))
    assert code == 0, err
    assert "9 waarden opgeslagen" in out
    (tmp_path / "TypedDataSet_skip2.json").unlink()
    out, err, code = run(RecordedTransport({}), "--from-dir", str(tmp_path))
    assert code == 1 and "TypedDataSet_skip2.json ontbreekt" in err
