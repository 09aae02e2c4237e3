"""Fetch a CBS OData table and store it as monitor Indicators and AreaValues.

Every numeric Topic column of the table becomes an ``Indicator`` with code ``cbs-<table>-<key>``
and the title, unit and description of DataProperties; every row gives one ``AreaValue`` per
column, for its region (``GM`` gemeente, ``WK`` wijk, ``BU`` buurt, ``NL`` Nederland) and period.
All pages are fetched before anything is written, and the table is replaced as a whole in one
transaction: a failed fetch or a bad row leaves the previous figures untouched.
"""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.utils import timezone

from ..models import AreaType, AreaValue, CbsColumn, CbsTable, Indicator, IndicatorKind
from .client import CbsClient, CbsError

NEDERLAND = "NL01"  # the code the dashboard uses for Nederland (85984NED itself says NL00)
STATLINE_URL = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table"
NUMERIC = {"Long", "Integer", "Short", "Byte", "Double", "Float", "Decimal", "Single"}
REGION_TYPES = {"GeoDimension", "GeoDetail"}
PREFIXES = {
    "NL": AreaType.LAND,
    "GM": AreaType.GEMEENTE,
    "WK": AreaType.WIJK,
    # AreaType has no BUURT choice yet; the value fits the column and is stored as is.
    "BU": "buurt",
}
FOUR = Decimal("0.0001")
LIMIT = Decimal("1e12")  # AreaValue.value: 16 digits, 4 decimals
POSITION_OFFSET = 1000  # after the indicators of load_monitor_data


@dataclass
class FetchedTable:
    identifier: str
    info: dict
    properties: list[dict]
    rows: list[dict]
    base_url: str
    query: str = ""


@dataclass
class StoreResult:
    identifier: str
    title: str
    period: str
    columns: int = 0
    indicators: int = 0
    rows: int = 0
    values: int = 0
    skipped_rows: Counter = field(default_factory=Counter)


def _clean(text) -> str:
    return " ".join(str(text or "").split())


