"""Load the shipped CBS and RIVM figures and the 16 areas into the monitor tables.

Idempotent: the values of the indicators this loader owns are replaced as a whole inside one
transaction, areas are matched on their slug. Figures for Nederland and for the areas are
derived here once (sums, and densities and shares recomputed from the sums), so that pages only
read. Only the files in ``data/`` are read.
"""

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.db import connection, transaction
from django.utils.text import slugify

from .models import Area, AreaType, AreaValue, Indicator, IndicatorKind

DATA = Path(__file__).resolve().parent / "data"
KWB_FILE = DATA / "kwb2024_gemeenten_wijken_basis.json"
METADATA_FILE = DATA / "cbs_85984NED_DataProperties.json"
COVID_FILE = DATA / "gemeente_covid_weekly_2020_2024.csv"
AREAS_FILE = DATA / "stedelijke-vernieuwingsgebieden.json"

NEDERLAND = "NL01"
KWB_PERIOD = "2024"
KWB_SOURCE = "CBS, Kerncijfers wijken en buurten 2024 (85984NED). Bron: CBS"
KWB_URL = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85984NED/table"
RIVM_SOURCE = "RIVM, COVID-19 per gemeente (open data), per ISO-week opgeteld; inwoners: CBS"
RIVM_URL = "https://data.rivm.nl/covid-19/"
PER = Decimal(100_000)
FOUR = Decimal("0.0001")


@dataclass(frozen=True)
class KwbIndicator:
    code: str
    key: str  # column key of 85984NED; for shares the numerator
    fallback_definition: str
    decimals: int = 0
    share: bool = False  # percentage of AantalInwoners_5


KWB_INDICATORS = [
    KwbIndicator(
        "inwoners",
        "AantalInwoners_5",
        "Het aantal inwoners op 1 januari 2024 volgens de Basisregistratie Personen (BRP).",
    ),
    KwbIndicator("bevolkingsdichtheid", "Bevolkingsdichtheid_34", ""),
    KwbIndicator("woningvoorraad", "Woningvoorraad_35", ""),
    KwbIndicator("oppervlakte-land", "OppervlakteLand_123", ""),
    KwbIndicator(
        "aandeel-mannen",
        "Mannen_6",
        "Het aantal mannen op 1 januari 2024 als percentage van het aantal inwoners "
        "(berekend uit Mannen en Aantal inwoners van 85984NED).",
        decimals=1,
        share=True,
    ),
    KwbIndicator(
        "aandeel-vrouwen",
        "Vrouwen_7",
        "Het aantal vrouwen op 1 januari 2024 als percentage van het aantal inwoners "
        "(berekend uit Vrouwen en Aantal inwoners van 85984NED).",
        decimals=1,
        share=True,
    ),
]
SHARE_TITLES = {"Mannen_6": "Aandeel mannen", "Vrouwen_7": "Aandeel vrouwen"}

PER_100K = (
    "per ISO-week (maandag t/m zondag), gedeeld door het aantal inwoners van de gemeente op "
    "1 januari 2024 (CBS) en vermenigvuldigd met 100.000. Voor alle jaren geldt dezelfde "
    "noemer (inwoners 2024). Gemeenten volgens de indeling van 2023. Weken zonder "
    "gegevens ontbreken. Nederland: som van de gemeenten gedeeld door 17.942.942."
)
COVID_INDICATORS = [
    # code, column of the CSV, days column, title
    (
        "covid-positief-getest",
        "positive_tests",
        "days_tests",
        "Positief geteste personen per 100.000 inwoners",
        "Het aantal personen met een positieve COVID-19-test (GGD en andere teststraten) ",
    ),
    (
        "covid-ziekenhuisopnames",
        "hospital_admissions",
        "days_hospital",
        "Ziekenhuisopnames COVID-19 per 100.000 inwoners",
        "Het aantal ziekenhuisopnames van patiënten met COVID-19 (gemeld aan de GGD) ",
    ),
    (
        "covid-overleden",
        "deceased",
        "days_deceased",
        "Overleden COVID-19-patiënten per 100.000 inwoners",
        "Het aantal overleden personen met COVID-19 (gemeld aan de GGD) ",
    ),
]
COVID_PERIOD = "2020-W09 t/m 2024-W09"


