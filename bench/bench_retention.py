"""Benchmark: the retention of vroegsignalering at volume, on PostgreSQL.

Run from the repository root (``make bench`` does this)::

    .venv/bin/python bench/bench_retention.py [--signals 200000]

What it does:

1. Creates a throwaway PostgreSQL database (default ``doorbraak_bench_retention`` on
   127.0.0.1:5432 as user ``postgres``; see ``--dsn``) and migrates it; creates three
   gemeenten and a creditor with one delivery.
2. Fills it with set-based SQL: ``--signals`` signals with personal data (90 % in cases of two
   signals, 10 % never matched), received half a year before "now"; nine in ten cases closed
   without help, one in ten with help (kept); a contact attempt with a note for every other
   case. Then ``ANALYZE``, as autovacuum would.
3. Times, in the same run:

   a. **baseline**: the bare ``UPDATE`` that clears the personal fields of exactly the
      signals that are due (one statement, no log, no batches), rolled back;
   b. **retention**: ``signals.retention.purge(now)``, as the nightly task runs it: the due
      signals found per gemeente, anonymised, each logged in the processing log, the notes
      of their contact attempts cleared and their cases marked.

   and prints seconds, signals per second, the ratio of the two and the growth of the
   process's peak memory (``ru_maxrss``) during ``purge``.
4. Checks the result (every due signal anonymised, one processing-log record each, the
   helped cases untouched), appends a row to bench/RESULTS.md and drops the database
   (``--keep`` keeps it). There are no thresholds: compare runs on one machine.
"""

import argparse
import datetime
import os
import platform
import resource
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

SECTION = "## Vroegsignalering: retention at volume (bench_retention.py)"
DEFAULT_DATABASE = "doorbraak_bench_retention"
GEMEENTEN = [("GM0599", "Rotterdam"), ("GM0518", "Den Haag"), ("GM0344", "Utrecht")]

# Cases first (two signals each), then the signals: the first 90 % in a case, the rest never
# matched. Every tenth case was closed with help. Values as intake stores them (lengths of the
# encrypted BSN and the keyed hashes), computed by the database.
_CASES = """
INSERT INTO signals_signalcase (id, uuid, address_key, wijk_code, kind, status, priority, crisis,
  creditor_count, signal_count, total_amount, already_known, matchingsdatum,
  startdatum_matchingperiode, einddatum_matchingperiode, resultaat, deadline, created_at,
  closed_at, organisation_id)
SELECT g, lpad(to_hex(g), 32, '0')::uuid, encode(sha256(convert_to('a' || g, 'UTF8')), 'hex'),
  '', 'meervoudig', %(closed)s, 10, false, 2, 2, 900, false, %(day)s, %(day)s, %(day)s + 59,
  CASE WHEN g %% 10 = 0 THEN %(helped)s ELSE %(no_help)s END, %(day)s + 28, %(received)s,
  %(received)s, (%(gemeenten)s::bigint[])[1 + g %% 3]
FROM generate_series(1, %(cases)s) g;
SELECT setval(pg_get_serial_sequence('signals_signalcase', 'id'), %(cases)s + 1);
INSERT INTO signals_contactattempt (uuid, case_id, soort, bereikt, datum, dagdeel, note,
  created_at)
SELECT gen_random_uuid(), g, 'Telefonisch', false, %(day)s, 'Ochtend',
  'Gebeld met mevrouw, zij vraagt om een terugbelverzoek op dinsdag.', %(received)s
FROM generate_series(2, %(cases)s, 2) g
"""
_SIGNALS = """
INSERT INTO signals_signal (uuid, external_id, signaalpartner, crisissignaal, warme_overdracht,
  bedrag, ontstaansdatum, signaaldatum, aanmaningsdatum, delen_aangeboden, status,
  bsn_encrypted, bsn_hash, voorletters, voorvoegsel, achternaam, geboortedatum, straatnaam,
  postcode, huisnummer, huisnummertoevoeging, plaatsnaam, telefoon, email, birth_year,
  address_key, gemeente_code, wijk_code, routing, check_flags, feedback, received_at,
  creditor_id, delivery_id, organisation_id, case_id)
SELECT lpad(to_hex(g), 32, '0')::uuid, 'R-' || g, 'Huur', false, false, 450, %(day)s - 60,
  %(day)s, %(day)s - 14, true, 'nieuw',
  'g1:' || encode(sha256(convert_to('e' || g, 'UTF8')) || '\\x0102030405'::bytea, 'base64'),
  encode(sha256(convert_to('b' || g, 'UTF8')), 'hex'), 'J.', 'van', 'Jansen', '1980-05-01',
  'Dorpsstraat', '3011AB', (1 + g %% 400)::text, '', 'Rotterdam', '0612345678',
  'inwoner@example.nl', 1980, encode(sha256(convert_to('a' || ((g + 1) / 2), 'UTF8')), 'hex'),
  'GM0599', '', 'gerouteerd', '[]', '', %(received)s, %(creditor)s, %(delivery)s,
  (%(gemeenten)s::bigint[])[1 + ((g + 1) / 2) %% 3],
  CASE WHEN g <= 2 * %(cases)s THEN (g + 1) / 2 END
FROM generate_series(1, %(signals)s) g;
ANALYZE signals_signal;
ANALYZE signals_signalcase;
ANALYZE signals_contactattempt
"""
_BASELINE = """
UPDATE signals_signal SET anonymised_at = %(now)s, bsn_encrypted = '', bsn_hash = '',
  voorletters = '', voorvoegsel = '', achternaam = '', geboortedatum = NULL, birth_year = NULL,
  straatnaam = '', postcode = '', huisnummer = '', huisnummertoevoeging = '', plaatsnaam = '',
  telefoon = '', email = ''
WHERE anonymised_at IS NULL AND (case_id IS NULL OR case_id %% 10 <> 0)
"""


