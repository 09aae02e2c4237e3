"""Benchmark: intake plus matching of 1,000,000 vroegsignalen on PostgreSQL, against COPY.

Run from the repository root (``make bench`` does this)::

    .venv/bin/python bench/bench_signals.py [--signals 1000000] [--creditors 50]

What it does:

1. Creates a throwaway PostgreSQL database (default ``doorbraak_bench_signals`` on
   127.0.0.1:5432 as user ``postgres``; see ``--dsn``), migrates it, and creates the 15
   gemeenten of the manifest (real CBS codes) and ``--creditors`` creditors (woningcorporaties,
   energy, water and health insurers) with an API client each.
2. Generates the signals with a fixed seed, as CSV files in the documented template (one file
   per creditor, ``;``-separated): valid BSNs (elfproef), postcodes, amounts, dates 30–100 days
   after the arrears started, the gemeentecode of the address; about 20 % of the addresses get
   signals of two or more creditors (so matching has multiple signals to group).
3. Times, in the same run:

   a. **baseline**: a raw ``COPY ... FROM STDIN (FORMAT csv)`` of exactly the same files into a
      bare table of text columns (no validation, no index, no encryption): the fastest way
      PostgreSQL takes these rows in;
   b. **storage floor** (``--no-floor`` skips it): the baseline's rows stored where intake
      stores them — a case per address, a signal per row, a processing-log record per signal,
      with all the indexes and foreign keys of those tables — by set-based ``INSERT …
      SELECT`` from the baseline's table, in as many parallel sessions as workers, with none
      of intake's work per signal (no validation, routing rules, checks, encryption, keyed
      hashes or matching rules). Its time per step shows what storing alone costs on this
      server, whatever the design of the intake; its ratio to COPY is about what the best
      set-based intake could hope for here. The tables are emptied afterwards;
   c. **intake + matching**: every file through ``intake.receive`` (stored before processing)
      and ``intake.process_delivery`` (stream parsing, validation per row, legal checks,
      routing, BSN encryption, the processing-log records, chunked commits) — which runs
      ``matching.match_signals`` for every gemeente the delivery routed signals to, as in
      production.

   and prints seconds, signals per second and the ratios of the throughputs. Goal: the million
   in at most 120 s and at least 0.2 of COPY's throughput. Printed, never asserted.
4. Checks the result (every signal stored once, every one in a case) and appends a row to
   bench/RESULTS.md; drops the database (``--keep`` keeps it).
"""

import argparse
import datetime
import os
import platform
import random
import sys
import time

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

SECTION = "## Vroegsignalering: intake and matching of a million signals (bench_signals.py)"
DEFAULT_DATABASE = "doorbraak_bench_signals"

GEMEENTEN = [
    ("GM0363", "Amsterdam", 10, 11),
    ("GM0202", "Arnhem", 68, 68),
    ("GM0758", "Breda", 48, 48),
    ("GM0518", "Den Haag", 25, 25),
    ("GM0772", "Eindhoven", 56, 56),
    ("GM0014", "Groningen", 97, 97),
    ("GM0917", "Heerlen", 64, 64),
    ("GM0080", "Leeuwarden", 89, 89),
    ("GM0995", "Lelystad", 82, 82),
    ("GM0356", "Nieuwegein", 34, 34),
    ("GM0599", "Rotterdam", 30, 31),
    ("GM0606", "Schiedam", 31, 31),
    ("GM0855", "Tilburg", 50, 50),
    ("GM0344", "Utrecht", 35, 35),
    ("GM0479", "Zaanstad", 15, 15),
]
KINDS = [
    ("woningcorporatie", "Huur"),
    ("energie", "Energie"),
    ("drinkwater", "Water"),
    ("zorgverzekeraar", "Zorg"),
]
HEADER = (
    "ID;signaalpartner;crisissignaal;warmeOverdracht;bedrag;ontstaansdatum;signaaldatum;"
    "Burgerservicenummer;Voorletters;Voorvoegsel;Achternaam;Geboortedatum;Straatnaam;Postcode;"
    "Huisnummer;Huisnummertoevoeging;Plaatsnaam;gemeentecode;aanmaningsdatum;delen_aangeboden"
)
SURNAMES = ["Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Yilmaz", "Mulder", "Bos"]
PREFIXES = ["", "", "", "de", "van", "van der"]
STREETS = ["Dorpsstraat", "Kerkweg", "Molenlaan", "Schoolstraat", "Beatrixstraat", "Parkweg"]


