"""The language switcher and the language of editors' content.

Every public page exists in each language of settings.LANGUAGES at the same path: bokmål without
a prefix, the others under /<code>/ (careersite/urls.py). Switching language is a link to the
same page, with its query string, under the other prefix: no form, no cookie, no script.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_from_path

register = template.Library()

# Each language named in itself, so a reader finds their own whatever the page's language.
NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
# What editors write is bokmål, whatever the language of the user interface.
CONTENT_LANGUAGE = "nb"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    current: bool


def path_in_language(path, language):
    """The same page (path and query string) in another language: /yrker/ ↔ /nn/yrker/."""
    prefix = get_language_from_path(path)
    if prefix and prefix != settings.LANGUAGE_CODE:
        path = path[len(prefix) + 1 :]
        if not path.startswith("/"):
            path = "/" + path
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    return path


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = path_in_language(path, code)
        absolute_url = request.build_absolute_uri(url) if request else url
        links.append(LanguageLink(code, NAMES.get(code, name), url, absolute_url, code == current))
    return links


@register.simple_tag
def content_lang():
    """` lang="nb"` on an element holding editors' (bokmål) text when the page is in another
    language, so screen readers pronounce it right (WCAG 3.1.2, language of parts)."""
    if get_language() == CONTENT_LANGUAGE:
        return ""
    return format_html(' lang="{}"', CONTENT_LANGUAGE)
