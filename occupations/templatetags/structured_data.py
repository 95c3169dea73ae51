import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from occupations.structured_data import occupation_structured_data

register = template.Library()

# As Django's json_script: nothing in the data can end the script element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A JSON-LD data block. It is not executed, so the Content-Security-Policy does not
    govern it and it needs no nonce (which keeps public pages cacheable; see pagecache)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def occupation_json_ld(context, occupation, salary_tables):
    request = context["request"]
    return json_ld_script(
        occupation_structured_data(
            occupation=occupation,
            salary_tables=salary_tables,
            absolute=request.build_absolute_uri,
        )
    )
