"""Benchmark: the privacy officer's processing-log page at volume, on PostgreSQL.

Run from the repository root (``make bench`` does this)::

    .venv/bin/python bench/bench_processing_log.py [--rows 2000000] [--repeat 30]

What it does:

1. Creates a throwaway PostgreSQL database (default ``doorbraak_bench_log`` on
   127.0.0.1:5432 as user ``postgres``; see ``--dsn``), migrates it with ``manage.py migrate``
   (settings ``doorbraak.config.settings.local``), and creates 20 active municipalities, a
   privacy officer of the first one (with a confirmed TOTP device) and the seeded processing
   activity ``verwerkingenlog-inzien``.
2. Fills the processing log with one ``INSERT ... SELECT FROM generate_series``: N rows
   (default 2,000,000) spread evenly over two years, newest last; the first municipality is
   the actor's organisation of ~5% of them and the controller only (someone else acted) of
   another ~2%; 2,000 data-subject pseudonyms and 500 users (25 per organisation). Then
   ``VACUUM ANALYZE``, the state autovacuum keeps an append-only table in.
3. In this process (``django.setup()`` on that database) times, after a warm-up, each of
   these ``--repeat`` times with ``time.perf_counter`` and prints p50/p95 in ms:

   a. ``log_page`` first page, no filters;
   b. ``log_page`` for page 50, reached by following ``next_cursor`` (only that call timed);
   c. filtered on one data-subject pseudonym;
   d. filtered on one user;
   e. filtered on a 7-day period;
   f. the whole page: ``GET /verwerkingenlog/`` through Django's test ``Client``, logged in
      as the privacy officer with a verified second factor (middleware, session, the query,
      the template, and the log row the page writes about itself).

   It runs ``EXPLAIN (ANALYZE, BUFFERS)`` on the SQL of a-e (exactly as Django sent it) and
   says which indexes they use, and flags a sequential scan or a query over 100 ms. As an
   in-run baseline it times ``SELECT count(*)`` over the organisation's rows: what an
   offset paginator would run on every page to show "page x of y".
4. Appends a row to bench/RESULTS.md and drops the database (always, also after an error;
   ``--keep`` keeps it for a look with psql).

There are no thresholds: compare runs on one machine, and the cases within one run.
"""

import argparse
import datetime
import hashlib
import os
import platform
import re
import sys
import time
import uuid
from dataclasses import dataclass

from psycopg import sql
from throwaway import (  # bench/throwaway.py: the scripts run with bench/ on the path
    DEFAULT_DSN,
    REPO,
    RESULTS,
    SETTINGS,
    BenchError,
    append_row,
    cpu_model,
    django_on_throwaway_database,
    git_commit,
)

SECTION = "## Processing log at volume (bench_processing_log.py)"
DEFAULT_DATABASE = "doorbraak_bench_log"
ACTIVITY_CODE = "verwerkingenlog-inzien"
OFFICER_USERNAME = "bench.privacy"
OFFICER_ORGANISATION = "Gemeente Benchmark 1"
SLOW_MS = 100.0
WASTE_FACTOR = 10  # a query that discards more than 10 pages of rows is worth a look
PAGE_SIZE = 100  # the size LogView asks for


# --- data ----------------------------------------------------------------------------------


@dataclass
class World:
    officer: object  # core.User
    actor: object  # core.actors.Actor of the officer
    organisation: object  # the officer's organisation
    activity: object
    subject: str  # a pseudonym with rows in the officer's organisation
    user_uuid: str  # a user of the officer's organisation


def create_world(organisations: int, users_per_org: int) -> World:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from doorbraak.audit.models import ProcessingActivity
    from doorbraak.core.actors import Actor
    from doorbraak.core.models import Membership, Organisation, User
    from doorbraak.core.roles import Role

    orgs = [
        Organisation.objects.create(
            type="gemeente",
            cbs_code=f"GM{9001 + index:04d}",
            name=f"Gemeente Benchmark {index + 1}",
            active=True,
        )
        for index in range(organisations)
    ]
    officer = User.objects.create_user(
        username=OFFICER_USERNAME, password=None, first_name="Bench", last_name="Privacy"
    )
    membership = Membership.objects.create(
        user=officer, organisation=orgs[0], role=Role.PRIVACY_OFFICER, active=True
    )
    TOTPDevice.objects.create(user=officer, name="bench", confirmed=True)
    activity = ProcessingActivity.objects.get(code=ACTIVITY_CODE)
    membership = Membership.objects.select_related("organisation", "team").get(pk=membership.pk)
    return World(
        officer=officer,
        actor=Actor(user=officer, membership=membership),
        organisation=orgs[0],
        activity=activity,
        subject=subject_pseudonym(7),
        user_uuid=user_uuid(1, 3),
    )


