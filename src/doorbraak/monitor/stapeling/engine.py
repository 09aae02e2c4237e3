"""Stapeling of problems per wijk, gemeente and Nederland, computed with DuckDB.

Pure (no Django): person-level rows go in as a Parquet file or a DuckDB relation, plain
dataclasses come out. The Django layer loads the file, stores or shows the result and says
"synthetische gegevens" when it shows the synthetic population.

Definitions (CBS stapeling, domain.md §8):

- A person *has a group* (arbeidsparticipatie, inkomensondersteuning, welzijn en zorg,
  onderwijs, jeugd) when any of the group's flags is set for that person in that period.
- A *household* has a group when any of its members has it; its number of groups counts the
  groups over all members, so a parent in the bijstand and a child in jeugdhulp make a
  household with two groups (stapeling in one household) and persons with one group each.
- Persons and households are counted by number of groups: 0, 1, 2 and 3 or more; shares are
  of all persons (households) of the area in that period.
- The *co-occurrence matrix* counts, for every pair of groups, the persons (households) that
  have both; its diagonal counts those that have the group at all.
- Areas: every wijk, every gemeente (all its wijken) and Nederland (all rows). A household is
  counted in the wijk of its members; a household whose members are in two wijken counts once
  in each. Areas without any row do not appear.
- *Change over time* compares each period with the previous period present for the same area.

How: DuckDB reduces the rows to histograms — per period and wijk, the number of persons and of
households for each of the 32 combinations of the five groups (a 5-bit mask) — in two
aggregations (the second over households). Everything else is arithmetic on those histograms in
Python, and gemeente and Nederland are sums of their wijken.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .flags import BUCKETS, GROUPS

WIJK, GEMEENTE, NEDERLAND = "wijk", "gemeente", "nederland"
LEVELS = (WIJK, GEMEENTE, NEDERLAND)
NEDERLAND_CODE = "NL"
PERSONS, HOUSEHOLDS = "persons", "households"
MASKS = 1 << len(GROUPS)


@dataclass(frozen=True)
class Counts:
    """Persons or households with 0, 1, 2 and 3 or more groups."""

    zero: int = 0
    one: int = 0
    two: int = 0
    three_plus: int = 0

    @property
    def values(self) -> tuple[int, int, int, int]:
        return (self.zero, self.one, self.two, self.three_plus)

    @property
    def total(self) -> int:
        return sum(self.values)

    @property
    def shares(self) -> tuple[float | None, ...]:
        """Each count as a share of the total (``None`` when there is nobody)."""
        total = self.total
        return tuple(value / total if total else None for value in self.values)

    @property
    def stapeling(self) -> int:
        """Two or more groups."""
        return self.two + self.three_plus

    def as_dict(self) -> dict:
        return {
            "counts": dict(zip(BUCKETS, self.values, strict=True)),
            "shares": dict(zip(BUCKETS, self.shares, strict=True)),
            "total": self.total,
        }


Matrix = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class AreaStapeling:
    level: str
    code: str
    period: int
    gemeente_code: str | None
    persons: Counts
    households: Counts
    cooccurrence: Matrix
    """Persons with both group *i* and group *j* (order of ``flags.GROUPS``)."""
    household_cooccurrence: Matrix

    def as_dict(self) -> dict:
        groups = [group.code for group in GROUPS]
        return {
            "level": self.level,
            "code": self.code,
            "period": self.period,
            "gemeente_code": self.gemeente_code,
            "persons": self.persons.as_dict(),
            "households": self.households.as_dict(),
            "groups": groups,
            "cooccurrence": [list(row) for row in self.cooccurrence],
            "household_cooccurrence": [list(row) for row in self.household_cooccurrence],
        }


@dataclass(frozen=True)
class Change:
    """An area's change from one period to the next: counts and share points (0–100)."""

    level: str
    code: str
    from_period: int
    to_period: int
    persons: tuple[int, ...]
    persons_points: tuple[float | None, ...]
    households: tuple[int, ...]
    households_points: tuple[float | None, ...]

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "code": self.code,
            "from_period": self.from_period,
            "to_period": self.to_period,
            "persons": dict(zip(BUCKETS, self.persons, strict=True)),
            "persons_points": dict(zip(BUCKETS, self.persons_points, strict=True)),
            "households": dict(zip(BUCKETS, self.households, strict=True)),
            "households_points": dict(zip(BUCKETS, self.households_points, strict=True)),
        }


@dataclass(frozen=True)
class Stapeling:
    areas: Mapping[tuple[str, str, int], AreaStapeling] = field(default_factory=dict)

    @property
    def periods(self) -> tuple[int, ...]:
        return tuple(sorted({period for _, _, period in self.areas}))

    def area(self, level: str, code: str, period: int) -> AreaStapeling:
        return self.areas[(level, code, period)]

    def level(self, level: str, period: int) -> list[AreaStapeling]:
        return sorted(
            (a for a in self.areas.values() if a.level == level and a.period == period),
            key=lambda a: a.code,
        )

    def changes(self) -> list[Change]:
        return changes(self)


def connect() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    return connection


# --- computing ----------------------------------------------------------------------------


def _mask_sql() -> str:
    """SQL for a person's groups as a 5-bit mask: bit *i* is set when group *i* is."""
    parts = []
    for bit, group in enumerate(GROUPS):
        any_flag = " OR ".join(f"coalesce({code}, false)" for code in group.flags)
        parts.append(f"(({any_flag})::UTINYINT << {bit})")
    return " | ".join(parts)


