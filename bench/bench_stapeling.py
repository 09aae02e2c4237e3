"""Benchmark: stapeling per wijk over 18,000,000 synthetic persons with 12 flags.

Run from the repository root (``make bench`` does this)::

    .venv/bin/python bench/bench_stapeling.py [--persons 18000000] [--pandas-persons N]

The population is synthetic (``doorbraak.monitor.stapeling.synth``): persons spread over the
3,393 wijken of 2024 in proportion to their real CBS residents, in households, with twelve
correlated flags. It is written once to ``bench/out/`` (git-ignored) and reused by later runs
with the same ``--persons`` and ``--seed``; ``--regenerate`` writes it anew.

It measures, in the same run and on the same file:

1. **DuckDB engine** (``doorbraak.monitor.stapeling.engine.compute``): from the Parquet file to
   the result for every wijk, gemeente and Nederland — persons and households with 0, 1, 2 and
   3+ groups and the co-occurrence matrices. Run ``--repeat`` times; the median counts.
2. **pandas baseline** (``baseline_pandas.compute``): the same numbers computed the
   straightforward vectorised pandas way. pandas cannot read Parquet here (no pyarrow or
   fastparquet), so DuckDB loads the needed columns into a DataFrame first; that load is timed
   and printed apart and *not* counted, which flatters pandas. When the DataFrame would not fit
   in memory (or ``--pandas-persons`` is smaller), pandas runs on the first rows only and its
   time is extrapolated linearly to all persons, and the output says so.

Prints seconds, rows per second and the ratio pandas / DuckDB; when pandas saw every row it
also checks that both give identical numbers. Goal: DuckDB at most 15 s and at least 5× faster
than pandas; printed, never asserted. Appends a row to bench/RESULTS.md.
"""

import argparse
import datetime
import statistics
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import duckdb  # noqa: E402
import pandas  # noqa: E402
from bench_rekensom import machine  # noqa: E402

from doorbraak.monitor.stapeling import baseline_pandas, engine, synth  # noqa: E402
from doorbraak.monitor.stapeling.engine import NEDERLAND  # noqa: E402

OUT = ROOT / "bench" / "out"
# Peak memory of the pandas baseline per row, measured: ~5 GB for 18,000,000 rows.
PANDAS_BYTES_PER_ROW = 300


