"""``manage.py load_postcodes <csv>``: load the postcode table and route waiting signals.

The file has the columns ``postcode;gemeentecode;wijkcode;buurtcode`` (``;`` or ``,``, a header
row, UTF-8 or Windows-1252), e.g. a PC6 table derived from CBS *Wijk- en buurtkaart* with
CBS codes (GM0599, WK059901, BU05990101). Loading the same file twice changes nothing; a changed
row is updated. Afterwards the waiting (unroutable) signals are routed again.
"""

import csv
import io

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from doorbraak.core.actors import Actor
from doorbraak.signals import parsing, routing, validation
from doorbraak.signals.models import PostcodeArea

BATCH = 2000


def load(stream, source: str = "") -> dict:
    """Load rows from a binary stream; returns {"created", "updated", "unchanged", "skipped"}."""
    encoding = parsing.detect_encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    first = text.readline()
    text.seek(0)
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(text, delimiter=delimiter)
    header = [h.strip().lower().lstrip("\ufeff") for h in next(reader, [])]
    missing = [c for c in ("postcode", "gemeentecode") if c not in header]
    if missing:
        raise CommandError(f"missing column(s): {', '.join(missing)}")
    index = {name: header.index(name) for name in header}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    batch: dict[str, dict] = {}

    def cell(row, name):
        i = index.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    def flush():
        existing = {a.postcode: a for a in PostcodeArea.objects.filter(postcode__in=batch)}
        new, changed = [], []
        for postcode, fields in batch.items():
            area = existing.get(postcode)
            if area is None:
                new.append(PostcodeArea(postcode=postcode, **fields))
            elif any(getattr(area, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(area, k, v)
                changed.append(area)
            else:
                counts["unchanged"] += 1
        with transaction.atomic():
            PostcodeArea.objects.bulk_create(new, batch_size=1000)
            PostcodeArea.objects.bulk_update(
                changed, ["gemeente_code", "wijk_code", "buurt_code", "source"], batch_size=1000
            )
        counts["created"] += len(new)
        counts["updated"] += len(changed)
        batch.clear()

    for row in reader:
        postcode = validation.normalise_postcode(cell(row, "postcode"))
        code = validation.normalise_gemeentecode(cell(row, "gemeentecode"))
        if not validation.POSTCODE.match(postcode) or code is None:
            counts["skipped"] += 1
            continue
        batch[postcode] = {
            "gemeente_code": code,
            "wijk_code": cell(row, "wijkcode")[:8],
            "buurt_code": cell(row, "buurtcode")[:10],
            "source": source[:200],
        }
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return counts


class Command(BaseCommand):
    help = "Load the postcode table (postcode;gemeentecode;wijkcode;buurtcode) and re-route."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--source", default="", help="Where the table comes from.")

    def handle(self, *args, **options):
        path = options["path"]
        try:
            with open(path, "rb") as stream:
                counts = load(stream, options["source"] or path.rsplit("/", 1)[-1])
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        result = routing.reroute_waiting(Actor())
        self.stdout.write(
            "postcodes: {created} new, {updated} changed, {unchanged} unchanged, "
            "{skipped} skipped".format(**counts)
        )
        self.stdout.write(
            "waiting signals: {routed} routed, {waiting} still waiting".format(**result)
        )
