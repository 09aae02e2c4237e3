"""Benchmark: recompute the maatschappelijke rekensom of 100,000 plans.

Run from the repository root (``make bench`` does this)::

    .venv/bin/python bench/bench_rekensom.py [--plans 100000] [--lines 20] [--years 3]

Only the pure engine (``doorbraak.rekensom.engine``) is timed; no database, no Django.
Each plan gets ``--lines`` cost lines (about half *zonder*, half *met doorbraak*) drawn with a
fixed seed from the shipped starter catalogue (its real amounts, units, payers and price
years), quantities 1–4, random first/last months within a monthly horizon of ``--years``,
probabilities 0.1–1. The CBS price index indexes every amount to the catalogue's price year.

It measures, in the same run:

1. **baseline**: the same 100,000 × 20 lines summed naively in plain ``Decimal`` (amount ×
   quantity × probability × months, no proration, index, rounding or per-payer totals), the
   least any exact computation has to do;
2. **engine, no discounting** (the default of a plan);
3. **engine, 3 % discount rate**, which rounds every month of every line separately.

and prints the seconds, plans per second and the ratio to the baseline. Goal: under 10 s for
100,000 plans on this machine, printed, never asserted. Appends a row to bench/RESULTS.md.
"""

import argparse
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from doorbraak.rekensom.engine import MONTH, Horizon, Item, Line, compute  # noqa: E402

DATA = ROOT / "src" / "doorbraak" / "rekensom" / "data"


def catalogue_items() -> tuple[list[Item], int, dict[int, Decimal]]:
    path = sorted(DATA.glob("kostenkengetallen-*.json"))[-1]
    raw = json.loads(path.read_text())
    cpi = json.loads((DATA / "cpi.json").read_text())
    index = {int(year): Decimal(value) for year, value in cpi["years"].items()}
    items = [
        Item(
            code=i["code"],
            amount=Decimal(i["amount"]),
            unit=i["unit"],
            price_year=i["price_year"],
            payer=i["payer"],
            uncertainty=Decimal(i["uncertainty"]),
        )
        for i in raw["items"]
    ]
    return items, raw["price_year"], index


def make_plans(count, lines, years, items, rng):
    periods = years * 12
    plans = []
    for _ in range(count):
        zonder, met = [], []
        for n in range(lines):
            first = rng.randint(1, periods)
            line = Line(
                item=rng.choice(items),
                quantity=Decimal(rng.randint(1, 4)),
                first_period=first,
                last_period=rng.randint(first, periods),
                probability=Decimal(rng.randint(1, 10)) / 10,
            )
            (zonder if n % 2 == 0 else met).append(line)
        plans.append((zonder, met))
    return plans


def baseline(plans) -> Decimal:
    total = Decimal(0)
    for zonder, met in plans:
        for line in zonder + met:
            months = line.last_period - line.first_period + 1
            total += line.item.amount * line.quantity * line.probability * months
    return total


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def run_engine(plans, horizon):
    net = Decimal(0)
    for zonder, met in plans:
        net += compute(zonder, met, horizon).net_benefit
    return net


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "host": platform.node() or "unknown",
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "commit": commit + (" (dirty)" if dirty else ""),
        "load": os.getloadavg()[0],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=20)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()

    items, price_year, index = catalogue_items()
    rng = random.Random(20261203)
    info = machine()
    print(f"Catalogue: {len(items)} items; price year {price_year}; load {info['load']:.1f}")
    build, plans = timed(make_plans, args.plans, args.lines, args.years, items, rng)
    print(f"Built {args.plans:,} plans × {args.lines} lines in {build:.1f} s (not timed below)")

    base_s, _ = timed(baseline, plans)
    plain = Horizon(years=args.years, granularity=MONTH, price_year=price_year, price_index=index)
    engine_s, net = timed(run_engine, plans, plain)
    discounted = Horizon(
        years=args.years,
        granularity=MONTH,
        discount_rate=Decimal("0.03"),
        price_year=price_year,
        price_index=index,
    )
    discount_s, _ = timed(run_engine, plans, discounted)

    rows = [
        ("baseline (naive Decimal sum)", base_s),
        ("engine, no discounting", engine_s),
        ("engine, 3 % discount", discount_s),
    ]
    print(f"{'':32} {'seconds':>8} {'plans/s':>10} {'× baseline':>11}")
    for label, seconds in rows:
        print(f"{label:32} {seconds:8.2f} {args.plans / seconds:10,.0f} {seconds / base_s:11.1f}")
    print(f"Sum of net benefits (a check figure): € {net:,.2f}")
    print(
        f"Goal: 100,000 plans under 10 s. No discounting: {engine_s:.1f} s; "
        f"3 % discount: {discount_s:.1f} s."
    )

    if not args.no_record:
        results = ROOT / "bench" / "RESULTS.md"
        text = results.read_text()
        header = "## Rekensom: recompute 100,000 plans"
        if header not in text:
            text += (
                f"\n{header}\n\n`bench/bench_rekensom.py`: the pure engine on plans of "
                "`--lines` lines drawn from the starter catalogue (monthly horizon, indexed to the "
                "catalogue's price year). *Baseline* is a naive Decimal sum of the same lines in "
                "the same run; the ratios are engine time / baseline time. Goal: under 10 s.\n\n"
                "| Date (UTC) | Machine | CPU | Cores | Python | Plans | Lines | Years | "
                "Baseline s | Engine s | × base | 3 % disc. s | × base | Load | Commit |\n"
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            )
        now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")
        row = (
            f"| {now} | {info['host']} | {info['cpu']} | {info['cores']} | {info['python']} | "
            f"{args.plans:,} | {args.lines} | {args.years} | {base_s:.2f} | {engine_s:.2f} | "
            f"{engine_s / base_s:.1f} | {discount_s:.2f} | {discount_s / base_s:.1f} | "
            f"{info['load']:.1f} | {info['commit']} |\n"
        )
        # The row goes right after the last table row of this section (before its findings).
        marker = text.index(header)
        end = text.find("\n## ", marker + len(header))
        section = text[marker : end if end != -1 else len(text)]
        last_row = section.rfind("\n|")
        insert_at = marker + section.index("\n", last_row + 1) + 1
        text = text[:insert_at] + row + text[insert_at:]
        results.write_text(text)
        print(f"Recorded in {results.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
