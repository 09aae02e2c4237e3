"""A hand-made population of eight persons in four households, with the sums written out.

WK000101 (GM0001)  household 1: person 1 bijstand + schuldhulp  -> arbeid, inkomen (2 groups)
                                person 2 jeugdhulp              -> jeugd (1)
                                person 3 nothing                -> 0
                   household 2: person 4 nothing (bijstand in 2025)
WK000102 (GM0001)  household 3: person 5 wmo + ggz              -> welzijn (1: one group twice)
                                person 6 werkloos_ww, toeslagen, voortijdig_schoolverlater,
                                jeugdbescherming                -> arbeid, inkomen, onderwijs,
                                                                   jeugd (4, so 3+)
WK000201 (GM0002)  household 4: persons 7 and 8 laag_inkomen    -> inkomen (1 each)
"""

from pathlib import Path

import duckdb

from doorbraak.monitor.stapeling.flags import FLAG_CODES

WIJKEN = {"WK000101": "GM0001", "WK000102": "GM0001", "WK000201": "GM0002"}
PERSONS = [
    # person, household, wijk, flags
    (1, 1, "WK000101", {"bijstand", "schuldhulp"}),
    (2, 1, "WK000101", {"jeugdhulp"}),
    (3, 1, "WK000101", set()),
    (4, 2, "WK000101", set()),
    (5, 3, "WK000102", {"wmo", "ggz"}),
    (
        6,
        3,
        "WK000102",
        {"werkloos_ww", "toeslagen", "voortijdig_schoolverlater", "jeugdbescherming"},
    ),
    (7, 4, "WK000201", {"laag_inkomen"}),
    (8, 4, "WK000201", {"laag_inkomen"}),
]


def rows(periods=(2024,)):
    out = []
    for period in periods:
        for person, household, wijk, flags in PERSONS:
            flags = set(flags)
            if period == 2025 and person == 4:
                flags.add("bijstand")
            out.append(
                (person, household, WIJKEN[wijk], wijk, period, *(c in flags for c in FLAG_CODES))
            )
    return out


def relation(connection: duckdb.DuckDBPyConnection, periods=(2024,)) -> duckdb.DuckDBPyRelation:
    columns = ["person_id", "household_id", "gemeente_code", "wijk_code", "period", *FLAG_CODES]
    values = ", ".join(
        "(" + ", ".join(repr(v) if isinstance(v, str) else str(v) for v in row) + ")"
        for row in rows(periods)
    )
    sql = f"SELECT * FROM (VALUES {values}) t({', '.join(columns)})"  # noqa: S608 (test data)
    return connection.sql(sql)


def parquet(directory: Path, periods=(2024,)) -> Path:
    path = directory / "tiny.parquet"
    connection = duckdb.connect()
    relation(connection, periods).write_parquet(str(path))
    connection.close()
    return path