def bsn(rng: random.Random) -> str:
    """A random nine-digit number that passes the elfproef."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        for last in range(10):
            if (total - last) % 11 == 0 and (digits[0] or digits[1]):
                return "".join(map(str, digits)) + str(last)


def generate(signals: int, creditors: int, seed: int, today: datetime.date) -> list[bytes]:
    """One CSV file per creditor; ~20 % of addresses get a second creditor's signal."""
    rng = random.Random(seed)
    rows: list[list[str]] = [[] for _ in range(creditors)]
    addresses: list[tuple] = []
    for index in range(signals):
        creditor = index % creditors
        if addresses and rng.random() < 0.2:
            address = addresses[rng.randrange(len(addresses))]
        else:
            code, town, low, high = GEMEENTEN[rng.randrange(len(GEMEENTEN))]
            letters = rng.choice("ABCDEGHJKLMN") + rng.choice("ABEGHKLNPRSTVWXZ")
            postcode = f"{rng.randint(low * 100, high * 100 + 99):04d}{letters}"
            address = (
                code,
                town,
                rng.choice(STREETS),
                postcode,
                str(rng.randint(1, 400)),
                rng.choice(["", "", "", "A", "2"]),
                bsn(rng),
                rng.choice(SURNAMES),
                rng.choice(PREFIXES),
                datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 28000)),
            )
            addresses.append(address)
        code, town, street, postcode, number, addition, person_bsn, surname, prefix, born = address
        kind = KINDS[creditor % len(KINDS)][1]
        signal_day = today - datetime.timedelta(days=rng.randint(1, 25))
        started = signal_day - datetime.timedelta(days=rng.randint(30, 100))
        reminder = signal_day - datetime.timedelta(days=rng.randint(7, 20))
        rows[creditor].append(
            ";".join(
                [
                    f"B{creditor:02d}-{index:07d}",
                    kind,
                    "ja" if rng.random() < 0.03 else "nee",
                    "nee",
                    f"{rng.randint(50, 4000)},{rng.randint(0, 99):02d}",
                    started.isoformat(),
                    signal_day.isoformat(),
                    person_bsn,
                    rng.choice("ABCDEFGHJKLMNPRSTW") + ".",
                    prefix,
                    surname,
                    born.isoformat(),
                    street,
                    postcode,
                    number,
                    addition,
                    town,
                    code,
                    reminder.isoformat(),
                    "ja",
                ]
            )
        )
    return [("\n".join([HEADER, *lines]) + "\n").encode() for lines in rows]


# --- the two measurements ------------------------------------------------------------------


def copy_baseline(files: list[bytes]) -> float:
    """COPY the same CSV bytes into a bare table of text columns."""
    from django.db import connection

    columns = HEADER.split(";")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_signals_raw")
        cursor.execute(
            "CREATE TABLE bench_signals_raw ("
            + ", ".join(f'"{name}" text' for name in columns)
            + ")"
        )
    connection.commit() if not connection.get_autocommit() else None
    raw = connection.connection
    started = time.perf_counter()
    with raw.cursor() as cursor:
        for payload in files:
            with cursor.copy(
                "COPY bench_signals_raw FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)"
            ) as copy:
                for offset in range(0, len(payload), 1 << 20):
                    copy.write(payload[offset : offset + (1 << 20)])
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_signals_raw")
        count = cursor.fetchone()[0]
    if count != sum(p.count(b"\n") - 1 for p in files):
        raise BenchError(f"COPY stored {count} rows")
    return elapsed  # the table stays for storage_floor(); drop_raw() drops it


def drop_raw() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_signals_raw, bench_floor_rows")


