"""What a write changed, in a form that can be stored, merged and asked questions.

A `ChangeSet` names changed rows by model label and primary key, with the foreign keys each
row held when it was recorded (so a deleted duty still says which occupation it belonged to),
the fields that changed where the writer knows them, and whole models where a bulk write (a
register import) may have changed any row.
"""

from dataclasses import dataclass, field


def _label(model):
    return model._meta.label_lower


def _references(instance):
    """{foreign key name: id} of the row as it is now."""
    return {
        f.name: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.is_relation and f.many_to_one and getattr(instance, f.attname) is not None
    }


@dataclass
class ChangeSet:
    rows: dict = field(default_factory=dict)  # label: {pk}
    refs: dict = field(default_factory=dict)  # label: {foreign key name: {id}}
    fields: dict = field(default_factory=dict)  # label: {field name}, or None when unknown
    models: set = field(default_factory=set)  # labels of models changed in bulk

    @classmethod
    def of(cls, *, rows=(), models=(), fields=None):
        changes = cls(models={_label(model) for model in models})
        for instance in rows:
            label = _label(instance)
            if instance.pk is not None:
                changes.rows.setdefault(label, set()).add(instance.pk)
            for name, value in _references(instance).items():
                changes.refs.setdefault(label, {}).setdefault(name, set()).add(value)
            known = changes.fields.get(label, set())
            changes.fields[label] = None if fields is None or known is None else known | set(fields)
        return changes

    def __bool__(self):
        return bool(self.rows or self.refs or self.models)

    def merge(self, other):
        for label, pks in other.rows.items():
            self.rows.setdefault(label, set()).update(pks)
        for label, refs in other.refs.items():
            for name, ids in refs.items():
                self.refs.setdefault(label, {}).setdefault(name, set()).update(ids)
        for label, names in other.fields.items():
            known = self.fields.get(label, set())
            self.fields[label] = None if names is None or known is None else known | names
        self.models |= other.models
        return self

    # Questions the rules ask ----------------------------------------------------------------

    def in_bulk(self, *model_classes):
        """Whether any of these models was changed in bulk (any row may have changed)."""
        return any(_label(model) in self.models for model in model_classes)

    def touches(self, *model_classes):
        """Whether anything of these models changed, in bulk or row by row."""
        return any(
            _label(model) in self.models or _label(model) in self.rows or _label(model) in self.refs
            for model in model_classes
        )

    def pks(self, model):
        return set(self.rows.get(_label(model), ()))

    def referenced(self, model, name):
        """The ids that the changed rows of `model` held in their foreign key `name`."""
        return set(self.refs.get(_label(model), {}).get(name, ()))

    def changed_fields(self, model):
        """The fields of `model` that changed, or None when the writer did not say."""
        return self.fields.get(_label(model), set())

    def labels(self):
        return sorted({*self.rows, *self.refs, *self.models})

    # Storage --------------------------------------------------------------------------------

    def to_json(self):
        return {
            "rows": {label: sorted(pks) for label, pks in self.rows.items()},
            "refs": {
                label: {name: sorted(ids) for name, ids in refs.items()}
                for label, refs in self.refs.items()
            },
            "fields": {
                label: None if names is None else sorted(names)
                for label, names in self.fields.items()
            },
            "models": sorted(self.models),
        }

    @classmethod
    def from_json(cls, data):
        return cls(
            rows={label: set(pks) for label, pks in data.get("rows", {}).items()},
            refs={
                label: {name: set(ids) for name, ids in refs.items()}
                for label, refs in data.get("refs", {}).items()
            },
            fields={
                label: None if names is None else set(names)
                for label, names in data.get("fields", {}).items()
            },
            models=set(data.get("models", [])),
        )