def indicator_code(table: str, key: str) -> str:
    code = f"cbs-{table}-{key}"
    if len(code) <= 60:
        return code
    digest = hashlib.sha1(code.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{code[:51]}-{digest}"


def normalise_period(raw) -> str:
    """``2024JJ00`` → ``2024``, ``2024KW02`` → ``2024-Q2``, ``2024MM03`` → ``2024-03``."""
    text = _clean(raw)
    match = re.fullmatch(r"(\d{4})(JJ|KW|MM|X0)(\d{2})", text)
    if match:
        year, kind, number = match.groups()
        if kind == "KW":
            return f"{year}-Q{int(number)}"
        if kind == "MM":
            return f"{year}-{number}"
        return year
    if len(text) <= 10:
        return text
    years = re.findall(r"\d{4}", text)
    return years[-1] if years else text[:10]


def area_of(raw) -> tuple[str, str] | None:
    code = str(raw or "").strip()
    area_type = PREFIXES.get(code[:2])
    if area_type is None:
        return None
    return str(area_type), NEDERLAND if area_type == AreaType.LAND else code


def _decimal(raw, key: str) -> Decimal | None:
    if raw is None or isinstance(raw, bool):
        return None
    try:
        value = Decimal(str(raw)).quantize(FOUR)
    except (InvalidOperation, ValueError) as error:
        raise CbsError(f"kolom {key}: geen getal: {raw!r}") from error
    if not value.is_finite() or abs(value) >= LIMIT:
        raise CbsError(f"kolom {key}: waarde buiten bereik: {raw!r}")
    return value


def fetch(
    client: CbsClient, table: str, *, select: list[str] | None = None, filter: str | None = None
) -> FetchedTable:
    """Read TableInfos, DataProperties and all pages of TypedDataSet (nothing is stored)."""
    info = client.table_info(table)
    properties = client.data_properties(table)
    topics = {p.get("Key") for p in properties if p.get("Type") == "Topic"}
    dimensions = [
        p["Key"] for p in properties if p.get("Key") and "Dimension" in str(p.get("Type"))
    ] + [p["Key"] for p in properties if p.get("Type") == "GeoDetail" and p.get("Key")]
    columns = None
    if select:
        unknown = [key for key in select if key not in topics and key not in dimensions]
        if unknown:
            raise CbsError(f"onbekende kolom(men) voor {table}: {', '.join(unknown)}")
        columns = list(dict.fromkeys(dimensions + list(select)))
    rows = client.typed_data_set(table, select=columns, filter=filter)
    query = "; ".join(
        part
        for part in (
            f"$select={','.join(select)}" if select else "",
            f"$filter={filter}" if filter else "",
        )
        if part
    )
    return FetchedTable(
        identifier=str(info.get("Identifier") or table),
        info=info,
        properties=properties,
        rows=rows,
        base_url=client.base_url,
        query=query,
    )


def _insert(rows: list[tuple]) -> None:
    table = AreaValue._meta.db_table
    sql = (
        f"INSERT INTO {table} (indicator_id, area_type, area_code, period, value) "  # noqa: S608 (table name from the model)
        "VALUES (%s, %s, %s, %s, %s)"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            cursor.executemany(sql, rows[start : start + 10_000])


@transaction.atomic
def store(fetched: FetchedTable, *, select: list[str] | None = None) -> StoreResult:
    """Replace everything stored for this table by ``fetched`` (all or nothing)."""
    identifier, info, properties = fetched.identifier, fetched.info, fetched.properties
    title = _clean(info.get("Title")) or identifier
    period_text = _clean(info.get("Period"))
    region_key = next(
        (p["Key"] for p in properties if p.get("Type") in REGION_TYPES and p.get("Key")), None
    )
    period_key = next(
        (p["Key"] for p in properties if p.get("Type") == "TimeDimension" and p.get("Key")), None
    )
    other_dimensions = [
        p["Key"]
        for p in properties
        if p.get("Type") == "Dimension" and p.get("Key") not in {region_key, period_key}
    ]
    if region_key is None:
        raise CbsError(f"{identifier} heeft geen regio-dimensie (WijkenEnBuurten, RegioS).")
    topics = [p for p in properties if p.get("Type") == "Topic" and p.get("Key")]
    if select:
        topics = [p for p in topics if p["Key"] in select]
    result = StoreResult(identifier=identifier, title=title, period=period_text)

    cbs_table, _ = CbsTable.objects.update_or_create(
        identifier=identifier,
        defaults={
            "title": title[:300],
            "period": period_text[:200],
            "summary": _clean(info.get("Summary")),
            "modified": str(info.get("Modified") or "")[:40],
            "base_url": fetched.base_url[:300],
            "query": fetched.query[:1000],
            "fetched_at": timezone.now(),
        },
    )
    prefix = f"cbs-{identifier}-"
    # Replace the table as a whole: its values, indicators and columns.
    AreaValue.objects.filter(indicator__code__startswith=prefix).delete()
    cbs_table.columns.all().delete()

    indicators: dict[str, Indicator] = {}
    for index, prop in enumerate(topics):
        key = prop["Key"]
        column_title = _clean(prop.get("Title")) or key
        datatype = str(prop.get("Datatype") or "")
        decimals = max(int(prop.get("Decimals") or 0), 0)
        indicator = None
        if datatype in NUMERIC:
            indicator, _ = Indicator.objects.update_or_create(
                code=indicator_code(identifier, key),
                defaults={
                    "title": column_title[:200],
                    "definition": _clean(prop.get("Description")) or column_title,
                    "unit": _clean(prop.get("Unit"))[:80],
                    "decimals": min(decimals, 4),
                    "kind": IndicatorKind.YEARLY,
                    "period": period_text[:60],
                    "source": f"CBS, {title} ({identifier}). Bron: CBS"[:200],
                    "source_url": STATLINE_URL.format(table=identifier),
                    "position": min(POSITION_OFFSET + index, 32767),
                },
            )
            indicators[key] = indicator
        CbsColumn.objects.create(
            table=cbs_table,
            key=key[:100],
            title=column_title[:300],
            unit=_clean(prop.get("Unit"))[:100],
            description=_clean(prop.get("Description")),
            datatype=datatype[:20],
            decimals=decimals,
            position=index,
            indicator=indicator,
        )
    Indicator.objects.filter(code__startswith=prefix).exclude(
        pk__in=[i.pk for i in indicators.values()]
    ).delete()

    default_period = normalise_period(period_text) if period_text else ""
    values: dict[tuple, tuple] = {}
    for row in fetched.rows:
        area = area_of(row.get(region_key))
        if area is None:
            result.skipped_rows[str(row.get(region_key) or "").strip()[:2] or "?"] += 1
            continue
        result.rows += 1
        period = normalise_period(row.get(period_key)) if period_key else default_period
        if not period:
            raise CbsError(f"{identifier}: geen periode voor regio {area[1]}.")
        for key, indicator in indicators.items():
            value = _decimal(row.get(key), key)
            if value is None:
                continue
            slot = (indicator.pk, *area, period)
            if slot in values:
                hint = f" ({', '.join(other_dimensions)})" if other_dimensions else ""
                raise CbsError(
                    f"{identifier}: meer dan één waarde voor {key}, {area[1]}, {period}; "
                    f"de tabel heeft nog een dimensie{hint}: kies één waarde met --filter."
                )
            values[slot] = (*slot, str(value))
    _insert(list(values.values()))

    result.columns = len(topics)
    result.indicators = len(indicators)
    result.values = len(values)
    cbs_table.row_count = result.rows
    cbs_table.value_count = result.values
    cbs_table.save(update_fields=["row_count", "value_count"])
    return result


def fetch_and_store(
    client: CbsClient, table: str, *, select: list[str] | None = None, filter: str | None = None
) -> StoreResult:
    return store(fetch(client, table, select=select, filter=filter), select=select)