def subject_pseudonym(index: int) -> str:
    return hashlib.sha256(f"bench-subject-{index}".encode()).hexdigest()


def user_uuid(organisation_number: int, index: int) -> str:
    digest = hashlib.md5(f"bench-user-{organisation_number}-{index}".encode()).hexdigest()
    return str(uuid.UUID(digest))


# The secondary indexes of the log as migrated (not the primary key or constraint indexes).
INDEX_DEFINITIONS_SQL = """
SELECT index.relname, pg_get_indexdef(index.oid)
FROM pg_index AS x
JOIN pg_class AS index ON index.oid = x.indexrelid
WHERE x.indrelid = 'audit_processinglogentry'::regclass
  AND NOT x.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = index.oid)
ORDER BY index.relname
"""

# Organisation numbers are 1-based positions in %(orgs)s; number 1 is the officer's. Rows are
# numbered in time order, so the table is laid out as an append-only log is.
INSERT_SQL = """
WITH draws AS (
    SELECT
        i,
        random() AS r_actor,
        random() AS r_controller,
        floor(random() * %(subjects)s)::int AS subject,
        floor(random() * %(users_per_org)s)::int AS k
    FROM generate_series(1, %(rows)s) AS i
), placed AS (
    SELECT
        i, subject, k, r_controller,
        CASE WHEN r_actor < %(own_share)s THEN 1
             ELSE 2 + least(%(n_orgs)s - 2,
                            floor((r_actor - %(own_share)s) / (1 - %(own_share)s)
                                  * (%(n_orgs)s - 1))::int)
        END AS actor
    FROM draws
), chosen AS (
    SELECT
        i, subject, k, actor,
        CASE WHEN actor <> 1 AND r_controller < %(controller_share)s THEN 1 ELSE actor END
            AS controller
    FROM placed
)
INSERT INTO audit_processinglogentry (
    occurred_at, trace_id, span_id, parent_span_id, activity_id, action, status,
    purpose, legal_basis, actor_user_uuid, actor_label, actor_organisation_id, actor_role,
    api_client_uuid, controller_id, subject_type, subject_pseudonym, object_type, object_uuid,
    detail
)
SELECT
    %(start)s::timestamptz + (i - 1) * %(step)s::interval,
    md5('trace-' || i),
    left(md5('span-' || i), 16),
    '',
    %(activity)s,
    'read',
    'ok',
    %(purpose)s,
    %(legal_basis)s,
    md5('bench-user-' || actor || '-' || k)::uuid,
    'medewerker.' || actor || '.' || k,
    (%(orgs)s::bigint[])[actor],
    'professional',
    NULL,
    (%(orgs)s::bigint[])[controller],
    'huishouden',
    encode(sha256(convert_to('bench-subject-' || subject, 'UTF8')), 'hex'),
    'household',
    md5('bench-object-' || subject)::uuid,
    ''
FROM chosen
ORDER BY i
"""


