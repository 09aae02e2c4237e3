"""Wijk boundaries of the CBS wijk- en buurtkaart: read PDOK GeoJSON, convert, simplify.

No Django here (the store is ``services.store_wijk_boundaries``). PDOK publishes the CBS
wijk- en buurtkaart per year as a WFS and an OGC API Features service; the WFS of 2024 is
``https://service.pdok.nl/cbs/wijkenbuurten/2024/wfs/v1_0`` with feature type
``wijkenbuurten:wijken`` and, per wijk, the properties ``wijkcode`` (WK059901), ``wijknaam``
and ``gemeentecode`` (GM0599).

Coordinates: we ask PDOK for its default, RD New (EPSG:28992, x/y in metres), and convert to
WGS84 here with the approximation formulas of Schreutelkamp and Strang van Hees (2001),
accurate to about a metre in the Netherlands, in pure Python. Asking WFS 2.0 for EPSG:4326
instead would return latitude first (the axis order of that CRS), a classic source of
swapped maps. A file import may be in RD New or WGS84: the ``crs`` member of the GeoJSON
decides (``urn:ogc:def:crs:EPSG::4326`` is read as latitude/longitude, ``CRS84`` and files
without ``crs`` as longitude/latitude, as RFC 7946 says); without ``crs``, coordinates beyond
±180 are taken as RD New.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from .cbs.client import DEFAULT_TIMEOUT, Response, Transport, urllib_transport

PDOK_WFS = "https://service.pdok.nl/cbs/wijkenbuurten/{year}/wfs/v1_0"
TYPE_NAME = "wijkenbuurten:wijken"
PAGE_SIZE = 1000
MAX_PAGES = 100
#: Douglas-Peucker tolerance in metres: enough for a map a few hundred pixels wide.
TOLERANCE_M = 10.0
WIJK_CODE = re.compile(r"^WK\d{4}[0-9A-Z]{2}$")
GEMEENTE_CODE = re.compile(r"^GM\d{4}$")

RD, WGS84_LONLAT, WGS84_LATLON = "rd", "lonlat", "latlon"


class BoundaryError(Exception):
    """The answer or the file cannot be used (the message says why, in Dutch)."""


class BoundaryUnavailable(BoundaryError):
    """PDOK cannot be reached."""


# --- RD New → WGS84 ------------------------------------------------------------------------

X0, Y0 = 155000.0, 463000.0  # Amersfoort, the origin of RD
PHI0, LAM0 = 52.15517440, 5.38720621  # Amersfoort in WGS84
_K = [  # (p, q, K_pq): φ = φ0 + Σ K_pq dX^p dY^q / 3600
    (0, 1, 3235.65389),
    (2, 0, -32.58297),
    (0, 2, -0.24750),
    (2, 1, -0.84978),
    (0, 3, -0.06550),
    (2, 2, -0.01709),
    (1, 0, -0.00738),
    (4, 0, 0.00530),
    (2, 3, -0.00039),
    (4, 1, 0.00033),
    (1, 1, -0.00012),
]
_L = [  # λ = λ0 + Σ L_pq dX^p dY^q / 3600
    (1, 0, 5260.52916),
    (1, 1, 105.94684),
    (1, 2, 2.45656),
    (3, 0, -0.81885),
    (1, 3, 0.05594),
    (3, 1, -0.05607),
    (0, 1, 0.01199),
    (3, 2, -0.00256),
    (1, 4, 0.00128),
    (0, 2, 0.00022),
    (2, 0, -0.00022),
    (5, 0, 0.00026),
]


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """RD New (EPSG:28992) x, y in metres → WGS84 (longitude, latitude) in degrees."""
    dx, dy = (x - X0) * 1e-5, (y - Y0) * 1e-5
    phi = PHI0 + sum(k * dx**p * dy**q for p, q, k in _K) / 3600
    lam = LAM0 + sum(k * dx**p * dy**q for p, q, k in _L) / 3600
    return lam, phi


# --- Simplification --------------------------------------------------------------------------


def _distance(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker (iterative), keeping the first and last point."""
    if len(points) < 3:
        return list(points)
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, furthest = None, tolerance
        for n in range(first + 1, last):
            distance = _distance(points[n], points[first], points[last])
            if distance > furthest:
                index, furthest = n, distance
        if index is not None:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[n] for n in sorted(keep)]