def available_memory() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - start, value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=18_000_000)
    parser.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
    parser.add_argument(
        "--pandas-persons",
        type=int,
        default=None,
        help="rows for pandas (default: all that fit in 80 %% of the available memory)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of the DuckDB engine")
    parser.add_argument("--regenerate", action="store_true", help="write the population anew")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()

    info = machine()
    path = OUT / f"stapeling_{args.persons}_seed{args.seed}.parquet"
    if path.exists() and not args.regenerate:
        generate_s = None
        print(f"Reusing {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:,.0f} MB)")
    else:
        generate_s, _ = timed(synth.generate, path, args.persons, seed=args.seed)
        print(
            f"Generated {args.persons:,} synthetic persons into {path.relative_to(ROOT)} "
            f"({path.stat().st_size / 1e6:,.0f} MB) in {generate_s:.1f} s (not timed below)"
        )
    print(
        f"DuckDB {duckdb.__version__}, pandas {pandas.__version__}, {info['cores']} cores, "
        f"load {info['load']:.1f}"
    )

    runs = []
    for _ in range(args.repeat):
        seconds, result = timed(engine.compute, path)
        runs.append(seconds)
    engine_s = statistics.median(runs)
    nederland = result.area(NEDERLAND, "NL", max(result.periods))
    persons, households = nederland.persons.total, nederland.households.total
    wijken = len(result.level(engine.WIJK, max(result.periods)))
    print(
        f"DuckDB runs: {', '.join(f'{s:.2f}' for s in runs)} s "
        f"({persons:,} persons, {households:,} households, {wijken:,} wijken)"
    )

    limit = args.pandas_persons
    memory = available_memory()
    if limit is None and memory is not None:
        limit = int(memory * 0.8 / PANDAS_BYTES_PER_ROW)
    rows = min(args.persons, limit) if limit else args.persons
    load_s, frame = timed(
        baseline_pandas.read_persons, path, None if rows >= args.persons else rows
    )
    print(
        f"pandas: {rows:,} rows loaded by DuckDB into a DataFrame in {load_s:.1f} s (not counted)"
    )
    pandas_measured_s, pandas_result = timed(baseline_pandas.compute, frame)
    del frame
    extrapolated = rows < args.persons
    pandas_s = pandas_measured_s * args.persons / rows
    if extrapolated:
        print(
            f"pandas ran on {rows:,} of {args.persons:,} rows ({pandas_measured_s:.1f} s); "
            f"its time for all rows is EXTRAPOLATED linearly: {pandas_s:.1f} s"
        )
        identical = None
    else:
        identical = pandas_result.areas == result.areas
        print(f"Identical numbers from DuckDB and pandas: {'yes' if identical else 'NO'}")

    ratio = pandas_s / engine_s
    print(f"{'':28} {'seconds':>8} {'rows/s':>12} {'× DuckDB':>9}")
    print(
        f"{'DuckDB engine (median)':28} {engine_s:8.2f} {args.persons / engine_s:12,.0f} {1:9.1f}"
    )
    label = "pandas (extrapolated)" if extrapolated else "pandas baseline"
    print(f"{label:28} {pandas_s:8.2f} {args.persons / pandas_s:12,.0f} {ratio:9.1f}")
    print(
        f"Check figures, Nederland: {nederland.persons.stapeling / persons:.2%} of persons and "
        f"{nederland.households.stapeling / households:.2%} of households with 2+ groups "
        "(synthetische gegevens)"
    )
    print(
        f"Goal: DuckDB at most 15 s and at least 5× faster than pandas. "
        f"DuckDB {engine_s:.1f} s; {ratio:.1f}× faster."
    )

    if not args.no_record:
        results = ROOT / "bench" / "RESULTS.md"
        text = results.read_text()
        header = "## Stapeling per wijk over 18,000,000 synthetic persons (bench_stapeling.py)"
        if header not in text:
            explanation = textwrap.fill(
                "What it measures: the stapeling of issue 7 — per wijk, gemeente and Nederland "
                "the persons and households with 0, 1, 2 and 3+ of CBS's five groups and the "
                "co-occurrence matrices — over a synthetic population (`--persons`, default "
                "18,000,000, spread over the 3,393 wijken of 2024 in proportion to their CBS "
                "residents, ~2.1 persons per household, 12 correlated flags; generated once into "
                "`bench/out/`). *DuckDB s* is the median of `--repeat` runs of "
                "`doorbraak.monitor.stapeling.engine.compute` from the Parquet file to the "
                "result. *pandas s* is the straightforward vectorised pandas implementation "
                "(`baseline_pandas.py`) in the same run on the same rows, without the time to "
                "load them (DuckDB loads them into a DataFrame: *pandas load s*, not counted, "
                "since pandas has no Parquet reader here); when pandas ran on fewer rows "
                "(*pandas rows*) its time is extrapolated linearly and marked *(extr.)*. "
                "*×* is pandas s / DuckDB s; *Same* says whether both gave identical numbers; "
                "*Load* is the 1-minute load average when the run began. Goal: DuckDB at most "
                "15 s and at least 5× faster than pandas; printed, not asserted.",
                width=96,
                break_on_hyphens=False,
            )
            text = text.rstrip("\n") + (
                f"\n\n{header}\n\n{explanation}\n\n"
                "| Date (UTC) | Machine | CPU | Cores | Python | DuckDB | pandas | Persons | "
                "Households | DuckDB s | Rows/s | pandas rows | pandas load s | pandas s | × | "
                "Same | Load | Commit |\n"
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            )
        now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")
        same = "–" if identical is None else ("yes" if identical else "NO")
        pandas_cell = f"{pandas_s:.2f}" + (" (extr.)" if extrapolated else "")
        row = (
            f"| {now} | {info['host']} | {info['cpu']} | {info['cores']} | {info['python']} | "
            f"{duckdb.__version__} | {pandas.__version__} | {args.persons:,} | {households:,} | "
            f"{engine_s:.2f} | {args.persons / engine_s:,.0f} | {rows:,} | {load_s:.1f} | "
            f"{pandas_cell} | {ratio:.1f} | {same} | {info['load']:.1f} | {info['commit']} |\n"
        )
        # The row goes right after the last row of this section's table, so a findings
        # paragraph below the table stays below it.
        start = text.index(header)
        end = text.find("\n## ", start + len(header))
        section = text[start:] if end == -1 else text[start:end]
        lines = section.split("\n")
        last = max(i for i, line in enumerate(lines) if line.startswith("|"))
        lines.insert(last + 1, row.rstrip("\n"))
        section = "\n".join(lines)
        text = text[:start] + section + ("" if end == -1 else text[end:])
        if not text.endswith("\n"):
            text += "\n"
        results.write_text(text)
        print(f"Recorded in {results.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
