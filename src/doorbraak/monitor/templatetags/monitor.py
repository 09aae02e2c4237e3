from decimal import Decimal

from django import template

from doorbraak.monitor.charts import number

register = template.Library()


@register.filter
def figure(value, decimals=0):
    """A figure with Dutch grouping and the indicator's decimals; a dash when there is none."""
    return number(value, int(decimals))


@register.filter
def cell(value):
    """A count that may be suppressed ("<10")."""
    if isinstance(value, str):
        return value
    return number(Decimal(value), 0)


@register.filter
def share(value):
    """A share in % with one decimal, or – when suppressed."""
    return "–" if value is None else number(Decimal(str(value)), 1)


@register.filter
def points(value):
    """A change in share points with its sign, or – when a share is suppressed."""
    if value is None:
        return "–"
    text = number(Decimal(str(value)), 1)
    return text if text.startswith("-") else "+" + text
