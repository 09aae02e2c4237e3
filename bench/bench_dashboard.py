"""Benchmark: server time of the public dashboard pages (p50/p95), against the login page.

Run from the repository root (``make bench`` does this)::

    .venv/bin/python bench/bench_dashboard.py [--repeat 100] [--gemeente GM0599]

What it does: creates a throwaway SQLite database in ``bench/out/`` (or uses ``--database-url``,
e.g. a PostgreSQL database that may be dropped), migrates it, loads the 342 gemeenten and the
dashboard data (``load_monitor_data``: ~200,000 values), and then times in this process, through
Django's test ``Client`` after a warm-up, ``--repeat`` requests each of:

- **baseline**: ``GET /inloggen/`` (the public login page: a template and a form, no figures);
- **Nederland**: ``GET /dashboard/``;
- **gemeente**: ``GET /dashboard/gemeente/<code>/`` (key figures, COVID-19 charts and monthly
  table, the choropleth of 342 gemeenten with its table);
- **gebied**: ``GET /dashboard/gebied/rotterdam-zuid/`` (when that area exists).

It prints p50/p95 in ms, the number of queries, and the ratio of each p95 to the baseline's p95
measured in the same run, and appends a row to bench/RESULTS.md. Goal: a gemeente page under
100 ms (p95); printed, never asserted.
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "bench" / "out"


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_page(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm-up: caches, compiled templates, the map paths
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), percentile(timings, 0.95), len(queries)


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
    return {
        "host": platform.node() or "unknown",
        "cpu": cpu,
        "cores": os.cpu_count(),
        "commit": commit,
        "load": os.getloadavg()[0],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--gemeente", default="GM0599")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "bench_dashboard.sqlite3"
    if args.database_url is None and database.exists():
        database.unlink()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.config.settings.local")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("import_gemeenten", verbosity=0)
    call_command("load_monitor_data", verbosity=0)
    engine = settings.DATABASES["default"]["ENGINE"]
    print(f"Database ready in {time.perf_counter() - start:.1f} s ({engine})")

    from doorbraak.monitor.models import Area

    client = Client()
    pages = [
        ("baseline: /inloggen/", "/inloggen/"),
        ("Nederland", "/dashboard/"),
        (f"gemeente {args.gemeente}", f"/dashboard/gemeente/{args.gemeente}/"),
    ]
    if Area.objects.filter(slug="rotterdam-zuid").exists():
        pages.append(("gebied rotterdam-zuid", "/dashboard/gebied/rotterdam-zuid/"))
    info = machine()
    results = []
    for label, url in pages:
        p50, p95, queries = time_page(client, url, args.repeat)
        results.append((label, p50, p95, queries))
    base_p95 = results[0][2]
    print(f"{'page':28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'p95 × base':>11}")
    for label, p50, p95, queries in results:
        print(f"{label:28} {p50:8.1f} {p95:8.1f} {queries:8d} {p95 / base_p95:11.1f}")
    gemeente_p95 = results[2][2]
    print(f"Goal: a gemeente page under 100 ms (p95). Measured: {gemeente_p95:.1f} ms.")

    if not args.no_record:
        results_file = ROOT / "bench" / "RESULTS.md"
        text = results_file.read_text()
        header = "## Dashboard: server time of the public pages"
        if header not in text:
            text = text.rstrip("\n") + (
                f"\n\n{header}\n\n`bench/bench_dashboard.py`: Django test client in one process "
                "(no network, no gunicorn), after a warm-up; the baseline is the public login page "
                "in the same run. Goal: a gemeente page under 100 ms (p95).\n\n"
                "| Date (UTC) | Machine | CPU | Cores | Database | Repeat | Baseline p95 | "
                "Nederland p50/p95 | Gemeente p50/p95 | × base | Gebied p95 | Queries (gemeente) "
                "| Load | Commit |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            )
        now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")
        engine = engine.rsplit(".", 1)[-1]
        area = f"{results[3][2]:.1f}" if len(results) > 3 else "—"
        row = (
            f"| {now} | {info['host']} | {info['cpu']} | {info['cores']} | {engine} | "
            f"{args.repeat} | {base_p95:.1f} | {results[1][1]:.1f} / {results[1][2]:.1f} | "
            f"{results[2][1]:.1f} / {gemeente_p95:.1f} | {gemeente_p95 / base_p95:.1f} | "
            f"{area} | {results[2][3]} | {info['load']:.1f} | {info['commit']} |\n"
        )
        marker = text.index(header)
        end = text.find("\n## ", marker + len(header))
        section = text[marker : end if end != -1 else len(text)]
        last_row = section.rfind("\n|")
        newline = section.find("\n", last_row + 1)
        insert_at = marker + (newline + 1 if newline != -1 else len(section))
        if newline == -1:
            row = "\n" + row
        text = text[:insert_at] + row + text[insert_at:]
        results_file.write_text(text)
        print(f"Recorded in {results_file.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