# What the floor writes per case, signal and log record: the columns intake fills, with values
# the database computes from the baseline's rows (hashes by sha256(), not the keyed hashes;
# ids, uuids and dates ordered as intake's are). Nothing intake checks per signal is done.
_FLOOR_ROWS = """
CREATE UNLOGGED TABLE bench_floor_rows AS
SELECT r.*, row_number() OVER () AS n, o.id AS organisation_id,
  encode(sha256(convert_to(concat_ws('|', upper(replace(r."Postcode", ' ', '')), r."Huisnummer",
    upper(coalesce(r."Huisnummertoevoeging", ''))), 'UTF8')), 'hex') AS akey
FROM bench_signals_raw r JOIN core_organisation o ON o.cbs_code = r.gemeentecode;
ANALYZE bench_floor_rows
"""
_FLOOR_CASES = """
INSERT INTO signals_signalcase (uuid, address_key, wijk_code, kind, status, priority, crisis,
  creditor_count, signal_count, total_amount, already_known, matchingsdatum,
  startdatum_matchingperiode, einddatum_matchingperiode, resultaat, deadline, created_at,
  organisation_id)
SELECT lpad(to_hex(min(f.n)), 32, '0')::uuid, f.akey, '',
  CASE WHEN count(*) > 1 THEN 'meervoudig' ELSE 'enkelvoudig' END, 'open', count(*)::int,
  bool_or(f.crisissignaal = 'ja'), count(DISTINCT f.signaalpartner), count(*),
  sum(replace(f.bedrag, ',', '.')::numeric), false, current_date, min(f.signaaldatum::date),
  min(f.signaaldatum::date) + 59, '', current_date + 28, now(), min(f.organisation_id)
FROM bench_floor_rows f GROUP BY f.akey ORDER BY min(f.n);
ANALYZE signals_signalcase
"""
_FLOOR_SIGNALS = """
INSERT INTO signals_signal (uuid, external_id, signaalpartner, crisissignaal, warme_overdracht,
  bedrag, ontstaansdatum, signaaldatum, aanmaningsdatum, delen_aangeboden, status,
  bsn_encrypted, bsn_hash, voorletters, voorvoegsel, achternaam, geboortedatum, straatnaam,
  postcode, huisnummer, huisnummertoevoeging, plaatsnaam, telefoon, email, birth_year,
  address_key, gemeente_code, wijk_code, routing, check_flags, feedback, received_at,
  creditor_id, delivery_id, organisation_id, case_id)
SELECT lpad(to_hex(f.n), 32, '0')::uuid, f."ID", f.signaalpartner, f.crisissignaal = 'ja',
  f."warmeOverdracht" = 'ja', replace(f.bedrag, ',', '.')::numeric, f.ontstaansdatum::date,
  f.signaaldatum::date, f.aanmaningsdatum::date, f.delen_aangeboden = 'ja', 'nieuw',
  'g1:' || encode(sha256(convert_to(f."ID", 'UTF8'))
    || substr(sha256(convert_to(f."Burgerservicenummer", 'UTF8')), 1, 5), 'base64'),
  encode(sha256(convert_to(f."Burgerservicenummer", 'UTF8')), 'hex'), f."Voorletters",
  coalesce(f."Voorvoegsel", ''), f."Achternaam", f."Geboortedatum"::date, f."Straatnaam",
  f."Postcode", f."Huisnummer", coalesce(f."Huisnummertoevoeging", ''), f."Plaatsnaam", '', '',
  extract(year FROM f."Geboortedatum"::date), f.akey, f.gemeentecode, '', 'gerouteerd',
  '[]'::jsonb, '', now(), %(creditor)s, %(delivery)s, c.organisation_id, c.id
FROM bench_floor_rows f JOIN signals_signalcase c ON c.address_key = f.akey
WHERE f.n %% %(sessions)s = %(session)s ORDER BY f.n
"""
_FLOOR_LOG = """
INSERT INTO audit_processinglogentry (occurred_at, trace_id, span_id, parent_span_id, action,
  status, purpose, legal_basis, actor_user_uuid, actor_label, actor_role, api_client_uuid,
  subject_type, subject_pseudonym, object_type, object_uuid, detail, activity_id,
  actor_organisation_id, controller_id)
SELECT now(), md5(%(delivery)s::text), substr(md5(s.id::text), 1, 16), '', 'create', 'ok',
  a.purpose, a.legal_basis, NULL, 'bench', 'api', NULL, 'bsn',
  encode(sha256(convert_to('subject:bsn:' || s.bsn_hash, 'UTF8')), 'hex'), '', NULL,
  'vroegsignaal ontvangen, levering bench', a.id, %(creditor)s, s.organisation_id
FROM signals_signal s, audit_processingactivity a
WHERE a.code = 'vroegsignaal-ontvangen' AND s.id %% %(sessions)s = %(session)s ORDER BY s.id
"""


