from django import template

from doorbraak.monitor.charts import number

register = template.Library()


@register.filter
def figure(value, decimals=0):
    """A figure with Dutch grouping and the indicator's decimals; a dash when there is none."""
    return number(value, int(decimals))
