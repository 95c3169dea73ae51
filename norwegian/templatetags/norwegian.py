from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def kroner(amount):
    """An amount in whole kroner, grouped as the page's language writes numbers: 48760 →
    "48 760 kr" in bokmål and nynorsk (no-break spaces), "48,760 kr" in English."""
    return number_format(round(amount), force_grouping=True) + "\xa0kr"
