from django import template

from occupations.images import image_srcset

register = template.Library()


@register.simple_tag
def srcset(field_file, width):
    """`{% srcset occupation.image occupation.image_width %}`: renditions and the original."""
    return image_srcset(field_file, width)
