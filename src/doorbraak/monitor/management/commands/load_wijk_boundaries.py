"""``doorbraak load_wijk_boundaries``: wijk boundaries of the CBS wijk- en buurtkaart.

    doorbraak load_wijk_boundaries wijken.geojson [--year 2024]
    doorbraak load_wijk_boundaries --pdok [--gemeente GM0599] [--year 2024]

A file in the PDOK GeoJSON format (RD New or WGS84), or straight from the PDOK WFS
``https://service.pdok.nl/cbs/wijkenbuurten/<year>/wfs/v1_0`` (feature type
``wijkenbuurten:wijken``). The boundaries of every gemeente in the answer are replaced in one
transaction; an empty answer changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doorbraak.monitor import boundaries, services


class Command(BaseCommand):
    help = "Load wijk boundaries (CBS wijk- en buurtkaart) from a GeoJSON file or from PDOK."
    #: Tests replace the transport; the command itself uses urllib.
    transport = staticmethod(boundaries.urllib_transport)

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="a GeoJSON FeatureCollection")
        parser.add_argument("--pdok", action="store_true", help="fetch from the PDOK WFS")
        parser.add_argument("--year", type=int, default=2024, help="CBS year of the division")
        parser.add_argument("--gemeente", default="", help="only this gemeente (GMxxxx)")
        parser.add_argument("--base-url", default="", help="another WFS address (a mirror)")
        parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")

    def handle(self, *args, file, pdok, year, gemeente, base_url, timeout, **options):
        if bool(file) == bool(pdok):
            raise CommandError("Geef een GeoJSON-bestand óf --pdok op.")
        gemeente = gemeente.strip().upper()
        if gemeente and not boundaries.GEMEENTE_CODE.match(gemeente):
            raise CommandError(f"--gemeente '{gemeente}' is geen CBS-gemeentecode (GMxxxx).")
        try:
            if pdok:
                source = base_url or boundaries.PDOK_WFS.format(year=year)
                shapes = boundaries.fetch(
                    year,
                    gemeente=gemeente or None,
                    transport=self.transport,
                    timeout=timeout,
                    base_url=base_url or None,
                )
                source = f"PDOK, CBS wijk- en buurtkaart {year} ({source})"
            else:
                shapes = boundaries.read_file(file)
                if gemeente:
                    shapes = [s for s in shapes if s.gemeente_code == gemeente]
                source = f"Bestand {file.name}"
        except boundaries.BoundaryError as error:
            self.stderr.write(f"Wijkgrenzen niet geladen: {error}.")
            raise SystemExit(1) from None
        if not shapes:
            self.stdout.write("Geen wijken in het antwoord; niets gewijzigd.")
            return
        result = services.store_wijk_boundaries(shapes, year, source)
        self.stdout.write(
            f"{result.wijken} wijken van {result.gemeenten} gemeente(n) geladen voor "
            f"CBS-jaar {year} ({result.points} punten na vereenvoudiging)."
        )
