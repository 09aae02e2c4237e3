from django import template

from doorbraak.rekensom.money import euro

register = template.Library()


@register.filter(name="euro")
def euro_filter(value, whole=False):
    """``{{ amount|euro }}`` → € 1.234,56; ``{{ amount|euro:True }}`` → € 1.235."""
    return euro(value, cents=not whole)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
