"""Benchmark: the household list and the plan page at national volume, on PostgreSQL.

Run from the repository root (``make bench`` does this)::

    .venv/bin/python bench/bench_households.py [--households 100000] [--repeat 50]

What it does:

1. Creates a throwaway PostgreSQL database (default ``doorbraak_bench_hh`` on 127.0.0.1:5432
   as user ``postgres``; see ``--dsn``) and migrates it with ``manage.py migrate``
   (settings ``doorbraak.config.settings.local``).
2. In this process (``django.setup()`` on that database) creates 45 municipalities with 20
   teams each (900 teams) and one professional per team, then fills the tables with
   ``INSERT ... SELECT FROM generate_series`` (random with a fixed seed):

   - households (default 100,000): the measured team ("team 1" of the first municipality)
     gets ``--team-households`` (default 2,000, a large caseload, so that a page deep in the
     list exists), the others share the rest evenly (~110 each); ``updated_at`` spread over
     two years;
   - persons: 1 to 4 per household (~250,000), with a keyed-hash-sized ``bsn_hash``;
   - plans: one per household (100,000), statuses spread over the six workflow stages;
     goals (2 per plan), transitions (one per step the plan went through, ~250,000) and one
     evaluation for plans in progress or later;
   - actions: 10 per plan (1,000,000), owned by the case manager, an organisation or the
     resident, due dates around today.

   Then ``VACUUM ANALYZE``.
3. Logs the measured team's professional in with a verified second factor
   (``access_harness.login_verified``) and times, through Django's test ``Client``, after a
   warm-up, ``--repeat`` requests each (p50/p95 of the server time in ms,
   ``time.perf_counter`` around ``client.get``):

   a. ``GET /huishoudens/``: the first page of the team's caseload (50 rows, with members);
   b. ``GET /huishoudens/?na=<cursor>``: page ``--deep-page`` (default 20), reached by following
      the "next page" links;
   c. ``GET /plannen/<uuid>/``: a plan of the team with 10 actions.

   Each page also writes its processing-log rows (the list one row per household shown),
   which is part of what is timed. It prints the number of queries per request and the
   slowest ones, and ``EXPLAIN (ANALYZE, BUFFERS)`` of every SELECT a page sends (exactly as
   Django sent it): the plans of the list queries in full, the others in full only when they
   scan a large table sequentially or take over 100 ms. It also times the selectors alone
   (a', b', c': no middleware, template or log write), to show where the time goes.
   A list query that reads more than ten pages of households (it fetched the whole caseload
   and sorted it instead of walking ``household_team_list_idx`` and stopping after 51 rows) is
   run again after ``CREATE STATISTICS ... (dependencies) ON team_id, organisation_id``, in
   the throwaway database only, and both plans are printed: the fix to propose, as the models
   may not be changed from here.
4. Appends a row to bench/RESULTS.md and drops the database (always, also after an error;
   ``--keep`` keeps it for a look with psql).

Goal: under 100 ms per page. This is printed, never asserted: compare runs on one machine.
The database helpers and the timing come from ``bench_processing_log.py``.
"""