def storage_floor(actors, sessions: int) -> float:
    """What storing alone costs on this server: the baseline's rows stored where intake
    stores them (a case per address, a signal per row, a processing-log record per signal,
    with every index and foreign key those tables have) by set-based SQL from the baseline's
    table (the cases in one statement, as grouping needs every row; signals and log records
    in ``sessions`` parallel sessions, like the workers), without anything intake does
    per signal in between: no validation, routing rules, legal checks, encryption, keyed
    hashes or matching rules. Each statement commits without waiting for the disk and checks
    its foreign keys as intake does. The tables are emptied afterwards (not timed), so intake
    starts from the same state. Returns the seconds."""
    import concurrent.futures

    from django.db import connection

    import psycopg

    from doorbraak.signals.models import Channel, Delivery

    creditor = actors[0][0]
    delivery = Delivery.objects.create(
        creditor=creditor, channel=Channel.API, file_name="floor.csv", size=0, sha256=""
    )
    params = {"creditor": creditor.pk, "delivery": delivery.pk, "sessions": sessions}
    conninfo = connection.get_connection_params()
    conninfo.pop("cursor_factory", None)
    conninfo.pop("context", None)

    def run(statement: str, session: int = 0) -> None:
        with psycopg.connect(**conninfo) as conn:
            conn.execute("SET synchronous_commit = off")
            conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for part in statement.split(";\n"):
                conn.execute(part, {**params, "session": session} if "%(" in part else None)

    def parallel(statement: str) -> None:
        with concurrent.futures.ThreadPoolExecutor(sessions) as pool:
            list(pool.map(lambda k: run(statement, k), range(sessions)))

    elapsed, steps = 0.0, []
    for name, do in [
        ("staging rows", lambda: run(_FLOOR_ROWS)),
        ("cases", lambda: run(_FLOOR_CASES)),
        ("signals", lambda: parallel(_FLOOR_SIGNALS)),
        ("log records", lambda: parallel(_FLOOR_LOG)),
    ]:
        started = time.perf_counter()
        do()
        seconds = time.perf_counter() - started
        elapsed += seconds
        steps.append(f"{name} {seconds:.1f} s")
    print(f"Storage floor: {', '.join(steps)}", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM signals_signal")
        stored = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM bench_signals_raw")
        expected = cursor.fetchone()[0]
        cursor.execute(
            "TRUNCATE signals_signal, signals_signalcase, audit_processinglogentry CASCADE"
        )
    delivery.delete()
    if stored != expected:
        raise BenchError(f"the storage floor stored {stored} signals of {expected}")
    return elapsed


def create_world(creditors: int):
    from doorbraak.core.actors import Actor
    from doorbraak.core.models import ApiClient, Organisation, OrganisationType

    for code, town, _low, _high in GEMEENTEN:
        Organisation.objects.update_or_create(
            cbs_code=code,
            defaults={
                "name": f"Gemeente {town}",
                "type": OrganisationType.GEMEENTE,
                "active": True,
            },
        )
    actors = []
    for index in range(creditors):
        kind = KINDS[index % len(KINDS)][0]
        creditor = Organisation.objects.create(
            name=f"Schuldeiser {index:02d} ({kind})",
            type=OrganisationType.CREDITEUR,
            creditor_kind=kind,
            active=True,
        )
        token, prefix, digest = ApiClient.new_token()
        client = ApiClient.objects.create(
            organisation=creditor, name="bench", token_prefix=prefix, token_hash=digest
        )
        actors.append(
            (
                creditor,
                Actor(client=ApiClient.objects.select_related("organisation").get(pk=client.pk)),
            )
        )
    return actors


def _worker_ready() -> int:
    """Runs in each worker: Django set up and connected before the clock starts (a running
    task worker is warm too)."""
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return os.getpid()


def _worker_process(delivery_id: int, today: datetime.date) -> tuple[int, int]:
    from doorbraak.signals import intake

    delivery = intake.process_delivery(delivery_id, today=today)
    return delivery.rows_accepted, delivery.rows_rejected


def intake_and_matching(files: list[bytes], actors, today, workers: int) -> tuple[float, list]:
    """Every file received (stored, in this process, as the API does) and processed by
    ``workers`` processes, as ``db_worker`` processes run ``tasks_intake.process_delivery`` in
    production. Returns the seconds and (accepted, rejected) per delivery."""
    import multiprocessing

    from django.db import connection

    from doorbraak.signals import intake
    from doorbraak.signals.models import Channel

    if workers <= 1:
        started = time.perf_counter()
        results = []
        for payload, (creditor, actor) in zip(files, actors, strict=True):
            delivery = intake.receive(actor, creditor, payload, "signalen.csv", Channel.API)
            done = intake.process_delivery(delivery.pk, today=today)
            results.append((done.rows_accepted, done.rows_rejected))
        return time.perf_counter() - started, results
    connection.close()  # nothing shared with the workers
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        ready = pool.starmap(_worker_ready, [()] * workers * 2)
        if len(set(ready)) < workers:
            raise BenchError(f"only {len(set(ready))} of {workers} workers started")
        started = time.perf_counter()
        pending = []
        for payload, (creditor, actor) in zip(files, actors, strict=True):
            delivery = intake.receive(actor, creditor, payload, "signalen.csv", Channel.API)
            pending.append(pool.apply_async(_worker_process, (delivery.pk, today)))
        results = [job.get() for job in pending]
        elapsed = time.perf_counter() - started
    return elapsed, results


def check(expected: int) -> dict:
    from doorbraak.signals.models import Signal, SignalCase

    stored = Signal.objects.count()
    without_case = Signal.objects.filter(case__isnull=True).count()
    cases = SignalCase.objects.count()
    multiple = SignalCase.objects.filter(signal_count__gt=1).count()
    if stored != expected:
        raise BenchError(f"{stored} signals stored, expected {expected}")
    if without_case:
        raise BenchError(f"{without_case} signals are not in a case")
    return {"cases": cases, "multiple": multiple}


COLUMNS = [
    "Date (UTC)",
    "Machine",
    "CPU",
    "Cores",
    "PostgreSQL",
    "Signals",
    "Creditors",
    "Workers",
    "COPY s",
    "COPY signals/s",
    "Intake+matching s",
    "Signals/s",
    "Ratio",
    "Floor s",
    "Floor ratio",
    "Cases",
    "Multiple",
    "Load",
    "Commit",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signals", type=int, default=1_000_000)
    parser.add_argument("--creditors", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--dsn", default=DEFAULT_DSN)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that process deliveries, as db_worker processes (default: the cores)",
    )
    parser.add_argument(
        "--no-floor",
        action="store_true",
        help="skip the storage floor (the same rows stored by set-based SQL alone)",
    )
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)

    # Processing runs in this process; nothing is left for a worker.
    tasks = {"DOORBRAAK_TASK_BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    with django_on_throwaway_database(
        args.dsn, args.database, SETTINGS, keep=args.keep, extra_env=tasks
    ):
        from django.db import connection
        from django.utils import timezone

        today = timezone.localdate()
        started = time.perf_counter()
        files = generate(args.signals, args.creditors, args.seed, today)
        size = sum(len(f) for f in files)
        print(
            f"Generated {args.signals:,} signals in {len(files)} files "
            f"({size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        actors = create_world(args.creditors)
        copy_s = copy_baseline(files)
        print(f"COPY baseline: {copy_s:.2f} s, {args.signals / copy_s:,.0f} rows/s", flush=True)
        floor_s = None
        if not args.no_floor:
            floor_s = storage_floor(actors, max(args.workers, 1))
            print(
                f"Storage floor (set-based SQL, {max(args.workers, 1)} session(s)): "
                f"{floor_s:.2f} s, {args.signals / floor_s:,.0f} signals/s, ratio to COPY "
                f"{copy_s / floor_s:.3f} (storing alone, none of intake's work per signal)",
                flush=True,
            )
        drop_raw()
        intake_s, deliveries = intake_and_matching(files, actors, today, args.workers)
        rejected = sum(r for _accepted, r in deliveries)
        if rejected:
            raise BenchError(f"{rejected} rows were rejected; the generator should make none")
        result = check(args.signals)
        ratio = copy_s / intake_s
        print(
            f"Intake + matching ({args.workers} worker(s)): {intake_s:.2f} s, "
            f"{args.signals / intake_s:,.0f} signals/s, "
            f"{result['cases']:,} cases ({result['multiple']:,} with several signals)"
        )
        print(
            f"Ratio of throughputs (intake / COPY): {ratio:.3f} "
            f"(goal ≥ 0.2); the million in {intake_s * 1_000_000 / args.signals:.0f} s "
            "(goal ≤ 120 s)"
        )
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        cpu, cores, load = cpu_model(), os.cpu_count() or 0, os.getloadavg()[0]
        row = (
            f"| {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} | {platform.node()[:12]} | "
            f"{cpu[:24]} | {cores} | {version} | {args.signals:,} | {args.creditors} | "
            f"{args.workers} | "
            f"{copy_s:.2f} | {args.signals / copy_s:,.0f} | {intake_s:.1f} | "
            f"{args.signals / intake_s:,.0f} | {ratio:.3f} | "
            + (f"{floor_s:.1f} | {copy_s / floor_s:.3f} | " if floor_s else "– | – | ")
            + f"{result['cases']:,} | "
            f"{result['multiple']:,} | {load:.1f} | {git_commit()} |"
        )
        if not args.no_record:
            append_row(SECTION, COLUMNS, row)
            print(f"Recorded in {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
