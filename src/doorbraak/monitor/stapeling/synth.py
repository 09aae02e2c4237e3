"""A synthetic, pseudonymised person-level population for the stapeling demo and benchmark.

The microdata behind CBS's stapeling figures are not public (domain.md §8), so the demo and the
benchmark run on made-up persons. Every page that shows them says "synthetische gegevens".

How the population is made (all inside DuckDB, straight into one Parquet file):

- **Residents.** Each wijk gets its share of ``persons`` by the largest-remainder method over
  the real residents of 1 January 2024 (``data/wijk_inwoners_2024.csv``, CBS 85984NED, sum
  17,942,715). With ``persons`` equal to that sum every wijk has exactly its residents.
- **Households.** Persons of a wijk are laid out in blocks of 210 persons that form 100
  households (39 of one person, 33 of two, 12 of three, 11 of four, 5 of five: about the Dutch
  mix, 2.1 persons per household). Each block takes one of 16 shuffled layouts, chosen by hash.
  The third and later members of a household of three or more are *children*; the others
  *adults*. The last household of a wijk may be cut short.
- **Vulnerability.** Every household has a latent score ``z = wijk effect + household effect``
  (normal; the wijk effect has standard deviation 0.4, the household effect 1), so problems
  pile up in the same households and some wijken have more of them than others.
- **Flags.** A person has flag *f* with probability ``logistic(a + b·z)``: the loading *b* is
  the flag's dependence on vulnerability, and the intercept *a* is solved so that the expected
  share over the population equals the flag's target prevalence for the person's role (orders
  of magnitude of published CBS figures, not real rates). *Laag inkomen* is a household flag:
  all members share it.
- **Periods.** With several periods the same persons recur; the household effect mixes a
  lasting part and a part per period (correlation 0.8), and each wijk drifts by a small trend.
- **Determinism.** Random numbers come from DuckDB's ``hash()`` of the seed and the row keys,
  never from ``random()``, so the same seed, persons and periods give the same rows on any
  number of threads (with the same DuckDB version: its hash function is not a stable format).

Columns: ``person_id``, ``household_id`` (BIGINT pseudonyms; a household's id is the person id
of its first member), ``gemeente_code``, ``wijk_code``, ``period`` (INTEGER year) and the twelve
flags of :mod:`.flags` as BOOLEAN.

Run ``python -m doorbraak.monitor.stapeling.synth --persons 18000000 --out persons.parquet``.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .flags import FLAG_CODES

DATA = Path(__file__).resolve().parent / "data"
WIJK_FILE = DATA / "wijk_inwoners_2024.csv"
DEFAULT_SEED = 2024
DEFAULT_PERIODS = (2024,)

# Households per block of 210 persons, by size: about the Dutch mix (CBS: 39 % of households
# are one person, 2.1 persons per household on average).
HOUSEHOLD_MIX = {1: 39, 2: 33, 3: 12, 4: 11, 5: 5}
BLOCK = sum(size * count for size, count in HOUSEHOLD_MIX.items())  # 210 persons
LAYOUTS = 16

WIJK_SD = 0.4  # spread of the wijk effect on the latent vulnerability
TREND_SD = 0.05  # spread of a wijk's drift per year, with several periods
PERSISTENCE = 0.8  # correlation of a household's effect between periods

HOUSEHOLD_FLAGS = ("laag_inkomen",)

# Target share of persons with the flag, by role (adults, children), and the flag's loading on
# the latent vulnerability. Illustrative orders of magnitude of published CBS figures for the
# whole population; children are the third and later members of larger households.
TARGETS: dict[str, tuple[float, float, float]] = {
    #                        adult   child   loading
    "werkloos_ww": (0.025, 0.003, 1.0),
    "bijstand": (0.035, 0.0, 1.3),
    "toeslagen": (0.20, 0.0, 0.8),
    "schuldhulp": (0.015, 0.0, 1.2),
    "laag_inkomen": (0.07, 0.07, 1.2),  # a household flag: share of households
    "wmo": (0.09, 0.01, 0.6),
    "ggz": (0.07, 0.05, 0.7),
    "zvw_wanbetaler": (0.012, 0.0, 1.2),
    "voortijdig_schoolverlater": (0.002, 0.015, 1.0),
    "geen_startkwalificatie": (0.01, 0.03, 0.9),
    "jeugdhulp": (0.0, 0.10, 0.8),
    "jeugdbescherming": (0.0, 0.01, 1.3),
}
assert tuple(TARGETS) == FLAG_CODES


@dataclass(frozen=True)
class Wijk:
    code: str
    gemeente_code: str
    inwoners: int


@dataclass(frozen=True)
class Summary:
    path: Path
    persons: int
    periods: tuple[int, ...]
    rows: int
    seconds: float


def load_wijken(path: Path = WIJK_FILE) -> list[Wijk]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Wijk(row["wijk_code"], row["gemeente_code"], int(row["inwoners"]))
            for row in csv.DictReader(handle)
        ]


def apportion(wijken: Sequence[Wijk], persons: int) -> list[int]:
    """Split ``persons`` over the wijken in proportion to their residents (largest remainder).

    Every count is the exact quota rounded down or up, and the counts add up to ``persons``.
    Ties in the remainder go to the wijk that comes first.
    """
    total = sum(w.inwoners for w in wijken)
    if total <= 0:
        raise ValueError("the wijken have no residents")
    quotas = [divmod(w.inwoners * persons, total) for w in wijken]
    counts = [whole for whole, _ in quotas]
    left = persons - sum(counts)
    by_remainder = sorted(range(len(wijken)), key=lambda i: -quotas[i][1])
    for i in by_remainder[:left]:
        counts[i] += 1
    return counts


def _layouts(seed: int) -> list[tuple[int, int, int, int, bool]]:
    """Rows (layout, offset, member, size, child) of 16 shuffled blocks of 210 persons."""
    rng = random.Random(seed)
    sizes = [size for size, count in HOUSEHOLD_MIX.items() for _ in range(count)]
    rows = []
    for layout in range(LAYOUTS):
        rng.shuffle(sizes)
        offset = 0
        for size in sizes:
            for member in range(size):
                rows.append((layout, offset, member, size, member >= 2))
                offset += 1
    return rows


def _expected_share(intercept: float, loading: float, sd: float) -> float:
    """E[logistic(a + b·z)] for z ~ N(0, sd²), by the midpoint rule over ±8 sd."""
    steps = 400
    width = 16 * sd / steps
    normal = statistics.NormalDist(0, sd)
    total = 0.0
    for k in range(steps):
        z = -8 * sd + (k + 0.5) * width
        total += normal.pdf(z) * width / (1 + math.exp(-(intercept + loading * z)))
    return total


def intercept(target: float, loading: float, sd: float = math.hypot(WIJK_SD, 1)) -> float:
    """The intercept that makes the expected share of a flag equal ``target`` (bisection)."""
    low, high = -30.0, 30.0
    for _ in range(60):
        middle = (low + high) / 2
        if _expected_share(middle, loading, sd) < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _uniform(key: str, index: int) -> str:
    """SQL for the ``index``-th of three 21-bit uniforms in (0, 1) taken from one hash."""
    return f"((({key} >> {21 * index}) & 2097151) + 0.5) / 2097152.0"


def _normal(key: str) -> str:
    """SQL for a standard normal draw from one 64-bit hash (Box-Muller on its two halves)."""
    u1 = f"((({key}) >> 32) + 0.5) / 4294967296.0"
    u2 = f"((({key}) & 4294967295) + 0.5) / 4294967296.0"
    return f"sqrt(-2 * ln({u1})) * cos(2 * pi() * {u2})"


def _flag_sql(code: str, uniform: str) -> str:
    adult, child, loading = TARGETS[code]
    parts = []
    for share, role in ((adult, "NOT child"), (child, "child")):
        if share > 0:
            a = intercept(share, loading)
            probability = f"1 / (1 + exp(-({a!r} + {loading!r} * z)))"
            parts.append(f"({role} AND {uniform} < {probability})")
    return f"({' OR '.join(parts) or 'false'}) AS {code}"


def population_sql(seed: int, periods: Sequence[int]) -> str:
    """The SELECT that makes the population from the tables ``wijken``, ``layouts``, ``periods``.

    Built only from numbers and the flag codes of :mod:`.flags`.
    """
    last = max(periods)
    lasting = _normal(f"hash({seed}, 1, household_id)")
    if len(periods) > 1:
        shock = _normal(f"hash({seed}, 2, household_id, period)")
        household = (
            f"{math.sqrt(PERSISTENCE)!r} * {lasting} + {math.sqrt(1 - PERSISTENCE)!r} * {shock}"
        )
    else:
        household = lasting
    person_keys = [f"hash({seed}, {3 + j}, period, person_id)" for j in range(4)]
    flags = []
    person_flags = [code for code in FLAG_CODES if code not in HOUSEHOLD_FLAGS]
    for n, code in enumerate(person_flags):
        flags.append(_flag_sql(code, _uniform(person_keys[n // 3], n % 3)))
    for code in HOUSEHOLD_FLAGS:
        adult, _, loading = TARGETS[code]
        a = intercept(adult, loading)
        uniform = _uniform(f"hash({seed}, 7, period, household_id)", 0)
        flags.append(f"({uniform} < 1 / (1 + exp(-({a!r} + {loading!r} * z)))) AS {code}")
    by_code = {sql.rsplit(" AS ", 1)[1]: sql for sql in flags}
    flag_columns = ",\n        ".join(by_code[code] for code in FLAG_CODES)
    return f"""
    WITH person AS (
        SELECT
            w.first_person + r.i AS person_id,
            w.first_person + r.i - l.member AS household_id,
            w.gemeente_code,
            w.wijk_code,
            p.period,
            l.child,
            w.effect + w.trend * (p.period - {last}) AS wijk_effect
        FROM periods p CROSS JOIN wijken w CROSS JOIN range(w.persons) r(i)
        JOIN layouts l
          ON l.layout = hash({seed}, 0, w.wijk_index, r.i // {BLOCK}) % {LAYOUTS}
         AND l.slot = r.i % {BLOCK}
    ),
    latent AS (
        SELECT *, wijk_effect + {household} AS z FROM person
    )
    SELECT person_id, household_id, gemeente_code, wijk_code, period,
        {flag_columns}
    FROM latent
    """  # noqa: S608


def prepare(
    connection: duckdb.DuckDBPyConnection,
    persons: int,
    *,
    seed: int = DEFAULT_SEED,
    periods: Sequence[int] = DEFAULT_PERIODS,
    wijken: Sequence[Wijk] | None = None,
) -> str:
    """Create the small input tables in ``connection`` and return the population's SELECT."""
    wijken = list(wijken) if wijken is not None else load_wijken()
    counts = apportion(wijken, persons)
    rng = random.Random(seed)
    rows, first = [], 0
    for index, (wijk, count) in enumerate(zip(wijken, counts, strict=True)):
        effect, trend = rng.gauss(0, WIJK_SD), rng.gauss(0, TREND_SD)
        if count:
            rows.append((index, wijk.code, wijk.gemeente_code, count, first, effect, trend))
        first += count
    _table(
        connection,
        "wijken",
        ("wijk_index", "wijk_code", "gemeente_code", "persons", "first_person", "effect", "trend"),
        ("INTEGER", "VARCHAR", "VARCHAR", "BIGINT", "BIGINT", "DOUBLE", "DOUBLE"),
        rows,
    )
    _table(
        connection,
        "layouts",
        ("layout", "slot", "member", "size", "child"),
        ("UBIGINT", "BIGINT", "BIGINT", "INTEGER", "BOOLEAN"),
        _layouts(seed),
    )
    _table(connection, "periods", ("period",), ("INTEGER",), [(p,) for p in sorted(set(periods))])
    return population_sql(seed, sorted(set(periods)))


def generate(
    out: Path | str,
    persons: int | None = None,
    *,
    seed: int = DEFAULT_SEED,
    periods: Sequence[int] = DEFAULT_PERIODS,
    wijken: Sequence[Wijk] | None = None,
    threads: int | None = None,
) -> Summary:
    """Write a synthetic population of ``persons`` per period to the Parquet file ``out``.

    ``persons`` defaults to the residents of all wijken. DuckDB streams the rows to the file in
    row groups, so memory stays small whatever the size.
    """
    wijken = list(wijken) if wijken is not None else load_wijken()
    if persons is None:
        persons = sum(w.inwoners for w in wijken)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    connection = duckdb.connect()
    try:
        if threads:
            connection.execute(f"SET threads = {int(threads)}")
        sql = prepare(connection, persons, seed=seed, periods=periods, wijken=wijken)
        partial = out.with_name(out.name + ".partial")
        connection.execute(
            f"COPY ({sql}) TO '{_quote(partial)}' (FORMAT parquet, COMPRESSION zstd)"
        )
        partial.replace(out)
    finally:
        connection.close()
    return Summary(
        path=out,
        persons=persons,
        periods=tuple(sorted(set(periods))),
        rows=persons * len(set(periods)),
        seconds=time.perf_counter() - start,
    )


def _table(connection, name, columns, types, rows) -> None:
    """Create a temporary table from Python rows in one statement (one list per column)."""
    lists = [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * len(columns)
    select = ", ".join(
        f"unnest(?::{kind}[]) AS {column}" for column, kind in zip(columns, types, strict=True)
    )
    connection.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {select}", lists)


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Write a synthetic person-level population (synthetische gegevens) "
        "calibrated to the CBS residents per wijk of 2024 to a Parquet file."
    )
    parser.add_argument(
        "--persons",
        type=int,
        default=None,
        help="persons per period (default: all 17,942,715 residents of the wijken)",
    )
    parser.add_argument("--out", type=Path, required=True, help="the Parquet file to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--periods",
        type=int,
        nargs="+",
        default=list(DEFAULT_PERIODS),
        help="years, e.g. 2023 2024",
    )
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all)")
    args = parser.parse_args(argv)
    summary = generate(
        args.out, args.persons, seed=args.seed, periods=args.periods, threads=args.threads
    )
    print(
        f"Wrote {summary.rows:,} rows ({summary.persons:,} persons × {len(summary.periods)} "
        f"period(s)) to {summary.path} in {summary.seconds:.1f} s. Synthetische gegevens."
    )


if __name__ == "__main__":
    main()