def fill(signals: int) -> dict:
    from django.db import connection

    from doorbraak.core.models import Organisation, OrganisationType
    from doorbraak.signals.codes import Eindresultaat
    from doorbraak.signals.models import CaseStatus, Channel, Delivery

    gemeenten = [
        Organisation.objects.create(
            name=f"Gemeente {town}", type=OrganisationType.GEMEENTE, cbs_code=code, active=True
        ).pk
        for code, town in GEMEENTEN
    ]
    creditor = Organisation.objects.create(
        name="Woningcorporatie Benchmark",
        type=OrganisationType.CREDITEUR,
        creditor_kind="woningcorporatie",
        active=True,
    )
    delivery = Delivery.objects.create(
        creditor=creditor, channel=Channel.API, file_name="bench.csv", size=0, sha256=""
    )
    now = datetime.datetime.now(datetime.UTC)
    received = now - datetime.timedelta(days=180)
    params = {
        "signals": signals,
        "cases": signals * 9 // 20,
        "gemeenten": gemeenten,
        "creditor": creditor.pk,
        "delivery": delivery.pk,
        "received": received,
        "day": received.date(),
        "closed": CaseStatus.CLOSED.value,
        "helped": Eindresultaat.ADVIES_QUICK_FIX.value,
        "no_help": Eindresultaat.ANDERE_REDEN.value,
        "now": now,
    }
    with connection.cursor() as cursor:
        for statement in (_CASES + ";\n" + _SIGNALS).split(";\n"):
            cursor.execute(statement, params)
    return params


def baseline(params: dict) -> tuple[float, int]:
    """The bare UPDATE of the due signals, timed and rolled back."""
    from django.db import connection, transaction

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                started = time.perf_counter()
                cursor.execute(_BASELINE, params)
                elapsed = time.perf_counter() - started
                rows = cursor.rowcount
            raise Rollback
    except Rollback:
        pass
    return elapsed, rows


def check(params: dict, due: int, log_before: int) -> None:
    from doorbraak.audit.models import Action, ProcessingLogEntry
    from doorbraak.signals.models import ContactAttempt, Signal, SignalCase

    anonymised = Signal.objects.exclude(anonymised_at=None).count()
    if anonymised != due:
        raise BenchError(f"{anonymised} signals anonymised, expected {due}")
    if Signal.objects.exclude(anonymised_at=None).exclude(bsn_hash="").exists():
        raise BenchError("an anonymised signal still has its BSN hash")
    logged = ProcessingLogEntry.objects.filter(action=Action.DELETE).count() - log_before
    if logged != due:
        raise BenchError(f"{logged} processing-log records for {due} anonymised signals")
    helped = Signal.objects.filter(case__resultaat=params["helped"])
    if helped.exclude(anonymised_at=None).exists():
        raise BenchError("a signal of a helped case was anonymised")
    if ContactAttempt.objects.filter(case__resultaat=params["no_help"]).exclude(note="").exists():
        raise BenchError("a note of a case without help was kept")
    if SignalCase.objects.filter(resultaat=params["no_help"], anonymised_at=None).exists():
        raise BenchError("a case without help was not marked anonymised")


COLUMNS = [
    "Date (UTC)",
    "Machine",
    "CPU",
    "Cores",
    "PostgreSQL",
    "Signals",
    "Due",
    "Baseline s",
    "Purge s",
    "Signals/s",
    "× baseline",
    "Peak memory +MB",
    "Load",
    "Commit",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signals", type=int, default=200_000)
    parser.add_argument("--dsn", default=DEFAULT_DSN)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)

    with django_on_throwaway_database(args.dsn, args.database, SETTINGS, keep=args.keep):
        from django.db import connection

        from doorbraak.audit.models import Action, ProcessingLogEntry
        from doorbraak.signals import retention

        started = time.perf_counter()
        params = fill(args.signals)
        print(
            f"Filled {args.signals:,} signals in {params['cases']:,} cases "
            f"in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        base_s, due = baseline(params)
        print(f"Baseline (one bare UPDATE of the {due:,} due signals): {base_s:.2f} s", flush=True)
        log_before = ProcessingLogEntry.objects.filter(action=Action.DELETE).count()
        memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        result = retention.purge(now=params["now"])
        purge_s = time.perf_counter() - started
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before) / 1024
        if result.signals != due:
            raise BenchError(f"purge anonymised {result.signals} signals, expected {due}")
        check(params, due, log_before)
        print(
            f"Retention: {purge_s:.2f} s for {due:,} signals ({due / purge_s:,.0f} signals/s, "
            f"{purge_s / base_s:.1f} × the bare UPDATE), {result.cases:,} cases; peak memory "
            f"+{grown:.0f} MB"
        )
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        row = (
            f"| {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} | {platform.node()[:12]} | "
            f"{cpu_model()[:24]} | {os.cpu_count() or 0} | {version} | {args.signals:,} | "
            f"{due:,} | {base_s:.2f} | {purge_s:.1f} | {due / purge_s:,.0f} | "
            f"{purge_s / base_s:.1f} | {grown:.0f} | {os.getloadavg()[0]:.1f} | {git_commit()} |"
        )
        if not args.no_record:
            append_row(SECTION, COLUMNS, row)
            print(f"Recorded in {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
