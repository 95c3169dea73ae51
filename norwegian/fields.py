"""A model field holding the Norwegian sort key of a text field of the same row.

The key (`collation.stored_sort_key`) is computed in the field's `pre_save`, the hook Django's
own `auto_now` uses, so every `save()` and `bulk_create()` stores it with the text it comes
from. `update()`, `bulk_update()` and raw SQL do not call `pre_save`: a write that changes the
text that way sets the key itself (the Enhetsregisteret import stages it with the name).
"""

from django.db import models

from norwegian.collation import stored_sort_key


class SortKeyField(models.BinaryField):
    def __init__(self, *args, source, **kwargs):
        self.source = source
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        key = stored_sort_key(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, key)
        return key
