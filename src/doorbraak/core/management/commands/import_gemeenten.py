"""Load the municipalities of a CBS year as organisations (idempotent, all or nothing)."""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from doorbraak.core.models import Organisation, OrganisationType
from doorbraak.core.validators import validate_cbs_gemeente_code

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "data" / "gemeenten_2024.csv"
COLUMNS = ["gemeentecode", "gemeentenaam", "inwoners_2024"]


def read_gemeenten(path: Path) -> list[dict]:
    """Parse and check the whole file first; report every bad line with its number."""
    rows, errors = [], []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise CommandError(
                f"{path.name}: verwachte kolommen {', '.join(COLUMNS)}, "
                f"gevonden {', '.join(reader.fieldnames or [])}."
            )
        for line, record in enumerate(reader, start=2):
            code = (record["gemeentecode"] or "").strip()
            name = (record["gemeentenaam"] or "").strip()
            try:
                validate_cbs_gemeente_code(code)
            except ValidationError:
                errors.append(
                    f"regel {line}: gemeentecode '{code}' is geen CBS-code (GM + 4 cijfers)"
                )
                continue
            if not name:
                errors.append(f"regel {line}: gemeentenaam ontbreekt")
                continue
            try:
                residents = int(record["inwoners_2024"])
            except (TypeError, ValueError):
                errors.append(
                    f"regel {line}: inwoners_2024 '{record['inwoners_2024']}' is geen geheel getal"
                )
                continue
            rows.append({"cbs_code": code, "name": name, "residents": residents})
    if errors:
        raise CommandError("Niets ingelezen. " + "; ".join(errors))
    return rows


class Command(BaseCommand):
    help = "Load the CBS municipalities as organisations of type gemeente (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)

    @transaction.atomic
    def handle(self, *args, file: Path, **options):
        rows = read_gemeenten(file)
        existing = {o.cbs_code: o for o in Organisation.objects.filter(cbs_code__isnull=False)}
        created = updated = 0
        for row in rows:
            organisation = existing.get(row["cbs_code"])
            if organisation is None:
                Organisation.objects.create(type=OrganisationType.GEMEENTE, **row)
                created += 1
            elif (organisation.name, organisation.residents) != (row["name"], row["residents"]):
                organisation.name, organisation.residents = row["name"], row["residents"]
                organisation.save(update_fields=["name", "residents"])
                updated += 1
        self.stdout.write(f"{len(rows)} gemeenten: {created} nieuw, {updated} bijgewerkt.")