import argparse
import datetime
import os
import platform
import re
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_processing_log import Timing, timed  # noqa: E402
from throwaway import (  # noqa: E402
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

SECTION = "## Households and plans at volume (bench_households.py)"
DEFAULT_DATABASE = "doorbraak_bench_hh"
MUNICIPALITIES = 45
TEAMS_PER_MUNICIPALITY = 20
ACTIONS_PER_PLAN = 10
PAGE_SIZE = 50  # what CaseloadView asks of team_page
GOAL_MS = 100.0
WASTE_FACTOR = 10  # a page query reading more than ten pages of rows is worth a look
USERNAME = "bench.professional.1"
BIG_TABLES = {
    "households_household",
    "households_person",
    "plans_plan",
    "plans_goal",
    "plans_action",
    "plans_transition",
    "plans_evaluation",
    "audit_processinglogentry",
}


# --- the world ------------------------------------------------------------------------------


@dataclass
class World:
    user: object  # the measured professional
    team: object
    organisation: object
    team_ids: list
    organisation_ids: list
    user_ids: list
    agency_id: int


def create_world() -> World:
    from django.contrib.auth.hashers import make_password

    from doorbraak.core.models import Membership, Organisation, OrganisationType, Team, User
    from doorbraak.core.roles import Role

    organisations = Organisation.objects.bulk_create(
        Organisation(
            type=OrganisationType.GEMEENTE,
            cbs_code=f"GM{9001 + index:04d}",
            name=f"Gemeente Benchmark {index + 1}",
            active=True,
        )
        for index in range(MUNICIPALITIES)
    )
    agency = Organisation.objects.create(
        type=OrganisationType.UITVOERINGSORGANISATIE, name="CAK (bench)", short_name="CAK"
    )
    teams = Team.objects.bulk_create(
        Team(organisation=organisation, name=f"Wijkteam {number + 1}")
        for organisation in organisations
        for number in range(TEAMS_PER_MUNICIPALITY)
    )
    password = make_password(None)  # unusable: the benchmark logs in with force_login
    users = User.objects.bulk_create(
        User(
            username=f"bench.professional.{index + 1}",
            first_name="Bench",
            last_name=f"Professional {index + 1}",
            password=password,
        )
        for index in range(len(teams))
    )
    Membership.objects.bulk_create(
        Membership(
            user=user, organisation_id=team.organisation_id, team=team, role=Role.PROFESSIONAL
        )
        for user, team in zip(users, teams, strict=True)
    )
    return World(
        user=User.objects.get(username=USERNAME),
        team=teams[0],
        organisation=organisations[0],
        team_ids=[t.pk for t in teams],
        organisation_ids=[t.organisation_id for t in teams],
        user_ids=[u.pk for u in users],
        agency_id=agency.pk,
    )


# Team k (1-based position in the arrays) of household i: the first ``big`` households go to
# team 1, the rest round-robin over teams 2..n.
HOUSEHOLDS_SQL = """
INSERT INTO households_household (
    uuid, organisation_id, team_id, assigned_to_id, straat, huisnummer, toevoeging, postcode,
    plaats, wijk_code, buurt_code, status, last_contact_on, created_at, updated_at, created_by_id
)
SELECT
    gen_random_uuid(),
    (%(orgs)s::bigint[])[k], (%(teams)s::bigint[])[k], (%(users)s::bigint[])[k],
    'Benchstraat', 1 + i %% 240, '', (1000 + i %% 8999)::text || ' AB', 'Benchstad',
    '', '', CASE WHEN i %% 10 = 0 THEN 'gesloten' ELSE 'open' END,
    (updated - interval '3 days')::date, updated - interval '60 days', updated,
    (%(users)s::bigint[])[k]
FROM (
    SELECT
        i,
        CASE WHEN i <= %(big)s THEN 1 ELSE 2 + (i %% (%(n_teams)s - 1)) END AS k,
        now() - random() * interval '730 days' AS updated
    FROM generate_series(1, %(households)s) AS i
) AS draws
"""

PERSONS_SQL = """
INSERT INTO households_person (
    uuid, household_id, role, voornamen, tussenvoegsel, achternaam, geboortedatum, telefoon,
    email, bsn_encrypted, bsn_hash, in_jeugdhulp
)
SELECT
    gen_random_uuid(), h.id,
    CASE WHEN m = 1 THEN 'aanvrager' WHEN m = 2 THEN 'partner' ELSE 'kind' END,
    (ARRAY['Fatima','Jeroen','Sanne','Mohamed','Anouk','Kees','Noor','Bram'])[1 + (h.id + m) %% 8],
    '',
    (ARRAY['Bakker','de Vries','Jansen','Yilmaz','Visser','El Amrani','Smit'])[1 + h.id %% 7],
    CASE WHEN m <= 2 THEN date '1960-01-01' + ((h.id * 37 + m * 911) %% 14000)::int
         ELSE current_date - 365 - ((h.id * 13 + m * 101) %% 6000)::int END,
    '', '', '', encode(sha256(convert_to('bench-bsn-' || h.id || '-' || m, 'UTF8')), 'hex'),
    m >= 3 AND h.id %% 40 = 0
FROM households_household AS h
CROSS JOIN LATERAL generate_series(1, 1 + (h.id %% 4)::int) AS m
"""

PLANS_SQL = """
INSERT INTO plans_plan (
    uuid, household_id, status, version, blocking_domains, blocking_problem, blocking_party,
    breakthrough, why_it_unlocks, decided_by_id, decided_role, decided_at, created_by_id,
    created_at, updated_at
)
SELECT
    gen_random_uuid(), h.id,
    (ARRAY['concept','ter_vaststelling','vastgesteld','in_uitvoering','geevalueerd',
           'afgesloten'])[1 + h.id %% 6],
    3, '["financien", "huisvesting"]'::jsonb,
    'Huurachterstand van vijf maanden; de corporatie plant een ontruiming.',
    'Woningcorporatie',
    'Ontruiming opschorten; achterstand aflossen uit bijzondere bijstand.',
    'Met een zeker dak kan het schuldhulptraject starten.',
    CASE WHEN h.id %% 6 >= 2 THEN h.assigned_to_id END,
    CASE WHEN h.id %% 6 >= 2 THEN 'teamleider' ELSE '' END,
    CASE WHEN h.id %% 6 >= 2 THEN h.updated_at - interval '20 days' END,
    h.assigned_to_id, h.created_at, h.updated_at
FROM households_household AS h
"""

GOALS_SQL = """
INSERT INTO plans_goal (uuid, plan_id, domain, description)
SELECT gen_random_uuid(), p.id,
       (ARRAY['huisvesting','financien'])[g], 'Het gezin blijft in de woning en betaalt de huur.'
FROM plans_plan AS p CROSS JOIN generate_series(1, 2) AS g
"""

ACTIONS_SQL = """
INSERT INTO plans_action (
    uuid, plan_id, goal_id, what, owner_user_id, owner_organisation_id, owner_text, due_on,
    status, completed_on
)
SELECT
    gen_random_uuid(), p.id, NULL, 'Actie ' || a || ': betalingsregeling afspreken',
    CASE WHEN a %% 3 = 0 THEN h.assigned_to_id END,
    CASE WHEN a %% 3 = 1 THEN %(agency)s END,
    CASE WHEN a %% 3 = 2 THEN 'bewoner' ELSE '' END,
    current_date + (a * 9 - 45 + (p.id %% 30))::int,
    (ARRAY['open','bezig','gereed','vervallen'])[1 + (p.id + a) %% 4],
    CASE WHEN (p.id + a) %% 4 = 2 THEN current_date - 1 END
FROM plans_plan AS p
JOIN households_household AS h ON h.id = p.household_id
CROSS JOIN generate_series(1, %(actions)s) AS a
"""

TRANSITIONS_SQL = """
INSERT INTO plans_transition (plan_id, source, target, by_id, role, organisation_id, at, note)
SELECT
    p.id,
    (ARRAY['concept','ter_vaststelling','vastgesteld','in_uitvoering','geevalueerd'])[s],
    (ARRAY['ter_vaststelling','vastgesteld','in_uitvoering','geevalueerd','afgesloten'])[s],
    h.assigned_to_id,
    CASE WHEN s IN (2, 5) THEN 'teamleider' ELSE 'professional' END,
    h.organisation_id,
    p.created_at + s * interval '7 days',
    ''
FROM plans_plan AS p
JOIN households_household AS h ON h.id = p.household_id
CROSS JOIN LATERAL generate_series(1, (p.id %% 6)::int) AS s
"""

EVALUATIONS_SQL = """
INSERT INTO plans_evaluation (uuid, plan_id, planned_on, held_on, assessment_id, notes)
SELECT gen_random_uuid(), p.id, current_date + 30, NULL, NULL, ''
FROM plans_plan AS p
WHERE p.status IN ('in_uitvoering', 'geevalueerd', 'afgesloten')
"""

TABLES = [
    "households_household",
    "households_person",
    "plans_plan",
    "plans_goal",
    "plans_action",
    "plans_transition",
    "plans_evaluation",
]


REQUIRED_COLUMNS_SQL = """
SELECT column_name FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = %s AND is_nullable = 'NO'
  AND column_default IS NULL AND is_identity = 'NO'
"""


def check_columns(cursor, query: str) -> None:
    """A column added to a model after this script was written: say so, instead of failing
    with a NOT NULL violation halfway through the load."""
    match = re.search(r"INSERT INTO (\w+) \(([^)]*)\)", query)
    table, listed = match.group(1), {c.strip() for c in match.group(2).split(",")}
    cursor.execute(REQUIRED_COLUMNS_SQL, [table])
    missing = sorted({row[0] for row in cursor.fetchall()} - listed - {"id"})
    if missing:
        raise BenchError(
            f"{table} has required columns this benchmark does not fill: {', '.join(missing)}; "
            "add them to its INSERT in bench/bench_households.py"
        )


def fill(world: World, households: int, team_households: int) -> dict:
    from django.db import connection

    steps = [
        ("households", HOUSEHOLDS_SQL),
        ("persons", PERSONS_SQL),
        ("plans", PLANS_SQL),
        ("goals", GOALS_SQL),
        ("actions", ACTIONS_SQL),
        ("transitions", TRANSITIONS_SQL),
        ("evaluations", EVALUATIONS_SQL),
    ]
    params = {
        "orgs": world.organisation_ids,
        "teams": world.team_ids,
        "users": world.user_ids,
        "n_teams": len(world.team_ids),
        "big": team_households,
        "households": households,
        "agency": world.agency_id,
        "actions": ACTIONS_PER_PLAN,
    }
    counts = {}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for _name, query in steps:
            check_columns(cursor, query)
        cursor.execute("SELECT setseed(0.42)")
        for name, query in steps:
            begin = time.perf_counter()
            cursor.execute(query, params)
            counts[name] = cursor.rowcount
            took = time.perf_counter() - begin
            print(f"Inserted {cursor.rowcount:>9,} {name:<12} in {took:5.1f} s", flush=True)
        begin = time.perf_counter()
        for table in TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute(
            "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c "
            "WHERE c.relname = ANY(%s)",
            [TABLES],
        )
        size = cursor.fetchone()[0]
    print(
        f"VACUUM ANALYZE in {time.perf_counter() - begin:.1f} s; loaded in "
        f"{time.perf_counter() - started:.1f} s; tables with indexes {size}",
        flush=True,
    )
    return counts


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Page:
    key: str
    label: str
    path: str
    timing: Timing | None = None
    queries: int = 0
    selects: list | None = None  # SQL of every SELECT the page sent


NEXT_LINK = re.compile(r'rel="next" href="\?na=([^"]+)"')


def logged_in_client(world: World):
    from django.test import Client

    from doorbraak.core.tests.access_harness import login_verified

    client = Client(HTTP_HOST="127.0.0.1")
    login_verified(client, world.user)
    return client


def get_ok(client, path: str, must_contain: str = "") -> str:
    response = client.get(path)
    content = response.content.decode()
    if response.status_code != 200 or (must_contain and must_contain not in content):
        raise BenchError(
            f"GET {path} answered {response.status_code} "
            f"{response.headers.get('Location', '')}; expected a page with {must_contain!r}"
        )
    return content


def deep_cursor(client, pages: int) -> str:
    """Follow the list's "next page" links to page ``pages``; the cursor of that page."""
    content = get_ok(client, "/huishoudens/", 'rel="next"')
    cursor = ""
    for _number in range(2, pages + 1):
        match = NEXT_LINK.search(content)
        if not match:
            raise BenchError(f"the list has fewer than {pages} pages")
        cursor = urllib.parse.unquote(match.group(1))
        content = get_ok(client, "/huishoudens/?" + urllib.parse.urlencode({"na": cursor}))
    return cursor


def plan_with_actions(world: World, actions: int):
    from django.db.models import Count

    from doorbraak.plans.models import Plan

    plan = (
        Plan.objects.filter(household__team=world.team)
        .annotate(n=Count("actions"))
        .filter(n=actions)
        .order_by("-household__updated_at")
        .first()
    )
    if plan is None:
        raise BenchError(f"no plan with {actions} actions in the measured team")
    return plan


def measure(client, page: Page, repeat: int, warmup: int, must_contain: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get_ok(client, page.path, must_contain)
    with CaptureQueriesContext(connection) as captured:
        get_ok(client, page.path, must_contain)
    # Copy now: the next request's request_started signal empties the connection's query log.
    queries = list(captured.captured_queries)
    page.queries = len(queries)
    page.selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    sql_ms = sum(float(q["time"]) for q in queries) * 1000
    slowest = sorted(queries, key=lambda q: -float(q["time"]))[:3]
    page.timing = timed(f"{page.key}. {page.label}", lambda: client.get(page.path), repeat, warmup)
    print(
        f"   {page.queries} queries, {sql_ms:.0f} ms in SQL as Django timed them (one request, "
        "ms resolution); slowest: "
        + ", ".join(f"{float(q['time']) * 1000:.0f} ms {short(q['sql'])}" for q in slowest),
        flush=True,
    )


def measure_selectors(world: World, plan, cursor: str, repeat: int, warmup: int) -> None:
    """The same pages' reads without the request: the selector and its queries only."""
    from doorbraak.core.actors import Actor
    from doorbraak.core.models import Membership
    from doorbraak.households import selectors
    from doorbraak.plans.selectors import plan_access, plan_detail

    membership = Membership.objects.select_related("organisation", "team").get(user=world.user)
    actor = Actor(user=world.user, membership=membership)

    def plan_page():
        found, _access = plan_access(actor, plan.uuid)
        detail = plan_detail(found)
        return list(detail.actions.all()), list(detail.transitions.all())

    print("Reads only (selectors, no middleware, template or log write):")
    timed("a'. team_page, first page", lambda: selectors.team_page(actor), repeat, warmup)
    timed("b'. team_page, deep page", lambda: selectors.team_page(actor, cursor), repeat, warmup)
    timed("c'. plan_access + plan_detail", plan_page, repeat, warmup)


def short(query: str) -> str:
    match = re.search(r'FROM "(\w+)"', query)
    verb = query.split(None, 1)[0].upper()
    return f"{verb} {match.group(1) if match else query[:40]}"


# --- EXPLAIN --------------------------------------------------------------------------------


@dataclass
class Explained:
    page: str
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
    def big_seq_scans(self) -> list[str]:
        return [t for t in re.findall(r"Seq Scan on (\w+)", self.text) if t in BIG_TABLES]

    @property
    def flagged(self) -> bool:
        return bool(self.big_seq_scans) or self.execution_ms > GOAL_MS

    def rows_read(self, table: str) -> int:
        """The most rows a scan node of ``table`` returned (before LIMIT)."""
        found = re.findall(
            r"Scan(?: Backward)? (?:using \w+ )?on (\w+)[^\n]*?actual time=\S+ rows=(\d+)",
            self.text,
        )
        return max((int(rows) for name, rows in found if name == table), default=0)

    @property
    def reads_whole_caseload(self) -> bool:
        """A page query that reads many more households than a page holds, then sorts them."""
        return self.rows_read("households_household") > WASTE_FACTOR * (PAGE_SIZE + 1)


def explain(pages: list[Page]) -> list[Explained]:
    from django.db import connection

    found = []
    for page in pages:
        for query in page.selects or []:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)
                text = "\n".join(row[0] for row in cursor.fetchall())
            found.append(Explained(page.key, query, text))
    return found


TRY_STATISTICS = (
    "CREATE STATISTICS bench_household_team_org (dependencies) "
    "ON team_id, organisation_id FROM households_household"
)


def try_statistics(plans: list[Explained]) -> None:
    """The list filters on team *and* organisation. The planner takes the two as independent,
    expects few rows, and prefers a bitmap scan of both foreign-key indexes and a sort over the
    ordered index household_team_list_idx with an early stop. Show whether extended statistics
    (functional dependency team -> organisation) change that, on the same SQL."""
    from django.db import connection

    print(f"\nTrying, in the throwaway database only: {TRY_STATISTICS}; ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute(TRY_STATISTICS)
        cursor.execute("ANALYZE households_household")
        for plan in plans:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + plan.sql)
            after = Explained(plan.page, plan.sql, "\n".join(r[0] for r in cursor.fetchall()))
            print(
                f"  page {plan.page}: {plan.execution_ms:.2f} ms reading "
                f"{plan.rows_read('households_household'):,} households "
                f"({', '.join(plan.indexes)}) -> {after.execution_ms:.2f} ms reading "
                f"{after.rows_read('households_household'):,} ({', '.join(after.indexes)})"
            )
        cursor.execute("DROP STATISTICS bench_household_team_org")
        cursor.execute("ANALYZE households_household")


def report(plans: list[Explained], list_pages: set[str]) -> None:
    print("\nEXPLAIN (ANALYZE, BUFFERS) of every SELECT per page")
    for plan in plans:
        marks = [f"SEQ SCAN {t}" for t in plan.big_seq_scans]
        if plan.page in list_pages and plan.reads_whole_caseload:
            marks.append(f"reads {plan.rows_read('households_household'):,} households")
        if plan.execution_ms > GOAL_MS:
            marks.append(f"SLOW > {GOAL_MS:g} ms")
        print(
            f"  {plan.page} {plan.execution_ms:8.2f} ms  {short(plan.sql):<40} "
            f"indexes: {', '.join(plan.indexes) or '-'}"
            + (f"  <-- {', '.join(marks)}" if marks else "")
        )
    for plan in plans:
        household_list = plan.page in list_pages and "households_household" in short(plan.sql)
        if household_list or plan.flagged:
            print(f"\n--- page {plan.page}: {short(plan.sql)} ---")
            print(plan.sql)
            print(plan.text)


# --- recording ------------------------------------------------------------------------------

SECTION_TEXT = f"""{SECTION}

What it measures: the server time of the household list and the plan page of a professional
when the platform holds the whole country, on PostgreSQL. A throwaway database gets 45
municipalities × 20 teams, one professional per team, and with `INSERT ... SELECT FROM
generate_series` *Households* (the measured team has *Team* of them, the other teams ~110
each), 1-4 persons per household, one plan per household (all six stages), 2 goals and 10
*Actions* per plan, a transition per stage passed; then `VACUUM ANALYZE`. Timed in one process
through Django's test client as the team's logged-in professional with a verified second
factor (middleware, session, queries, template and the processing-log rows the page writes),
after a warm-up, 50 requests each (`--repeat`; p50/p95 in ms):

- **List**: `GET /huishoudens/`, the first page (50 households with their members);
- **Deep**: the same list at page 20, reached by following the `na` cursor links;
- **Plan**: `GET /plannen/<uuid>/`, a plan with 10 actions.

*Queries* is the number of SQL statements per request (list / plan); *Load* the 1-minute
load average when measuring began (other work on the machine makes the figures worse). The
script prints `EXPLAIN (ANALYZE, BUFFERS)` of every SELECT and flags sequential scans of a
large table, queries over 100 ms, and list queries that read more than ten pages of
households; for those it tries, in the throwaway database only, extended statistics
(dependencies) on the household's (team, organisation) and prints the plan before and after.
It also times the selectors alone (no middleware, template or log write). The goal is under
100 ms per page; it is printed, not asserted.
"""
COLUMNS = [
    "Date (UTC)",
    "Machine",
    "CPU",
    "Cores",
    "PostgreSQL",
    "Households",
    "Actions",
    "Team",
    "List p50",
    "List p95",
    "Deep p50",
    "Deep p95",
    "Plan p50",
    "Plan p95",
    "Queries",
    "Load",
    "Commit",
]


def record(version: str, counts: dict, team: int, pages: dict[str, Page], load: float) -> str:
    cells = [
        datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
        platform.node(),
        cpu_model(),
        os.cpu_count(),
        version,
        f"{counts['households']:,}",
        f"{counts['actions']:,}",
        f"{team:,}",
    ]
    for key in "abc":
        cells += [f"{pages[key].timing.p50_ms:.1f}", f"{pages[key].timing.p95_ms:.1f}"]
    cells += [f"{pages['a'].queries} / {pages['c'].queries}", f"{load:.1f}", git_commit()]
    row = "| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |"
    append_row(SECTION, COLUMNS, row, SECTION_TEXT)
    return row


# --- main -----------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=100_000, help="households (100,000)")
    parser.add_argument(
        "--team-households",
        type=int,
        default=2_000,
        help="households of the measured team (2,000)",
    )
    parser.add_argument("--deep-page", type=int, default=20, help="the deep page (20)")
    parser.add_argument("--repeat", type=int, default=50, help="timed requests per page (50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first (5)")
    parser.add_argument("--dsn", default=DEFAULT_DSN, help=f"maintenance database ({DEFAULT_DSN})")
    parser.add_argument(
        "--database", default=DEFAULT_DATABASE, help=f"throwaway database ({DEFAULT_DATABASE})"
    )
    parser.add_argument("--no-record", action="store_true", help="do not write bench/RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    if args.team_households < PAGE_SIZE * args.deep_page + 1:
        parser.error("--team-households must fill --deep-page pages of 50 and one more row")
    if args.households < args.team_households + MUNICIPALITIES * TEAMS_PER_MUNICIPALITY:
        parser.error("--households must exceed --team-households by one per other team")
    if args.repeat < 1 or args.warmup < 0 or args.deep_page < 2:
        parser.error("--repeat >= 1, --warmup >= 0, --deep-page >= 2")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.database) or args.database == "postgres":
        parser.error("--database must be a plain lower-case name other than postgres")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        with django_on_throwaway_database(args.dsn, args.database, SETTINGS, keep=args.keep):
            from django.db import connection

            world = create_world()
            counts = fill(world, args.households, args.team_households)
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                version = cursor.fetchone()[0].split()[0]
                cursor.execute("SHOW shared_buffers")
                version += f", shared_buffers {cursor.fetchone()[0]}"

            client = logged_in_client(world)
            cursor = deep_cursor(client, args.deep_page)
            plan = plan_with_actions(world, ACTIONS_PER_PLAN)
            pages = {
                "a": Page("a", "GET /huishoudens/ (first page)", "/huishoudens/"),
                "b": Page(
                    "b",
                    f"GET /huishoudens/?na= (page {args.deep_page})",
                    "/huishoudens/?" + urllib.parse.urlencode({"na": cursor}),
                ),
                "c": Page(
                    "c",
                    f"GET /plannen/<uuid>/ ({ACTIONS_PER_PLAN} actions)",
                    f"/plannen/{plan.uuid}/",
                ),
            }
            print(
                f"\nServer time, {args.repeat} requests each after {args.warmup} warm-up requests, "
                f"PostgreSQL {version}:",
                flush=True,
            )
            load = os.getloadavg()[0]
            print(f"Load average (1 min) before measuring: {load:.1f} on {os.cpu_count()} cores")
            measure(client, pages["a"], args.repeat, args.warmup, 'rel="next"')
            measure(client, pages["b"], args.repeat, args.warmup, 'rel="next"')
            measure(client, pages["c"], args.repeat, args.warmup, plan.household.reference)

            measure_selectors(world, plan, cursor, args.repeat, args.warmup)

            explained = explain(list(pages.values()))
            report(explained, {"a", "b"})
            flagged = [e for e in explained if e.flagged]
            caseload = [e for e in explained if e.page in "ab" and e.reads_whole_caseload]
            print(
                f"List queries that read more than {WASTE_FACTOR} pages of households: "
                + (", ".join(f"page {e.page}" for e in caseload) if caseload else "none")
            )
            if caseload:
                try_statistics(caseload)
            print(
                "\nQueries with a sequential scan of a large table or over "
                f"{GOAL_MS:g} ms: "
                + (", ".join(f"{e.page}: {short(e.sql)}" for e in flagged) if flagged else "none")
            )
            for page in pages.values():
                verdict = "within" if page.timing.p95_ms < GOAL_MS else "OVER"
                print(
                    f"Goal {GOAL_MS:g} ms, page {page.key}: "
                    f"p95 {page.timing.p95_ms:.1f} ms, {verdict}"
                )
            if args.no_record:
                return 0
            row = record(version, counts, args.team_households, pages, load)
            print(f"\nAppended to {RESULTS.relative_to(REPO)}:\n{row}")
            return 0
    except BenchError as exc:
        print(f"Benchmark failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
