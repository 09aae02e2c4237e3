"""Wijk boundaries: RD → WGS84, the PDOK GeoJSON format, the command (file and PDOK, replayed)."""

import json
import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest

from doorbraak.monitor import boundaries
from doorbraak.monitor.cbs.client import RecordedTransport, Response
from doorbraak.monitor.management.commands.load_wijk_boundaries import Command
from doorbraak.monitor.models import WijkBoundary

RECORDED = Path(__file__).parent / "recorded"
ROTTERDAM = RECORDED / "pdok_wijken_GM0599_2024.json"


def test_amersfoort_is_the_origin():
    lon, lat = boundaries.rd_to_wgs84(155000, 463000)
    assert round(lat, 4) == 52.1552
    assert round(lon, 4) == 5.3872


@pytest.mark.parametrize(
    ("x", "y", "lat", "lon"),
    [
        # The worked example of the approximation formulas: the Martinitoren in Groningen.
        (233883, 582065, 53.21938, 6.56820),
        # And the origin again, against the formulas' own constants.
        (155000, 463000, 52.15517, 5.38721),
    ],
)
def test_known_points(x, y, lat, lon):
    got_lon, got_lat = boundaries.rd_to_wgs84(x, y)
    assert got_lat == pytest.approx(lat, abs=2e-4)
    assert got_lon == pytest.approx(lon, abs=2e-4)


def test_simplify_drops_points_on_a_straight_line_only():
    line = [(0, 0), (1, 0.001), (2, 0), (3, 5), (4, 0)]
    assert boundaries.simplify(line, 0.1) == [(0, 0), (2, 0), (3, 5), (4, 0)]


def test_parse_the_recorded_answer():
    shapes = boundaries.parse(json.loads(ROTTERDAM.read_text()))
    assert [s.code for s in shapes] == ["WK059901", "WK059903", "WK059910", "WK059912"]
    assert shapes[0].name == "Stadscentrum"
    assert {s.gemeente_code for s in shapes} == {"GM0599"}
    centrum = shapes[0].polygons
    # A rectangle of 21 points with 5 per side becomes its 4 corners (and the closing point).
    assert len(centrum[0][0]) == 5
    lon, lat = centrum[0][0][0]
    assert 4.4 < lon < 4.6 and 51.8 < lat < 52.0  # Rotterdam, not swapped
    feijenoord = shapes[2].polygons
    assert len(feijenoord) == 2 and len(feijenoord[0]) == 2  # two polygons, the first with a hole


def test_wgs84_both_axis_orders_give_the_same_shape():
    rd = json.loads(ROTTERDAM.read_text())
    expected = boundaries.parse(rd)[0].polygons

    def as_wgs84(crs, latlon):
        data = json.loads(ROTTERDAM.read_text())
        data["features"] = data["features"][:1]
        if crs:
            data["crs"]["properties"]["name"] = crs
        else:
            del data["crs"]
        for polygon in data["features"][0]["geometry"]["coordinates"]:
            for ring in polygon:
                for point in ring:
                    lon, lat = boundaries.rd_to_wgs84(*point)
                    point[:] = [lat, lon] if latlon else [lon, lat]
        return boundaries.parse(data)[0].polygons

    for crs, latlon in [
        ("urn:ogc:def:crs:OGC:1.3:CRS84", False),
        ("urn:ogc:def:crs:EPSG::4326", True),
        (None, False),
    ]:
        got = as_wgs84(crs, latlon)
        assert got == expected, crs


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"wijkcode": "0599-01"}, "object 1 (0599-01): 'wijkcode' moet de vorm WK"),
        ({"gemeentecode": "599"}, "object 1 (WK059901): 'gemeentecode' moet de vorm GM"),
        ({"gemeentecode": "GM0606"}, "wijk WK059901 hoort niet bij gemeente GM0606"),
    ],
)
def test_bad_properties_are_named(change, message):
    data = json.loads(ROTTERDAM.read_text())
    data["features"][0]["properties"].update(change)
    with pytest.raises(boundaries.BoundaryError, match=re.escape(message)):
        boundaries.parse(data)


