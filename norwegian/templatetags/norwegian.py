from django import template

register = template.Library()


@register.filter
def kroner(amount):
    """An amount in whole kroner as Norwegian writes it: 48760 → "48 760 kr" (no-break spaces)."""
    return f"{round(amount):,}".replace(",", "\xa0") + "\xa0kr"
