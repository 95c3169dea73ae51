"""A model field holding the sanitised HTML of a Markdown field of the same row.

The HTML is rendered in the field's `pre_save`, the hook Django's own `auto_now` uses, so every
`save()` and `bulk_create()` (the admin, the write paths in services, restores, loaders,
imports) stores it with the Markdown it comes from, and a page only prints it. `update()` and
`bulk_update()` do not call `pre_save`: a write that changes the Markdown that way must set the
HTML itself (none does today). Read back, the value is marked safe for templates: it was
sanitised before it was stored.
"""

from django.db import models
from django.utils.safestring import mark_safe

from richtext.render import render_markdown


class RenderedMarkdownField(models.TextField):
    def __init__(self, *args, source, **kwargs):
        self.source = source
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        rendered = render_markdown(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, rendered)
        return str(rendered)

    def from_db_value(self, value, expression, connection):
        return value if value is None else mark_safe(value)
