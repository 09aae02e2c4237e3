"""Fetch a CBS open data (OData v3) table and store it as monitor indicators and values."""

from django.core.management.base import BaseCommand

from doorbraak.monitor.cbs.client import (
    DEFAULT_BASE_URL,
    CbsClient,
    CbsError,
    CbsUnavailable,
    DirectoryTransport,
)
from doorbraak.monitor.cbs.store import fetch, store


class Command(BaseCommand):
    help = (
        "Fetch a CBS open data table (e.g. 85984NED, 70072NED) from the OData v3 API and store "
        "its numeric columns as indicators with title, unit and description from DataProperties "
        "(idempotent: the table is replaced as a whole)."
    )

    #: The client factory; tests replace it to replay recorded responses.
    client_class = CbsClient

    def add_arguments(self, parser):
        parser.add_argument("table", help="CBS table identifier, e.g. 85984NED")
        parser.add_argument("--base-url", default=DEFAULT_BASE_URL, help="OData base URL")
        parser.add_argument(
            "--select", default="", help="comma-separated Topic keys (default: all columns)"
        )
        parser.add_argument(
            "--filter",
            default="",
            help="OData $filter, e.g. \"substringof('GM0599',WijkenEnBuurten)\"",
        )
        parser.add_argument(
            "--from-dir",
            default="",
            help="load saved answers from this folder instead of the API (TableInfos.json, "
            "DataProperties.json, TypedDataSet.json, TypedDataSet_skip<N>.json)",
        )
        parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")

    def handle(self, *args, **options):
        table = options["table"].strip()
        select = [key.strip() for key in options["select"].split(",") if key.strip()] or None
        if options["from_dir"]:
            client = CbsClient(
                options["base_url"], transport=DirectoryTransport(options["from_dir"])
            )
        else:
            client = self.client_class(options["base_url"], timeout=options["timeout"])
        try:
            fetched = fetch(client, table, select=select, filter=options["filter"] or None)
            if not fetched.rows:
                self.stdout.write(
                    f"{fetched.identifier}: CBS gaf geen rijen terug voor deze selectie; "
                    "niets gewijzigd."
                )
                return
            result = store(fetched, select=select)
        except (CbsUnavailable, CbsError) as error:
            self.stderr.write(str(error))
            raise SystemExit(1) from None
        self.stdout.write(
            f"{result.identifier} — {result.title} ({result.period}): "
            f"{result.columns} kolommen, {result.indicators} indicatoren, "
            f"{result.rows} rijen, {result.values} waarden opgeslagen."
        )
        if result.skipped_rows:
            skipped = ", ".join(f"{k}: {n}" for k, n in sorted(result.skipped_rows.items()))
            self.stdout.write(f"Overgeslagen rijen (regiosoort niet in het dashboard): {skipped}.")