def fill_log(world: World, rows: int, subjects: int, users_per_org: int) -> float:
    from django.db import connection
    from django.utils import timezone

    from doorbraak.core.models import Organisation

    orgs = list(Organisation.objects.order_by("cbs_code").values_list("pk", flat=True))
    now = timezone.now()
    span = datetime.timedelta(days=730)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Loading first and building the indexes afterwards is several times faster than
        # updating eleven indexes row by row. The definitions come from the migrated table.
        cursor.execute(INDEX_DEFINITIONS_SQL)
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)).as_string())
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(
            INSERT_SQL,
            {
                "rows": rows,
                "subjects": subjects,
                "users_per_org": users_per_org,
                "n_orgs": len(orgs),
                "own_share": 0.05,
                # ~2% of all rows: the officer's organisation is controller, someone else acted.
                "controller_share": 0.02 / 0.95,
                "orgs": orgs,
                "start": now - span - datetime.timedelta(minutes=5),
                "step": span / rows,
                "activity": world.activity.pk,
                "purpose": "Schuldhulpverlening: vroegsignalering van betalingsachterstanden.",
                "legal_basis": "Wgs art. 3 lid 1 en art. 7a; AVG art. 6 lid 1 sub e.",
            },
        )
        inserted = cursor.rowcount
        loaded = time.perf_counter() - started
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
    took = time.perf_counter() - started
    if inserted != rows:
        raise BenchError(f"inserted {inserted} rows instead of {rows}")
    print(
        f"Inserted {rows:,} rows in {took:.1f} s ({rows / took:,.0f} rows/s): "
        f"{loaded:.1f} s loading, {took - loaded:.1f} s building {len(indexes)} indexes",
        flush=True,
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE audit_processinglogentry")
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('audit_processinglogentry'))")
        size = cursor.fetchone()[0]
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s; table with indexes {size}")
    return took


