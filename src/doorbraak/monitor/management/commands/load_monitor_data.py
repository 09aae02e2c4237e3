"""Load the figures of the dashboard sociale impact from the files in monitor/data/."""

from django.core.management.base import BaseCommand

from doorbraak.monitor.loader import load


class Command(BaseCommand):
    help = (
        "Load the CBS Kerncijfers wijken en buurten 2024, the RIVM weekly COVID-19 figures per "
        "gemeente and the 16 stedelijke vernieuwingsgebieden (idempotent)."
    )

    def handle(self, *args, **options):
        counts = load()
        self.stdout.write(
            f"{counts['indicators']} indicatoren, {counts['values']} waarden, "
            f"{counts['areas']} gebieden geladen."
        )
