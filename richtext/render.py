"""Editor-written Markdown turned into the small, safe HTML subset the public pages allow.

The subset (documented for editors in occupations.richtext.RICH_TEXT_HELP and in the README):
paragraphs, line breaks, **bold**, *italic*, bulleted and numbered lists, links (http, https
and mailto), subheadings (### and ####) and quotations (>). Everything else an editor types,
Markdown or HTML, is removed by nh3 before the text reaches a page: scripts and styles with
their content, event-handler and style attributes, images, iframes, and links to javascript:,
data: or any other scheme. Every link gets rel="noopener", and links to other sites also
"noreferrer".
"""

import html
import re
import threading
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from django.http.request import validate_host
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Removed together with what they contain; the other disallowed tags leave their text behind.
REMOVED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "svg", "math"}

# nh3 writes every attribute as name="value" with quotes and ampersands escaped, so an <a>
# start tag in its output is matched exactly by this pattern (a ">" may appear in a value).
_LINK_START = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)>')
_HREF = re.compile(r'\shref="([^"]*)"')


def is_external(href):
    """True for an http(s) link to a host this site does not answer to."""
    parts = urlsplit(href.replace("&amp;", "&"))
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    return not validate_host(parts.hostname, settings.ALLOWED_HOSTS)


def _add_rel(match):
    href = _HREF.search(match.group(0))
    if href is None:  # nh3 removed a disallowed target: the text stays, not a link
        return match.group(0)
    rel = "noopener noreferrer" if is_external(href.group(1)) else "noopener"
    return f'<a{match.group(1)} rel="{escape(rel)}">'


def sanitise_html(html):
    """Keep only the allowed subset of an HTML fragment and give every link its rel."""
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return _LINK_START.sub(_add_rel, clean)


# Building a Markdown parser costs more than converting a paragraph, so each thread keeps one.
_parsers = threading.local()


def _parser():
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = markdown.Markdown(output_format="html")
    return parser.reset()


def render_markdown(text):
    """Markdown to HTML, then sanitised to the allowed subset: scripts, styles and events go."""
    return mark_safe(sanitise_html(_parser().convert(text or "")))


def html_to_text(fragment):
    """The words of a sanitised HTML fragment on one line, without its markup."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(fragment or ""))).strip()