def histogram_sql(table: str = "persons") -> str:
    """Per period and wijk: persons and households per combination of groups.

    Built only from the flag and group codes of :mod:`.flags`; ``table`` is a name of our own.
    """
    return f"""
    WITH masked AS (
        SELECT period, gemeente_code, wijk_code, household_id, ({_mask_sql()}) AS mask
        FROM {table}
    ),
    households AS (
        SELECT period, gemeente_code, wijk_code, bit_or(mask) AS mask
        FROM masked
        GROUP BY period, gemeente_code, wijk_code, household_id
    )
    SELECT '{PERSONS}' AS unit, period, gemeente_code, wijk_code, mask, count(*) AS n
    FROM masked GROUP BY ALL
    UNION ALL
    SELECT '{HOUSEHOLDS}' AS unit, period, gemeente_code, wijk_code, mask, count(*) AS n
    FROM households GROUP BY ALL
    """  # noqa: S608


Histogram = list[tuple[str, int, str, str, int, int]]


def histograms(
    source: Path | str | duckdb.DuckDBPyRelation,
    connection: duckdb.DuckDBPyConnection | None = None,
) -> Histogram:
    """Rows (unit, period, gemeente, wijk, mask, count) of the persons in ``source``.

    ``source`` is a Parquet path (a glob is fine) or a relation with the columns period,
    gemeente_code, wijk_code, household_id and the twelve flags.
    """
    if isinstance(source, duckdb.DuckDBPyRelation):
        return source.query("persons", histogram_sql()).fetchall()
    own = connection is None
    if own:
        connection = connect()
    try:
        relation = connection.read_parquet(str(source))
        return relation.query("persons", histogram_sql()).fetchall()
    finally:
        if own:
            connection.close()


def compute(
    source: Path | str | duckdb.DuckDBPyRelation,
    connection: duckdb.DuckDBPyConnection | None = None,
) -> Stapeling:
    """Stapeling per wijk, gemeente and Nederland, for every period in ``source``."""
    return from_histograms(histograms(source, connection))


# For each of the 32 masks: its bucket (0, 1, 2, 3+) and the matrix cells (i·5 + j) it adds to.
_BUCKET = [min(mask.bit_count(), 3) for mask in range(MASKS)]
_CELLS = [
    [
        i * len(GROUPS) + j
        for i in range(len(GROUPS))
        for j in range(len(GROUPS))
        if mask >> i & mask >> j & 1
    ]
    for mask in range(MASKS)
]


def _counts(histogram: Mapping[int, int]) -> Counts:
    buckets = [0, 0, 0, 0]
    for mask, n in histogram.items():
        buckets[_BUCKET[mask]] += n
    return Counts(*buckets)


def _matrix(histogram: Mapping[int, int]) -> Matrix:
    size = len(GROUPS)
    cells = [0] * (size * size)
    for mask, n in histogram.items():
        for cell in _CELLS[mask]:
            cells[cell] += n
    return tuple(tuple(cells[i * size : (i + 1) * size]) for i in range(size))


def from_histograms(rows: Iterable[tuple[str, int, str, str, int, int]]) -> Stapeling:
    """Build the result for all levels from :func:`histograms` rows."""
    # (level, code, period) -> unit -> mask -> count
    sums: dict[tuple[str, str, int], dict[str, dict[int, int]]] = defaultdict(
        lambda: {PERSONS: defaultdict(int), HOUSEHOLDS: defaultdict(int)}
    )
    gemeente_of: dict[str, str] = {}
    for unit, period, gemeente, wijk, mask, n in rows:
        gemeente_of[wijk] = gemeente
        for key in ((WIJK, wijk, period), (GEMEENTE, gemeente, period)):
            sums[key][unit][mask] += n
        sums[(NEDERLAND, NEDERLAND_CODE, period)][unit][mask] += n
    areas = {}
    for (level, code, period), units in sums.items():
        areas[(level, code, period)] = AreaStapeling(
            level=level,
            code=code,
            period=period,
            gemeente_code=(
                gemeente_of[code] if level == WIJK else code if level == GEMEENTE else None
            ),
            persons=_counts(units[PERSONS]),
            households=_counts(units[HOUSEHOLDS]),
            cooccurrence=_matrix(units[PERSONS]),
            household_cooccurrence=_matrix(units[HOUSEHOLDS]),
        )
    return Stapeling(areas=dict(sorted(areas.items())))


def _points(new: Counts, old: Counts) -> tuple[float | None, ...]:
    return tuple(
        None if a is None or b is None else (a - b) * 100
        for a, b in zip(new.shares, old.shares, strict=True)
    )


def changes(result: Stapeling) -> list[Change]:
    """For every area: each period against the previous period that area has."""
    by_area: dict[tuple[str, str], list[AreaStapeling]] = defaultdict(list)
    for area in result.areas.values():
        by_area[(area.level, area.code)].append(area)
    out = []
    for (level, code), areas in sorted(by_area.items()):
        areas.sort(key=lambda a: a.period)
        for old, new in zip(areas, areas[1:], strict=False):
            out.append(
                Change(
                    level=level,
                    code=code,
                    from_period=old.period,
                    to_period=new.period,
                    persons=tuple(
                        a - b for a, b in zip(new.persons.values, old.persons.values, strict=True)
                    ),
                    persons_points=_points(new.persons, old.persons),
                    households=tuple(
                        a - b
                        for a, b in zip(new.households.values, old.households.values, strict=True)
                    ),
                    households_points=_points(new.households, old.households),
                )
            )
    return out