def _metadata() -> dict[str, dict]:
    return {p["Key"]: p for p in json.loads(METADATA_FILE.read_text(encoding="utf-8"))}


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def per_100k(count: Decimal, residents: int) -> Decimal:
    return (count * PER / Decimal(residents)).quantize(FOUR, ROUND_HALF_UP)


def _derived(sums: dict[str, Decimal], spec: KwbIndicator) -> Decimal | None:
    """The value of an indicator for an aggregate (Nederland, an area) from summed counts."""
    residents = sums.get("AantalInwoners_5") or Decimal(0)
    if spec.share:
        return (sums[spec.key] * 100 / residents).quantize(FOUR) if residents else None
    if spec.key == "Bevolkingsdichtheid_34":
        land_km2 = (sums.get("OppervlakteLand_123") or Decimal(0)) / 100
        return (residents / land_km2).quantize(FOUR) if land_km2 else None
    return sums.get(spec.key)


def _value(record: dict, spec: KwbIndicator) -> Decimal | None:
    if spec.share:
        residents = record.get("AantalInwoners_5")
        part = record.get(spec.key)
        if not residents or part is None:
            return None
        return (Decimal(part) * 100 / Decimal(residents)).quantize(FOUR)
    raw = record.get(spec.key)
    return None if raw is None else Decimal(raw)