def test_unknown_crs_and_not_geojson():
    data = json.loads(ROTTERDAM.read_text())
    data["crs"]["properties"]["name"] = "urn:ogc:def:crs:EPSG::3857"
    with pytest.raises(boundaries.BoundaryError, match="Onbekend coördinatenstelsel"):
        boundaries.parse(data)
    with pytest.raises(boundaries.BoundaryError, match="geen GeoJSON FeatureCollection"):
        boundaries.parse({"value": []})


def test_wfs_url_asks_rd_and_filters_on_gemeentecode():
    url = boundaries.wfs_url(2024, gemeente="GM0599")
    assert url.startswith("https://service.pdok.nl/cbs/wijkenbuurten/2024/wfs/v1_0?")
    assert "typeNames=wijkenbuurten%3Awijken" in url
    assert "srsName=EPSG%3A28992" in url and "outputFormat=application%2Fjson" in url
    assert "gemeentecode" in url and "GM0599" in url


# --- The command ---------------------------------------------------------------------------


def _run(*args, transport=None):
    out, err = StringIO(), StringIO()
    if transport is not None:
        original = Command.transport
        Command.transport = staticmethod(transport)
    try:
        call_command("load_wijk_boundaries", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as stop:
        code = stop.code
    finally:
        if transport is not None:
            Command.transport = original
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_file_import_stores_simplified_wgs84_polygons():
    code, out, _ = _run(str(ROTTERDAM))
    assert code == 0
    assert "4 wijken van 1 gemeente(n) geladen voor CBS-jaar 2024" in out
    stored = WijkBoundary.objects.get(code="WK059903", cbs_year=2024)
    assert stored.name == "Delfshaven" and stored.gemeente_code == "GM0599"
    assert len(stored.geometry[0][0]) == 5
    assert stored.source == "Bestand pdok_wijken_GM0599_2024.json"
    # Again: replaced, not doubled.
    _run(str(ROTTERDAM))
    assert WijkBoundary.objects.filter(gemeente_code="GM0599").count() == 4


@pytest.mark.django_db
def test_pdok_replayed_answer_error_and_empty():
    url = boundaries.wfs_url(2024, gemeente="GM0599")
    code, out, _ = _run(
        "--pdok", "--gemeente", "GM0599", transport=RecordedTransport({url: ROTTERDAM})
    )
    assert code == 0 and "4 wijken" in out
    assert WijkBoundary.objects.get(code="WK059901").source.startswith(
        "PDOK, CBS wijk- en buurtkaart 2024 (https://service.pdok.nl/cbs/wijkenbuurten/2024/"
    )

    # A WFS exception report (HTTP 400): the stored boundaries stay as they are.
    error = Response(400, (RECORDED / "pdok_error.xml").read_bytes())
    code, _, err = _run("--pdok", "--gemeente", "GM0599", transport=RecordedTransport({url: error}))
    assert code == 1
    assert "Wijkgrenzen niet geladen: PDOK meldt een fout: msWFSGetFeature()" in err
    assert WijkBoundary.objects.count() == 4

    # No network.
    code, _, err = _run("--pdok", "--gemeente", "GM0599", transport=RecordedTransport({}))
    assert code == 1 and "PDOK is niet bereikbaar" in err

    # An empty answer changes nothing.
    empty = RECORDED / "pdok_wijken_empty.json"
    code, out, _ = _run("--pdok", "--gemeente", "GM0599", transport=RecordedTransport({url: empty}))
    assert code == 0 and "niets gewijzigd" in out
    assert WijkBoundary.objects.count() == 4


@pytest.mark.django_db
def test_command_refuses_bad_arguments(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="óf --pdok"):
        call_command("load_wijk_boundaries")
    with pytest.raises(CommandError, match="geen CBS-gemeentecode"):
        call_command("load_wijk_boundaries", "--pdok", "--gemeente", "Rotterdam")
    broken = tmp_path / "kapot.geojson"
    broken.write_text("{niet: json", encoding="utf-8")
    code, _, err = _run(str(broken))
    assert code == 1 and "is geen geldige JSON" in err
