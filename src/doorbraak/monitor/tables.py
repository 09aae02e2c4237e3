"""The rows of each table on the dashboard and the same rows as CSV (header, rows)."""

from django.utils.translation import gettext as _

from . import selectors
from .charts import class_breaks, class_of, csv_number
from .models import Area, AreaType, Indicator, IndicatorKind


def nederland_rows():
    return selectors.comparison([selectors.nederland()])


def gemeente_rows(code: str):
    return selectors.comparison([(AreaType.GEMEENTE, code), selectors.nederland()])


def gebied_rows(area: Area):
    return selectors.comparison(
        [
            (AreaType.GEBIED, area.slug),
            (AreaType.GEMEENTE, area.gemeente_code),
            selectors.nederland(),
        ]
    )


def _comparison_csv(rows, columns: list[str]):
    header = [_("indicator code"), _("indicator"), _("unit"), _("period"), *columns]
    body = [
        [
            row.indicator.code,
            row.indicator.title,
            row.indicator.unit,
            row.indicator.period,
            *(csv_number(value, row.indicator.decimals) for value in row.values),
        ]
        for row in rows
    ]
    return header, body


def nederland_csv():
    return _comparison_csv(nederland_rows(), [_("Nederland")])


def gemeente_csv(code: str, name: str):
    return _comparison_csv(gemeente_rows(code), [f"{name} ({code})", _("Nederland")])


def gebied_csv(area: Area, gemeente: str):
    return _comparison_csv(
        gebied_rows(area),
        [area.name, f"{gemeente} ({area.gemeente_code})", _("Nederland")],
    )


def covid_csv(area_type: str, code: str, *, weekly: bool):
    if weekly:
        series = selectors.weekly_series(area_type, code, first=None, last=None)
        rows, first = series.rows(), _("ISO week")
    else:
        series = selectors.weekly_series(area_type, code)
        rows, first = series.months(), _("month")
    header = [first, *(f"{item.title}" for item in series.indicators)]
    body = [
        [
            label,
            *(
                csv_number(v, item.decimals)
                for v, item in zip(values, series.indicators, strict=True)
            ),
        ]
        for label, values in rows
    ]
    return header, body


def map_rows(item: Indicator):
    """All gemeenten for one indicator and the upper bounds of the map's classes."""
    rows = selectors.gemeente_table(item)
    return rows, class_breaks([row.value for row in rows if row.value is not None])


def indicator_csv(item: Indicator):
    """The all-gemeenten table: for a yearly indicator the map's table, with the map's class."""
    header = [_("CBS code"), _("gemeente"), f"{item.title} ({item.unit})"]
    if item.kind == IndicatorKind.WEEKLY:
        return header, [
            [row.code, row.name, csv_number(row.value, item.decimals)]
            for row in selectors.gemeente_table(item)
        ]
    rows, breaks = map_rows(item)
    body = [
        [
            row.code,
            row.name,
            csv_number(row.value, item.decimals),
            class_of(row.value, breaks) or "",
        ]
        for row in rows
    ]
    return [*header, _("class")], body
