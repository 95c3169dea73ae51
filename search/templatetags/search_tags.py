"""`highlight`: a short excerpt of a text with the words that matched in <mark>, escaped."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text import spellings

register = template.Library()

WORD = re.compile(r"\w+")
EXCERPT = 200  # characters around the first match


def _excerpt(text, start):
    """About EXCERPT characters of `text` around position `start`, cut at spaces."""
    if len(text) <= EXCERPT:
        return 0, len(text)
    begin = max(0, start - EXCERPT // 3)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(text), begin + EXCERPT)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    return begin, end


@register.filter
def highlight(text, matched_words):
    text = str(text or "")
    matched = set(matched_words or ())
    marks = [match.span() for match in WORD.finditer(text) if spellings(match.group()) & matched]
    begin, end = _excerpt(text, marks[0][0] if marks else 0)
    parts, position = [], begin
    if begin:
        parts.append("… ")
    for start, stop in marks:
        if start < begin or stop > end:
            continue
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:stop])}</mark>")
        position = stop
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))
