"""The stapeling figures as the public pages show them: synthetic, suppressed, with one function
per table so that page and CSV hold exactly the same cells.

The source is the synthetic Parquet file of ``settings.STAPELING_PARQUET`` (``load_demo`` writes
it). The DuckDB engine runs once per file version: the result is kept in memory keyed by the
file's path, size and mtime, so a new file is picked up without a restart.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404

from .stapeling import engine
from .stapeling.flags import BUCKETS, GROUPS
from .stapeling.suppression import DEFAULT_THRESHOLD, suppress, suppress_distribution

_lock = threading.Lock()
_cache: dict = {}


def source() -> Path | None:
    path = Path(settings.STAPELING_PARQUET) if settings.STAPELING_PARQUET else None
    return path if path is not None and path.is_file() else None


def result() -> engine.Stapeling | None:
    """The engine's result for the configured file, computed once per version of the file."""
    path = source()
    if path is None:
        return None
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    with _lock:
        if _cache.get("key") != key:
            _cache["result"] = engine.compute(path)
            _cache["key"] = key
        return _cache["result"]


def combine(level: str, code: str, parts: list[engine.AreaStapeling]) -> engine.AreaStapeling:
    """The sum of some wijken (an area): counts and matrices add up."""

    def add_counts(items):
        return engine.Counts(*(sum(c.values[i] for c in items) for i in range(4)))

    def add_matrix(items):
        size = len(GROUPS)
        return tuple(tuple(sum(m[i][j] for m in items) for j in range(size)) for i in range(size))

    first = parts[0]
    return engine.AreaStapeling(
        level,
        code,
        first.period,
        first.gemeente_code,
        add_counts([p.persons for p in parts]),
        add_counts([p.households for p in parts]),
        add_matrix([p.cooccurrence for p in parts]),
        add_matrix([p.household_cooccurrence for p in parts]),
    )


@dataclass
class Subject:
    """What a page is about: Nederland (the whole file), a gemeente, or an area's wijken."""

    level: str
    code: str
    wijk_codes: tuple[str, ...] = ()


def series(data: engine.Stapeling, subject: Subject) -> list[engine.AreaStapeling]:
    """The subject's figures per period (oldest first); empty when the file has none."""
    found = []
    for period in data.periods:
        if subject.level == "gebied":
            parts = [
                data.areas[key]
                for code in subject.wijk_codes
                if (key := (engine.WIJK, code, period)) in data.areas
            ]
            if parts:
                found.append(combine("gebied", subject.code, parts))
        else:
            item = data.areas.get((subject.level, subject.code, period))
            if item is not None:
                found.append(item)
    return found


def gemeenten(data: engine.Stapeling) -> list[str]:
    return sorted({code for level, code, _ in data.areas if level == engine.GEMEENTE})


# --- Tables (page and CSV) -------------------------------------------------------------------

PERSONS, HOUSEHOLDS = "personen", "huishoudens"


@dataclass
class DistributionRow:
    unit: str  # PERSONS or HOUSEHOLDS
    period: int
    counts: list  # int or "<10", per bucket
    shares: list  # float 0-100 or None, per bucket
    total: int | str

    @property
    def cells(self) -> list[tuple]:
        return list(zip(self.counts, self.shares, strict=True))


def distribution(items: list[engine.AreaStapeling]) -> list[DistributionRow]:
    rows = []
    for unit, attribute in ((PERSONS, "persons"), (HOUSEHOLDS, "households")):
        for item in items:
            shown = suppress_distribution(getattr(item, attribute).values)
            rows.append(
                DistributionRow(
                    unit,
                    item.period,
                    shown["counts"],
                    [None if s is None else s * 100 for s in shown["shares"]],
                    shown["total"],
                )
            )
    return rows


def matrix(item: engine.AreaStapeling, unit: str = PERSONS) -> list[tuple[str, list]]:
    """The 5 × 5 co-occurrence matrix of the latest period; each cell below 10 suppressed."""
    cells = item.cooccurrence if unit == PERSONS else item.household_cooccurrence
    return [
        (group.label, [suppress(count) for count in cells[i]]) for i, group in enumerate(GROUPS)
    ]


@dataclass
class ChangeRow:
    unit: str
    from_period: int
    to_period: int
    points: list  # change in share points per bucket, or None when either share is suppressed


def changes(items: list[engine.AreaStapeling]) -> list[ChangeRow]:
    rows = []
    for unit, attribute in ((PERSONS, "persons"), (HOUSEHOLDS, "households")):
        for old, new in zip(items, items[1:], strict=False):
            before = suppress_distribution(getattr(old, attribute).values)["shares"]
            after = suppress_distribution(getattr(new, attribute).values)["shares"]
            rows.append(
                ChangeRow(
                    unit,
                    old.period,
                    new.period,
                    [
                        None if a is None or b is None else (b - a) * 100
                        for a, b in zip(before, after, strict=True)
                    ],
                )
            )
    return rows


def page(subject: Subject) -> dict:
    """Everything a stapeling page shows; ``{"available": False}`` without a file or figures."""
    data = result()
    if data is None:
        return {"available": False, "configured": False}
    items = series(data, subject)
    if not items:
        return {"available": False, "configured": True}
    latest = items[-1]
    return {
        "available": True,
        "periods": [item.period for item in items],
        "latest": latest.period,
        "distribution": distribution(items),
        "matrix": matrix(latest),
        "household_matrix": matrix(latest, HOUSEHOLDS),
        "changes": changes(items),
        "buckets": BUCKETS,
        "groups": [group.label for group in GROUPS],
        "threshold": DEFAULT_THRESHOLD,
        "gemeenten_in_file": len(gemeenten(data)),
    }


def gemeente_subject(code: str) -> Subject:
    return Subject(engine.GEMEENTE, code)


def nederland_subject() -> Subject:
    return Subject(engine.NEDERLAND, engine.NEDERLAND_CODE)


def area_subject(area) -> Subject:
    if area is None:
        raise Http404
    return Subject("gebied", area.slug, tuple(area.wijk_codes))


# --- CSV -------------------------------------------------------------------------------------


def csv_rows(context: dict, labels: dict) -> list[list[str]]:
    """One long table of every cell the page shows: table, unit, period, row, column, count,
    share. ``labels`` holds the translated names of the tables."""

    def count(value):
        return str(value)

    def share(value):
        return "" if value is None else f"{value:.1f}".replace(".", ",")

    rows = []
    for row in context["distribution"]:
        for bucket, value, part in zip(BUCKETS, row.counts, row.shares, strict=True):
            rows.append(
                [
                    labels["distribution"],
                    row.unit,
                    str(row.period),
                    bucket,
                    "",
                    count(value),
                    share(part),
                ]
            )
        rows.append(
            [
                labels["distribution"],
                row.unit,
                str(row.period),
                labels["total"],
                "",
                count(row.total),
                "",
            ]
        )
    for key, unit in (("matrix", PERSONS), ("household_matrix", HOUSEHOLDS)):
        for label, cells in context[key]:
            for group, value in zip(context["groups"], cells, strict=True):
                rows.append(
                    [labels["matrix"], unit, str(context["latest"]), label, group, count(value), ""]
                )
    for row in context["changes"]:
        for bucket, points in zip(BUCKETS, row.points, strict=True):
            rows.append(
                [
                    labels["change"],
                    row.unit,
                    f"{row.from_period}-{row.to_period}",
                    bucket,
                    "",
                    "",
                    "" if points is None else f"{points:+.1f}".replace(".", ","),
                ]
            )
    return rows
