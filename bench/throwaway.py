"""Shared by the benchmarks: the throwaway PostgreSQL database some of them need
(bench_processing_log.py, bench_households.py, bench_signals.py) — creating, migrating and
dropping it —, ``manage.py`` runs (``manage``; bench_home_page.py too), the error they raise
(``BenchError``), the CPU model and commit every recorded row names, and adding a row to
bench/RESULTS.md (``append_row``). Imported by the scripts
as ``throwaway`` (they run with bench/ on the path); not a benchmark itself (``make bench``
runs ``bench_*.py``).
"""

import contextlib
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parents[1]
#: The settings the PostgreSQL benchmarks run Django with, and the maintenance database they
#: create their throwaway databases from (``--dsn``).
SETTINGS = "doorbraak.config.settings.local"
DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
RESULTS = REPO / "bench" / "RESULTS.md"
RESULTS_HEADER = """# Benchmarks

Figures of the scripts in `bench/`, one row per run; `make bench` runs all of them and appends
here. Compare rows from the same machine, not absolute numbers; there are no pass/fail
thresholds.
"""


class BenchError(RuntimeError):
    """A step of a benchmark failed; the message says which and why."""


def admin_connect(dsn: str):
    return psycopg.connect(dsn, autocommit=True, connect_timeout=10)


def create_database(dsn: str, name: str) -> None:
    with admin_connect(dsn) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            busy = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
            ).fetchone()[0]
            if busy:
                raise BenchError(
                    f"database {name} exists and has {busy} connection(s): is another run of "
                    "this benchmark busy? Use --database for a different name."
                )
            print(f"Dropping database {name} left over from an earlier run", flush=True)
            conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(dsn: str, name: str) -> None:
    with admin_connect(dsn) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def database_url(dsn: str, name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(dsn)
    user = info.get("user", "postgres")
    password = f":{info['password']}" if info.get("password") else ""
    host = info.get("host", "127.0.0.1")
    port = info.get("port", "5432")
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def manage(env: dict, *args: str, timeout: int = 600) -> str:
    """Run ``manage.py`` with ``args`` in ``env``; its output, or a BenchError with its end."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise BenchError(
            f"manage.py {args[0]} failed (exit {result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout


def migrate(env: dict) -> None:
    manage(env, "migrate", "--noinput", "-v", "0", timeout=900)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def git_commit() -> str:
    """The commit measured; "(dirty)" when src/ has changes that are not committed."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        )
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except OSError:
        return "?"
    commit = head.stdout.strip() or "?"
    return f"{commit} (dirty)" if status.stdout.strip() else commit


def append_row(section: str, columns: list[str], row: str, section_text: str = "") -> None:
    """Add ``row`` to the table of ``section`` (its heading line) in bench/RESULTS.md, after the
    table's last row (other sections may follow). A section that is not there yet is added at
    the end: ``section_text`` (the heading and what the script measures; the heading alone when
    empty), then a table with ``columns`` and the row."""
    table_head = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    text = RESULTS.read_text() if RESULTS.exists() else RESULTS_HEADER
    lines = text.splitlines()
    if section not in lines:
        lines += ["", *(section_text or section).rstrip("\n").splitlines(), "", *table_head, row]
    else:
        start = lines.index(section)
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        table_rows = [i for i in range(start + 1, end) if lines[i].startswith("|")]
        lines.insert(table_rows[-1] + 1 if table_rows else end, row)
    RESULTS.write_text("\n".join(lines).strip("\n") + "\n")


@contextlib.contextmanager
def django_on_throwaway_database(
    dsn: str, name: str, settings: str, *, keep: bool = False, extra_env: dict | None = None
):
    """A throwaway database ``name``, migrated, with Django set up on it in this process (the
    project's ``src`` on the path). Dropped at the end, also after an error or a SIGTERM (from
    make or CI), unless ``keep``. Yields the environment the database was migrated with (for
    subprocesses)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # runs the finally below
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": database_url(dsn, name),
        "PYTHONPATH": os.pathsep.join(
            [str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
        "PYTHONDONTWRITEBYTECODE": "1",
        "DOORBRAAK_LOG_LEVEL": "WARNING",  # no JSON line per processing-log write
        **(extra_env or {}),
    }
    create_database(dsn, name)
    try:
        print(f"Database {name}; migrating", flush=True)
        started = time.perf_counter()
        migrate(env)
        print(f"Migrated in {time.perf_counter() - started:.1f} s", flush=True)
        for key in (
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "DOORBRAAK_LOG_LEVEL",
            *(extra_env or {}),
        ):
            os.environ[key] = env[key]
        sys.path.insert(0, str(REPO / "src"))
        import django

        django.setup()
        yield env
    finally:
        if "django" in sys.modules:
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
        if keep:
            print(f"Kept database {name} ({env['DATABASE_URL']})")
        else:
            drop_database(dsn, name)
            print(f"Dropped database {name}")