# --- GeoJSON -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WijkShape:
    code: str
    name: str
    gemeente_code: str
    #: polygons → rings → [lon, lat], WGS84, rounded to 5 decimals
    polygons: list

    @property
    def points(self) -> int:
        return sum(len(ring) for polygon in self.polygons for ring in polygon)


def axis_order(collection: dict) -> str | None:
    """RD, WGS84_LONLAT or WGS84_LATLON from the ``crs`` member; None when there is none."""
    crs = ((collection.get("crs") or {}).get("properties") or {}).get("name", "")
    if not crs:
        return None
    if "28992" in crs:
        return RD
    if "CRS84" in crs.upper():
        return WGS84_LONLAT
    if "4326" in crs:
        # urn:ogc:def:crs:EPSG::4326 and http://www.opengis.net/def/crs/EPSG/0/4326 are
        # latitude first; the old "EPSG:4326" shorthand is longitude first in GeoJSON practice.
        return WGS84_LATLON if ("urn:" in crs or "opengis.net" in crs) else WGS84_LONLAT
    raise BoundaryError(
        f"Onbekend coördinatenstelsel '{crs}': gebruik RD New (EPSG:28992) of WGS84."
    )


def _guess_order(geometry: dict) -> str:
    first = geometry["coordinates"]
    while isinstance(first, list) and first and isinstance(first[0], list):
        first = first[0]
    return RD if first and abs(float(first[0])) > 180 else WGS84_LONLAT


def _polygons(geometry: dict) -> list:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return geometry["coordinates"]
    raise BoundaryError(f"geometrie van het type '{kind}' in plaats van (Multi)Polygon")


def convert(geometry: dict, order: str, tolerance_m: float = TOLERANCE_M) -> list:
    """A (Multi)Polygon as WGS84 polygons, simplified. Rings that vanish are left out."""
    result = []
    for polygon in _polygons(geometry):
        rings = []
        for n, raw in enumerate(polygon):
            points = [(float(p[0]), float(p[1])) for p in raw]
            if order == RD:
                # Simplify in metres, then convert.
                points = [rd_to_wgs84(x, y) for x, y in simplify(points, tolerance_m)]
            else:
                if order == WGS84_LATLON:
                    points = [(lon, lat) for lat, lon in points]
                # Degrees: a metre of latitude is 1/111,320 degree; longitude shrinks by cos φ.
                k = math.cos(math.radians(52.2))
                scaled = simplify([(lon * k, lat) for lon, lat in points], tolerance_m / 111_320)
                points = [(x / k, lat) for x, lat in scaled]
            ring = [[round(lon, 5), round(lat, 5)] for lon, lat in points]
            if len(ring) < 4:
                if n == 0:
                    break  # the outer ring is gone: so is the polygon
                continue  # a tiny hole
            rings.append(ring)
        if rings:
            result.append(rings)
    return result


def parse(collection: dict, *, tolerance_m: float = TOLERANCE_M) -> list[WijkShape]:
    """The wijken of a GeoJSON FeatureCollection in the PDOK format."""
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise BoundaryError("het bestand is geen GeoJSON FeatureCollection")
    declared = axis_order(collection)
    shapes = []
    for number, feature in enumerate(collection.get("features") or [], start=1):
        properties = feature.get("properties") or {}
        code = str(properties.get("wijkcode") or "").strip()
        gemeente = str(properties.get("gemeentecode") or "").strip()
        where = f"object {number}" + (f" ({code})" if code else "")
        if not WIJK_CODE.match(code):
            raise BoundaryError(
                f"{where}: 'wijkcode' moet de vorm WK, vier cijfers van de gemeente en "
                f"twee tekens hebben, niet '{code}'"
            )
        if not GEMEENTE_CODE.match(gemeente):
            raise BoundaryError(
                f"{where}: 'gemeentecode' moet de vorm GM gevolgd door vier cijfers hebben, "
                f"niet '{gemeente}'"
            )
        if code[2:6] != gemeente[2:]:
            raise BoundaryError(f"{where}: wijk {code} hoort niet bij gemeente {gemeente}")
        geometry = feature.get("geometry")
        if not geometry:
            raise BoundaryError(f"{where}: geen geometrie")
        try:
            polygons = convert(geometry, declared or _guess_order(geometry), tolerance_m)
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise BoundaryError(f"{where}: onleesbare coördinaten ({error})") from error
        shapes.append(
            WijkShape(code, str(properties.get("wijknaam") or "").strip(), gemeente, polygons)
        )
    codes = [shape.code for shape in shapes]
    doubles = sorted({code for code in codes if codes.count(code) > 1})
    if doubles:
        raise BoundaryError(f"wijk {', '.join(doubles)} komt meer dan eens voor")
    return shapes


