"""``doorbraak synth_population``: a synthetic population for the stapeling pages and bench.

Persons per wijk follow the real CBS 2024 residents; the problem flags are illustrative
(``monitor/stapeling/synth.py``). Every page that shows these figures says "synthetische
gegevens".
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from doorbraak.monitor.stapeling import synth


class Command(BaseCommand):
    help = "Write a synthetic, pseudonymised person-level population to a Parquet file."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="the Parquet file to write")
        parser.add_argument(
            "--persons", type=int, default=None, help="default: the 2024 residents of all wijken"
        )
        parser.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
        parser.add_argument("--periods", type=int, nargs="+", default=list(synth.DEFAULT_PERIODS))

    def handle(self, *args, out, persons, seed, periods, **options):
        summary = synth.generate(out, persons, seed=seed, periods=periods)
        self.stdout.write(
            f"Synthetische gegevens: {summary.persons} personen per periode, "
            f"{summary.rows} rijen, naar {out} ({summary.seconds:.1f} s)."
        )