# --- measuring -----------------------------------------------------------------------------


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, int(-(-fraction * len(sorted_values) // 1)))  # ceil
    return sorted_values[min(rank, len(sorted_values)) - 1]


@dataclass
class Timing:
    name: str
    p50_ms: float
    p95_ms: float
    samples: int


def timed(name: str, call, repeat: int, warmup: int) -> Timing:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        begin = time.perf_counter()
        call()
        samples.append((time.perf_counter() - begin) * 1000)
    samples.sort()
    timing = Timing(name, percentile(samples, 0.50), percentile(samples, 0.95), len(samples))
    print(
        f"{name:<34} p50 {timing.p50_ms:8.2f} ms  p95 {timing.p95_ms:8.2f} ms  "
        f"(min {samples[0]:.2f}, max {samples[-1]:.2f}, n={len(samples)})",
        flush=True,
    )
    return timing


def check_page(name, page, world, *, full: bool, matches=None) -> None:
    """The page must hold what the case asks for, or the timing measures the wrong thing."""
    org = world.organisation.pk
    if not page.entries:
        raise BenchError(f"{name}: the page is empty")
    if full and (len(page.entries) != PAGE_SIZE or page.next_cursor is None):
        raise BenchError(f"{name}: expected a full page of {PAGE_SIZE} with a next cursor")
    keys = [(e.occurred_at, e.pk) for e in page.entries]
    if keys != sorted(keys, reverse=True):
        raise BenchError(f"{name}: entries are not newest first")
    for entry in page.entries:
        if org not in (entry.actor_organisation_id, entry.controller_id):
            raise BenchError(f"{name}: entry {entry.pk} is not of the officer's organisation")
        if matches is not None and not matches(entry):
            raise BenchError(f"{name}: entry {entry.pk} does not match the filter")


def cases(world: World):
    """(label, filters, cursor) of the selector cases a-e; b's cursor is found by paging."""
    from django.utils import timezone

    from doorbraak.audit.selectors import LogFilters, log_page

    first = log_page(world.actor, LogFilters())
    check_page("first page", first, world, full=True)
    cursor = first.next_cursor
    seen = {e.pk for e in first.entries}
    for number in range(2, 50):
        page = log_page(world.actor, LogFilters(), cursor=cursor)
        check_page(f"page {number}", page, world, full=True)
        if seen & {e.pk for e in page.entries}:
            raise BenchError(f"page {number} repeats entries of an earlier page")
        seen |= {e.pk for e in page.entries}
        cursor = page.next_cursor
    page50 = log_page(world.actor, LogFilters(), cursor=cursor)
    check_page("page 50", page50, world, full=True)

    week_start = timezone.localdate() - datetime.timedelta(days=365)
    week_end = week_start + datetime.timedelta(days=6)  # up to and including: 7 days
    return [
        ("a", "first page, no filters", LogFilters(), None, None),
        ("b", "page 50 via next_cursor", LogFilters(), cursor, None),
        (
            "c",
            "filter: one subject pseudonym",
            LogFilters(subject=world.subject),
            None,
            lambda e: e.subject_pseudonym == world.subject,
        ),
        (
            "d",
            "filter: one user",
            LogFilters(user_uuid=world.user_uuid),
            None,
            lambda e: str(e.actor_user_uuid) == world.user_uuid,
        ),
        (
            "e",
            "filter: 7-day period",
            LogFilters(date_from=week_start, date_to=week_end),
            None,
            lambda e: week_start <= timezone.localdate(e.occurred_at) <= week_end,
        ),
    ]


def measure_selectors(world: World, repeat: int, warmup: int):
    from doorbraak.audit.selectors import log_page

    timings = {}
    selector_cases = cases(world)
    for key, label, filters, cursor, matches in selector_cases:
        page = log_page(world.actor, filters, cursor=cursor)
        check_page(label, page, world, full=key in "ab", matches=matches)
        timings[key] = timed(
            f"{key}. {label} ({len(page.entries)} rows)",
            lambda filters=filters, cursor=cursor: log_page(world.actor, filters, cursor=cursor),
            repeat,
            warmup,
        )
    return timings, selector_cases


def measure_view(world: World, repeat: int, warmup: int) -> Timing:
    from django.test import Client

    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from doorbraak.audit.models import ProcessingLogEntry

    client = Client(HTTP_HOST="127.0.0.1")
    device = TOTPDevice.objects.get(user=world.officer, confirmed=True)
    client.force_login(world.officer)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    before = ProcessingLogEntry.objects.filter(actor_user_uuid=world.officer.uuid).count()
    response = client.get("/verwerkingenlog/")
    content = response.content.decode()
    if (
        response.status_code != 200
        or OFFICER_ORGANISATION not in content
        or 'rel="next"' not in content
        or content.count("doorbraak-pseudonym") != PAGE_SIZE
    ):
        raise BenchError(
            f"GET /verwerkingenlog/ answered {response.status_code} "
            f"{response.headers.get('Location', '')} without a full page of the log of "
            f"{OFFICER_ORGANISATION}; the benchmark would not measure the page"
        )

    def get():
        response = client.get("/verwerkingenlog/")
        if response.status_code != 200:
            raise BenchError(f"GET /verwerkingenlog/ answered {response.status_code}")

    timing = timed("f. GET /verwerkingenlog/ (whole page)", get, repeat, warmup)
    after = ProcessingLogEntry.objects.filter(actor_user_uuid=world.officer.uuid).count()
    if after - before != repeat + warmup + 1:
        raise BenchError(f"the page wrote {after - before} log rows for {repeat + warmup + 1}")
    return timing


def count_baseline(world: World, repeat: int, warmup: int) -> tuple[Timing, int, str]:
    from django.db import connection

    query = (
        "SELECT count(*) FROM audit_processinglogentry "
        "WHERE actor_organisation_id = %s OR controller_id = %s"
    )
    params = [world.organisation.pk, world.organisation.pk]

    def count():
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchone()[0]

    total = count()
    timing = timed(f"baseline: count(*) of the organisation ({total:,})", count, repeat, warmup)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return timing, total, plan


# --- EXPLAIN -------------------------------------------------------------------------------


@dataclass
class Plan:
    case: str
    scope: int
    sql: str
    text: str

    @property
    def execution_ms(self) -> float:
        match = re.search(r"Execution Time: ([\d.]+) ms", self.text)
        return float(match.group(1)) if match else float("nan")

    @property
    def indexes(self) -> list[str]:
        found = re.findall(r"(?:Index Scan|Index Only Scan)(?: Backward)? using (\w+)", self.text)
        found += re.findall(r"Bitmap Index Scan on (\w+)", self.text)
        return list(dict.fromkeys(found))

    @property
    def seq_scans(self) -> list[str]:
        return re.findall(r"Seq Scan on (\w+)", self.text)

    @property
    def log_seq_scan(self) -> bool:
        return "audit_processinglogentry" in self.seq_scans

    @property
    def rows_removed(self) -> int:
        found = re.findall(r"Rows Removed by (?:Filter|Index Recheck): (\d+)", self.text)
        return sum(int(n) for n in found)

    @property
    def wasteful(self) -> bool:
        """Reads and throws away many more rows than a page holds."""
        return self.rows_removed > WASTE_FACTOR * PAGE_SIZE

    @property
    def flagged(self) -> bool:
        return self.log_seq_scan or self.execution_ms > SLOW_MS


def explain_cases(world: World, selector_cases) -> list[Plan]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from doorbraak.audit.selectors import log_page

    plans = []
    for key, _label, filters, cursor, _matches in selector_cases:
        with CaptureQueriesContext(connection) as captured:
            log_page(world.actor, filters, cursor=cursor)
        queries = [
            q["sql"] for q in captured.captured_queries if "audit_processinglogentry" in q["sql"]
        ]
        if len(queries) != 2:
            raise BenchError(
                f"case {key}: expected two queries (one per scope), saw {len(queries)}"
            )
        for scope, query in enumerate(queries, start=1):
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)
                text = "\n".join(row[0] for row in cur.fetchall())
            plans.append(Plan(key, scope, query, text))
    return plans


SCOPE_NAMES = {1: "actor's organisation", 2: "controller only"}


def report_plans(plans: list[Plan], everything: bool) -> None:
    print("\nEXPLAIN (ANALYZE, BUFFERS) per query (scope 1: actor's organisation, 2: controller)")
    for plan in plans:
        marks = []
        if plan.log_seq_scan:
            marks.append("SEQ SCAN")
        if plan.execution_ms > SLOW_MS:
            marks.append(f"SLOW > {SLOW_MS:g} ms")
        if plan.wasteful:
            marks.append(f"discards > {WASTE_FACTOR} pages of rows")
        print(
            f"  {plan.case}.{plan.scope} {plan.execution_ms:8.2f} ms  "
            f"indexes: {', '.join(plan.indexes) or 'NONE'}  "
            f"rows read and discarded: {plan.rows_removed:,}"
            + (f"  <-- {', '.join(marks)}" if marks else "")
        )
    for plan in plans:
        if everything or plan.case in "ac" or plan.flagged or plan.wasteful:
            print(f"\n--- {plan.case}, scope {plan.scope} ({SCOPE_NAMES[plan.scope]}) ---")
            print(plan.sql)
            print(plan.text)


# --- recording -----------------------------------------------------------------------------


SECTION_TEXT = f"""{SECTION}

What it measures: how long the privacy officer's processing log (`/verwerkingenlog/`) takes
when the log holds millions of rows, on PostgreSQL. A throwaway database is filled with one
`INSERT ... SELECT FROM generate_series` (*Rows*, spread over two years; the officer's
municipality, one of 20, is the actor's organisation of ~5% and the controller only of another
~2%; 2,000 data subjects, 500 users; the indexes are dropped for the load and rebuilt from
their migrated definitions), then `VACUUM ANALYZE`. Timed in one process with
`time.perf_counter`, after a warm-up, 30 times each (`--repeat`; p50/p95 in ms):

- **First**: `log_page` first page (100 rows), no filters;
- **Page 50**: the 50th page, reached by following `next_cursor` (only that call is timed);
- **Subject**: filtered on one data-subject pseudonym (~75 matching rows at 2 million);
- **User**: filtered on one user of the organisation (~4,000 matching rows at 2 million);
- **Week**: filtered on a 7-day period a year back;
- **View**: the whole page, `GET /verwerkingenlog/` through Django's test client as the
  logged-in privacy officer with a verified second factor: middleware, session, the query,
  the template, and the processing-log row the page writes about itself.

`log_page` runs one query per way a row belongs to the organisation (actor, controller) and
merges them; times include building the model instances. *count(\\*) ms* is the baseline: the
p50 of a plain `SELECT count(*)` over the organisation's rows, which an offset paginator runs
on every page; *count/first* divides it by the first-page p50. The script also prints
`EXPLAIN (ANALYZE, BUFFERS)` of every query and flags sequential scans, queries over 100 ms
and queries that read and discard more than ten pages of rows. The server's own settings are
used; the *PostgreSQL* column gives its version and `shared_buffers`.
"""
COLUMNS = [
    "Date (UTC)",
    "Machine",
    "CPU",
    "Cores",
    "PostgreSQL",
    "Rows",
    "First p50",
    "First p95",
    "Page 50 p50",
    "Page 50 p95",
    "Subject p50",
    "Subject p95",
    "User p50",
    "User p95",
    "Week p50",
    "Week p95",
    "View p50",
    "View p95",
    "count(*) ms",
    "count/first",
    "Commit",
]


def record(rows: int, version: str, timings: dict, count: Timing) -> str:
    def cell(value) -> str:
        return str(value).replace("|", "/")

    cells = [
        datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
        platform.node(),
        cpu_model(),
        os.cpu_count(),
        version,
        f"{rows:,}",
    ]
    for key in "abcdef":
        cells += [f"{timings[key].p50_ms:.1f}", f"{timings[key].p95_ms:.1f}"]
    cells += [
        f"{count.p50_ms:.1f}",
        f"{count.p50_ms / timings['a'].p50_ms:.1f}",
        git_commit(),
    ]
    row = "| " + " | ".join(cell(value) for value in cells) + " |"
    append_row(SECTION, COLUMNS, row, SECTION_TEXT)
    return row


# --- main ----------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, default=2_000_000, help="processing-log rows (default 2,000,000)"
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per case (30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls first (3)")
    parser.add_argument(
        "--dsn",
        default=DEFAULT_DSN,
        help=f"maintenance database to create and drop the bench database from ({DEFAULT_DSN})",
    )
    parser.add_argument(
        "--database", default=DEFAULT_DATABASE, help=f"throwaway database ({DEFAULT_DATABASE})"
    )
    parser.add_argument(
        "--no-record",
        action="store_true",
        help="print the figures but do not append them to bench/RESULTS.md",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--plans",
        action="store_true",
        help="print every EXPLAIN plan, not only those of a and c and the flagged ones",
    )
    args = parser.parse_args(argv)
    # Case b needs 50 full pages of the organisation's ~7% of the rows.
    if args.rows < 100_000 or args.repeat < 1 or args.warmup < 0:
        parser.error("--rows must be >= 100000, --repeat >= 1, --warmup >= 0")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.database) or args.database == "postgres":
        parser.error("--database must be a plain lower-case name other than postgres")
    return args


ORGANISATIONS = 20
SUBJECTS = 2_000
USERS_PER_ORGANISATION = 25  # 500 users


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        with django_on_throwaway_database(args.dsn, args.database, SETTINGS, keep=args.keep):
            from django.db import connection

            world = create_world(ORGANISATIONS, USERS_PER_ORGANISATION)
            fill_log(world, args.rows, SUBJECTS, USERS_PER_ORGANISATION)
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                version = cursor.fetchone()[0].split()[0]
                cursor.execute("SHOW shared_buffers")
                version += f", shared_buffers {cursor.fetchone()[0]}"

            print(
                f"\nTimings, {args.repeat} calls each after {args.warmup} warm-up calls, "
                f"PostgreSQL {version}:",
                flush=True,
            )
            timings, selector_cases = measure_selectors(world, args.repeat, args.warmup)
            timings["f"] = measure_view(world, args.repeat, args.warmup)
            count, total, count_plan = count_baseline(world, args.repeat, args.warmup)
            ratio = count.p50_ms / timings["a"].p50_ms
            print(f"count(*) p50 / first page p50: {ratio:.1f}")

            plans = explain_cases(world, selector_cases)
            report_plans(plans, args.plans)
            print("\n--- baseline count(*) ---")
            print(count_plan)

            flagged = [p for p in plans if p.flagged]
            wasteful = [p for p in plans if p.wasteful]
            print(
                "\nQueries with a sequential scan of the log or over "
                f"{SLOW_MS:g} ms: "
                + (", ".join(f"{p.case}.{p.scope}" for p in flagged) if flagged else "none")
            )
            print(
                f"Queries that discard more than {WASTE_FACTOR} pages of rows: "
                + (", ".join(f"{p.case}.{p.scope}" for p in wasteful) if wasteful else "none")
            )
            if args.no_record:
                return 0
            row = record(args.rows, version, timings, count)
            print(f"\nAppended to {RESULTS.relative_to(REPO)}:\n{row}")
            return 0
    except BenchError as exc:
        print(f"Benchmark failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
