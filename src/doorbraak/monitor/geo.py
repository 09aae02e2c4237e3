"""The municipal boundaries of 2023 as SVG path data, decoded from TopoJSON (no Django here).

TopoJSON stores shared borders once as *arcs*, delta-encoded integers after a quantisation
``transform``; a polygon lists its rings as arc indexes, where ``~i`` (negative) means arc ``i``
reversed. See https://github.com/topojson/topojson-specification. The projection is
equirectangular with the longitude scaled by cos(52.2°), which is close enough for a country the
size of NL and needs no projection library.
"""

import json
import math
from functools import lru_cache
from pathlib import Path

TOPOJSON = Path(__file__).resolve().parent / "data" / "gemeenten_2023_vr_nl.topo.json"
MAP_WIDTH = 560
PAD = 8
LAT0 = 52.2


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as absolute (lon, lat) points."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            if transform:
                x += position[0]
                y += position[1]
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((position[0], position[1]))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point: keep it once.
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


class Projection:
    def __init__(self, bounds: tuple[float, float, float, float], width: float = MAP_WIDTH):
        west, south, east, north = bounds
        self.kx = math.cos(math.radians(LAT0))
        self.west, self.north = west, north
        self.scale = (width - 2 * PAD) / ((east - west) * self.kx)
        self.width = width
        self.height = (north - south) * self.scale + 2 * PAD

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            PAD + (lon - self.west) * self.kx * self.scale,
            PAD + (self.north - lat) * self.scale,
        )


def _path(rings, project) -> str:
    parts = []
    for points in rings:
        coords = []
        last = None
        for lon, lat in points:
            x, y = project(lon, lat)
            point = f"{x:.1f} {y:.1f}"
            if point != last:  # drop points that coincide at this scale
                coords.append(point)
                last = point
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def gemeente_paths() -> tuple[dict[str, str], float, float]:
    """{CBS code: SVG path data} for the 342 gemeenten, and the map's width and height."""
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["gm_features"]["geometries"]
    shapes = {g["properties"]["code"]: polygons(g, arcs) for g in geometries}
    lons = [lon for polys in shapes.values() for poly in polys for r in poly for lon, _ in r]
    lats = [lat for polys in shapes.values() for poly in polys for r in poly for _, lat in r]
    project = Projection((min(lons), min(lats), max(lons), max(lats)))
    paths = {
        code: _path([r for poly in polys for r in poly], project)
        for code, polys in sorted(shapes.items())
    }
    return paths, project.width, project.height


def shape_paths(
    shapes: dict[str, list], width: float = MAP_WIDTH
) -> tuple[dict[str, str], float, float]:
    """{code: SVG path data} for polygons in WGS84 (``[[[[lon, lat], ...], ...], ...]``), e.g.
    the wijken of one gemeente, projected to fill ``width``; and the map's width and height."""
    points = [p for polygons in shapes.values() for poly in polygons for r in poly for p in r]
    if not points:
        return {}, width, 0
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    project = Projection((min(lons), min(lats), max(lons), max(lats)), width)
    paths = {
        code: _path([r for poly in polygons for r in poly], project)
        for code, polygons in sorted(shapes.items())
    }
    return paths, project.width, project.height