def read_file(path) -> list[WijkShape]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except OSError as error:
        raise BoundaryError(
            f"het bestand {path} kan niet worden gelezen ({error.strerror})"
        ) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BoundaryError(f"het bestand {path} is geen geldige JSON ({error})") from error
    return parse(data)


# --- PDOK ----------------------------------------------------------------------------------


def gemeente_filter(gemeente_code: str) -> str:
    """A FES 2.0 filter on ``gemeentecode`` (WFS 2.0 ``FILTER`` parameter)."""
    return (
        '<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0"><fes:PropertyIsEqualTo>'
        "<fes:ValueReference>gemeentecode</fes:ValueReference>"
        f"<fes:Literal>{gemeente_code}</fes:Literal>"
        "</fes:PropertyIsEqualTo></fes:Filter>"
    )


def wfs_url(
    year: int, *, gemeente: str | None = None, start: int = 0, base_url: str | None = None
) -> str:
    params = {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "typeNames": TYPE_NAME,
        "outputFormat": "application/json",
        "srsName": "EPSG:28992",
        "count": str(PAGE_SIZE),
        "startIndex": str(start),
    }
    if gemeente:
        params["FILTER"] = gemeente_filter(gemeente)
    return (base_url or PDOK_WFS.format(year=year)) + "?" + urlencode(params)


def _answer(response: Response, url: str) -> dict:
    body = response.body.lstrip()
    if body.startswith(b"<"):
        # A WFS ExceptionReport (XML), sometimes with HTTP 200.
        text = re.search(rb"<(?:ows:)?ExceptionText>(.*?)</", body, re.S)
        reason = text.group(1).decode("utf-8", "replace").strip() if text else "XML-antwoord"
        raise BoundaryError(f"PDOK meldt een fout: {reason}")
    if response.status >= 500:
        raise BoundaryUnavailable(f"PDOK is niet bereikbaar (HTTP {response.status})")
    try:
        data = json.loads(body)
    except ValueError as error:
        raise BoundaryUnavailable(f"PDOK gaf geen JSON terug ({url})") from error
    if response.status >= 400:
        raise BoundaryError(f"PDOK meldt een fout (HTTP {response.status}): {data}")
    return data


def fetch_pages(
    year: int,
    *,
    gemeente: str | None = None,
    transport: Transport = urllib_transport,
    timeout: float = DEFAULT_TIMEOUT,
    base_url: str | None = None,
) -> Iterator[dict]:
    """Every page of the wijken (of one gemeente), following ``startIndex``."""
    from urllib.error import URLError

    for page in range(MAX_PAGES):
        url = wfs_url(year, gemeente=gemeente, start=page * PAGE_SIZE, base_url=base_url)
        try:
            response = transport(url, timeout)
        except (URLError, OSError) as error:
            raise BoundaryUnavailable(
                f"PDOK is niet bereikbaar ({getattr(error, 'reason', error)}); "
                "probeer het later opnieuw of laad een bestand"
            ) from error
        data = _answer(response, url)
        yield data
        if len(data.get("features") or []) < PAGE_SIZE:
            return
    raise BoundaryError(f"meer dan {MAX_PAGES} pagina's: de filter is te ruim")


def fetch(year: int, **kwargs) -> list[WijkShape]:
    """The wijken of one CBS year from PDOK, all pages, parsed and simplified."""
    shapes: list[WijkShape] = []
    for data in fetch_pages(year, **kwargs):
        shapes.extend(parse(data))
    return shapes
