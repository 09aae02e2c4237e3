"""The same stapeling in plain pandas: the baseline of the benchmark and a cross-check in tests.

Written the way an analyst would (vectorised, no row loops): a boolean column per group, the
number of groups per person, a groupby per wijk for persons, a groupby per household for
households, and one boolean product per pair of groups for the co-occurrence. Gemeente and
Nederland are sums of their wijken. It returns the engine's own :class:`Stapeling`, so the two
can be compared field by field.

pandas is a test dependency, not a runtime one: only tests and ``bench/`` import this module.
pandas reads Parquet only through pyarrow or fastparquet, which the project does not install,
so :func:`read_persons` lets DuckDB read the file into a DataFrame.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pandas as pd

from .engine import (
    GEMEENTE,
    NEDERLAND,
    NEDERLAND_CODE,
    WIJK,
    AreaStapeling,
    Counts,
    Stapeling,
    connect,
)
from .flags import FLAG_CODES, GROUPS

KEYS = ["period", "gemeente_code", "wijk_code"]
COLUMNS = [*KEYS, "household_id", *FLAG_CODES]
GROUP_CODES = [group.code for group in GROUPS]
PAIRS = list(product(range(len(GROUPS)), repeat=2))


def read_persons(path: Path | str, limit: int | None = None) -> pd.DataFrame:
    """Only the needed columns; wijk and gemeente as categoricals, as pandas users would."""
    connection = connect()
    try:
        # Column names are this module's constants; the path goes in as a parameter.
        sql = f"SELECT {', '.join(COLUMNS)} FROM read_parquet(?)"  # noqa: S608
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        frame = connection.execute(sql, [str(path)]).df()
    finally:
        connection.close()
    for column in ("gemeente_code", "wijk_code"):
        frame[column] = frame[column].astype("category")
    for code in FLAG_CODES:
        frame[code] = frame[code].fillna(False).astype(bool)
    return frame


def _buckets(groups: pd.DataFrame, by) -> pd.DataFrame:
    number = groups.sum(axis=1).clip(upper=3)
    table = number.groupby(by, observed=True).value_counts().unstack(fill_value=0)
    return table.reindex(columns=[0, 1, 2, 3], fill_value=0)


def _pairs(groups: pd.DataFrame, by) -> pd.DataFrame:
    both = pd.DataFrame(
        {f"{i}_{j}": groups[GROUP_CODES[i]] & groups[GROUP_CODES[j]] for i, j in PAIRS}
    )
    return both.groupby(by, observed=True).sum()


def per_wijk(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (period, gemeente, wijk): person and household buckets and pair counts."""
    groups = pd.DataFrame({g.code: frame[list(g.flags)].any(axis=1) for g in GROUPS})
    by = [frame[key] for key in KEYS]
    persons = _buckets(groups, by).add_prefix("p")
    person_pairs = _pairs(groups, by).add_prefix("pc")

    households = groups.groupby([*by, frame["household_id"]], observed=True).any()
    hby = [households.index.get_level_values(key) for key in KEYS]
    household_buckets = _buckets(households, hby).add_prefix("h")
    household_pairs = _pairs(households, hby).add_prefix("hc")
    return pd.concat([persons, household_buckets, person_pairs, household_pairs], axis=1)


def _area(level, code, period, gemeente, row) -> AreaStapeling:
    size = len(GROUPS)

    def matrix(prefix):
        return tuple(tuple(int(row[f"{prefix}{i}_{j}"]) for j in range(size)) for i in range(size))

    return AreaStapeling(
        level=level,
        code=code,
        period=int(period),
        gemeente_code=gemeente,
        persons=Counts(*(int(row[f"p{n}"]) for n in range(4))),
        households=Counts(*(int(row[f"h{n}"]) for n in range(4))),
        cooccurrence=matrix("pc"),
        household_cooccurrence=matrix("hc"),
    )


def compute(frame: pd.DataFrame) -> Stapeling:
    wijken = per_wijk(frame)
    gemeenten = wijken.groupby(level=["period", "gemeente_code"], observed=True).sum()
    nederland = wijken.groupby(level="period").sum()
    areas = {}
    for (period, gemeente, wijk), row in wijken.iterrows():
        areas[(WIJK, wijk, int(period))] = _area(WIJK, wijk, period, gemeente, row)
    for (period, gemeente), row in gemeenten.iterrows():
        areas[(GEMEENTE, gemeente, int(period))] = _area(GEMEENTE, gemeente, period, gemeente, row)
    for period, row in nederland.iterrows():
        key = (NEDERLAND, NEDERLAND_CODE, int(period))
        areas[key] = _area(NEDERLAND, NEDERLAND_CODE, period, None, row)
    return Stapeling(areas=dict(sorted(areas.items())))