def _insert(rows: list[tuple]) -> None:
    # 200,000 rows: plain executemany is ten times faster than bulk_create with model instances.
    table = AreaValue._meta.db_table
    sql = (
        f"INSERT INTO {table} (indicator_id, area_type, area_code, period, value) "  # noqa: S608 (table name from the model)
        "VALUES (%s, %s, %s, %s, %s)"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            cursor.executemany(sql, rows[start : start + 10_000])


def area_rows(area: Area, kwb: dict, indicators: dict[str, Indicator]) -> list[tuple]:
    """The value rows of an area: its wijken summed, densities and shares recomputed.

    Only for the year of the shipped KWB figures (2024); an area of another CBS year gets none.
    """
    if str(area.cbs_year) != KWB_PERIOD:
        return []
    wijken = [kwb[code] for code in area.wijk_codes if code in kwb]
    if not wijken:
        return []
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for record in wijken:
        for key, raw in record.items():
            if raw is not None:
                sums[key] += Decimal(raw)
    rows = []
    for spec in KWB_INDICATORS:
        value = _derived(sums, spec)
        if value is not None and spec.code in indicators:
            rows.append(
                (indicators[spec.code].pk, str(AreaType.GEBIED), area.slug, KWB_PERIOD, str(value))
            )
    return rows


def read_kwb() -> dict:
    return json.loads(KWB_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def recompute_area(area: Area, *, old_slug: str | None = None) -> int:
    """Replace the figures of one area (after an edit); returns the number of values."""
    slugs = {area.slug} | ({old_slug} if old_slug else set())
    AreaValue.objects.filter(area_type=AreaType.GEBIED, area_code__in=slugs).delete()
    indicators = {
        i.code: i for i in Indicator.objects.filter(code__in=[spec.code for spec in KWB_INDICATORS])
    }
    rows = area_rows(area, read_kwb(), indicators)
    _insert(rows)
    return len(rows)


def read_areas() -> list[dict]:
    return json.loads(AREAS_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def load(stdout=None) -> dict[str, int]:
    meta = _metadata()
    kwb = read_kwb()
    counts: dict[str, int] = {}

    indicators: dict[str, Indicator] = {}
    for position, spec in enumerate(KWB_INDICATORS):
        prop = meta[spec.key]
        title = SHARE_TITLES[spec.key] if spec.share else prop["Title"]
        definition = (
            spec.fallback_definition if spec.share else _clean(prop.get("Description"))
        ) or spec.fallback_definition
        indicators[spec.code], _ = Indicator.objects.update_or_create(
            code=spec.code,
            defaults={
                "title": title,
                "definition": definition,
                "unit": "%" if spec.share else prop["Unit"],
                "decimals": spec.decimals,
                "kind": IndicatorKind.YEARLY,
                "period": "1 januari 2024" if spec.code != "oppervlakte-land" else "2024",
                "source": KWB_SOURCE,
                "source_url": KWB_URL,
                "position": position,
            },
        )
    for offset, (code, _col, _days, title, what) in enumerate(COVID_INDICATORS):
        indicators[code], _ = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "title": title,
                "definition": what + PER_100K,
                "unit": "per 100.000 inwoners",
                "decimals": 1,
                "kind": IndicatorKind.WEEKLY,
                "period": COVID_PERIOD,
                "source": RIVM_SOURCE,
                "source_url": RIVM_URL,
                "position": len(KWB_INDICATORS) + offset,
            },
        )
    AreaValue.objects.filter(indicator__in=indicators.values()).delete()

    rows: list[tuple] = []

    def add(indicator, area_type, area_code, period, value):
        if value is not None:
            rows.append((indicator.pk, str(area_type), area_code, period, str(value)))

    # KWB: gemeenten and wijken as published; Nederland from the sums of the gemeenten.
    land_sums: dict[str, Decimal] = defaultdict(Decimal)
    for code, record in kwb.items():
        area_type = AreaType.GEMEENTE if code.startswith("GM") else AreaType.WIJK
        for spec in KWB_INDICATORS:
            add(indicators[spec.code], area_type, code, KWB_PERIOD, _value(record, spec))
        if area_type == AreaType.GEMEENTE:
            for key, raw in record.items():
                if raw is not None:
                    land_sums[key] += Decimal(raw)
    for spec in KWB_INDICATORS:
        add(indicators[spec.code], AreaType.LAND, NEDERLAND, KWB_PERIOD, _derived(land_sums, spec))

    # The 16 areas: configuration, and their sums over the wijken KWB has.
    # Areas changed on the editing screen (updated_at set) belong to the functioneel beheerder
    # from then on: the file neither overwrites nor removes them.
    edited = set(Area.objects.filter(updated_at__isnull=False).values_list("slug", flat=True))
    slugs = []
    for position, entry in enumerate(read_areas()):
        slug = slugify(entry["area"])
        slugs.append(slug)
        if slug in edited:
            continue
        note = entry.get("note") or entry.get("buurten_note") or ""
        if entry.get("candidate_wijk_names"):
            note = (note + " Kandidaat-wijken: " + ", ".join(entry["candidate_wijk_names"])).strip()
        Area.objects.update_or_create(
            slug=slug,
            defaults={
                "name": entry["area"],
                "gemeente_code": entry["gemeente"],
                "cbs_year": entry["cbs_year"],
                "wijk_codes": entry["wijken"],
                "status": entry["status"],
                "note": note,
                "sources": entry.get("sources", []),
                "position": position,
            },
        )
    Area.objects.exclude(slug__in=slugs).filter(updated_at__isnull=True).delete()
    for area in Area.objects.all():
        rows.extend(area_rows(area, kwb, indicators))

    # RIVM: weekly counts per gemeente, per 100,000 residents of 2024; Nederland from the sums.
    residents = {
        code: record["AantalInwoners_5"] for code, record in kwb.items() if code.startswith("GM")
    }
    total_residents = sum(residents.values())
    national: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    with COVID_FILE.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            code, week = record["gemeentecode"], record["iso_week"]
            for indicator_code, column, days, _title, _what in COVID_INDICATORS:
                if record[days] == "0":
                    continue  # no data that week
                count = Decimal(record[column])
                national[indicator_code, week] += count
                add(
                    indicators[indicator_code],
                    AreaType.GEMEENTE,
                    code,
                    week,
                    per_100k(count, residents[code]),
                )
    for (indicator_code, week), count in national.items():
        add(
            indicators[indicator_code],
            AreaType.LAND,
            NEDERLAND,
            week,
            per_100k(count, total_residents),
        )

    _insert(rows)
    counts["indicators"] = len(indicators)
    counts["values"] = len(rows)
    counts["areas"] = len(slugs)
    return counts
