"""SSB KLASS in JSON: a classification's codes and changes, and the links that must follow a
number when it leaves the classification. Shared by the region and STYRK-08 updates.

The files are what KLASS's API returns (docs/data-feeds.md):

    …/classifications/{id}/codes?from=2024-01-01
    {"codes": [{"code": "3101", "parentCode": null, "level": "1", "name": "Halden",
                "validFrom": "2024-01-01", "validTo": null, …}, …]}

    …/classifications/{id}/changes?from=2020-01-01&to=2025-01-01
    {"codeChanges": [{"oldCode": "3001", "oldName": "Halden", "newCode": "3101",
                      "newName": "Halden", "changeOccurred": "2024-01-01", …}, …]}

A classification has hundreds of codes, so a file is read whole, which also tells a missing
list from an empty one. A problem with the file raises ImportFailed before anything is written;
a bad item is rejected with its position in the list ("post 3"), prefixed with the file's
name when it is in the changes file.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Exists, OuterRef
from django.utils import timezone

from registers.importing import ImportFailed

UNIT = "post"


@dataclass(frozen=True)
class Code:
    position: int
    code: str
    parent_code: str
    level: str
    name: str


@dataclass(frozen=True)
class Change:
    position: int
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    changed_on: datetime.date


@dataclass(frozen=True)
class Step:
    """A number leaving the classification: its links go to its one successor (renumbering,
    merge) or are shared among several (split)."""

    changed_on: datetime.date
    old_code: str
    old_name: str
    successors: tuple[tuple[str, str], ...]  # (code, name), in code order

    @property
    def default(self):
        """The successor that keeps the old name, else the lowest number: where the links that
        cannot be placed go."""
        return next((s for s in self.successors if s[1] == self.old_name), self.successors[0])

    def describe(self):
        return ", ".join(f"{code} {name}" for code, name in self.successors)


def _items(path, key, *, may_be_empty=False):
    """(position, item) for the list under `key` in the JSON object in `path`."""
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"Finner ikke filen {path}.")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"Kan ikke åpne {path}: {exc.strerror}") from exc
    if not raw.strip():
        raise ImportFailed(f"{path.name} er tom.")
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ImportFailed(f"{path.name} er ikke gyldig JSON ({exc}).") from exc
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ImportFailed(
            f"{path.name} mangler listen «{key}»; ventet et svar fra SSBs KLASS-API "
            f'({{"{key}": [...]}}).'
        )
    if not items and not may_be_empty:
        raise ImportFailed(f"{path.name} har ingen poster i «{key}».")
    return enumerate(items, start=1)


def _text(item, field):
    """The field as a stripped string ("" when null or absent), or None when it is not text."""
    value = item.get(field)
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else None


def _fields(item, names):
    """The item's text fields, or the reason it cannot be read."""
    if not isinstance(item, dict):
        return None, "posten er ikke et JSON-objekt"
    values = {name: _text(item, name) for name in names}
    wrong = [name for name, value in values.items() if value is None]
    if wrong:
        return None, f"feltet {', '.join(wrong)} er ikke tekst"
    return values, None


def codes_read(path, report):
    """The codes in a codes file that are valid today, in file order.

    A code whose validTo is today or earlier (a download covering a period) has ended and is
    left out; so are items that cannot be read, which are rejected.
    """
    today = timezone.localdate()
    codes, ended = [], 0
    for position, item in _items(path, "codes"):
        report.read += 1
        values, problem = _fields(item, ("code", "parentCode", "level", "name", "validTo"))
        if values and not values["code"]:
            problem = "mangler kode"
        if problem:
            report.reject(position, problem, UNIT)
            continue
        try:
            valid_to = datetime.date.fromisoformat(values["validTo"]) if values["validTo"] else None
        except ValueError:
            report.reject(position, f"ugyldig validTo {values['validTo']!r}", UNIT)
            continue
        if valid_to is not None and valid_to <= today:
            ended += 1
            continue
        codes.append(
            Code(position, values["code"], values["parentCode"], values["level"], values["name"])
        )
    if ended:
        report.notes.append(
            f"{ended} koder i {path.name} gjaldt bare før i dag og ble hoppet over."
        )
    return codes


def _change(values, check):
    """(old, new, date) of a readable change item, or the reason it is wrong."""
    old, new = values["oldCode"], values["newCode"]
    try:
        changed_on = datetime.date.fromisoformat(values["changeOccurred"])
    except ValueError:
        return None, f"ugyldig changeOccurred {values['changeOccurred']!r}"
    problem = check(old, new)
    if not problem and not values["newName"]:
        problem = f"endringen {old} → {new} mangler newName"
    return (old, new, changed_on), problem


def changes_read(path, report, *, check):
    """The changes in a changes file; `check(old_code, new_code)` names what is wrong with a
    pair of numbers, or returns None. An empty list is a valid file: nothing changed."""
    path = Path(path)
    changes, seen = [], {}
    names = ("oldCode", "oldName", "newCode", "newName", "changeOccurred")
    for position, item in _items(path, "codeChanges", may_be_empty=True):
        report.read += 1
        values, problem = _fields(item, names)
        if values:
            key, problem = _change(values, check)
            if not problem and key in seen:
                problem = f"endringen står også i post {seen[key]}"
        if problem:
            report.reject(position, f"{path.name}: {problem}", UNIT)
            continue
        seen[key] = position
        old, new, changed_on = key
        changes.append(Change(position, old, values["oldName"], new, values["newName"], changed_on))
    return changes


def steps(changes, *, current):
    """The changes in which a number leaves the classification, oldest first.

    A number leaves at the last date it is changed, unless it is still in `current` (the codes
    file) or also continues that day (old → old). Earlier changes from the same number moved
    only part of it (one municipality to another county, say) and move nothing here.
    """
    last = {}
    for change in changes:
        last[change.old_code] = max(last.get(change.old_code, change.changed_on), change.changed_on)
    groups = defaultdict(list)
    for change in changes:
        if change.changed_on == last[change.old_code] and change.old_code not in current:
            groups[(change.changed_on, change.old_code)].append(change)
    for (changed_on, old_code), group in sorted(groups.items()):
        if all(change.new_code != old_code for change in group):
            successors = tuple(sorted({(change.new_code, change.new_name) for change in group}))
            yield Step(changed_on, old_code, group[0].old_name, successors)


def references(model):
    """(model, field name) of every foreign key to `model`, many-to-many tables included."""
    return [
        (relation.related_model, relation.field.name)
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and (relation.one_to_many or relation.one_to_one)
    ]


def links_describe(row):
    """Everything that refers to `row`, as text for an import's notes («yrke «Rørlegger»»):
    found through the models' relations, so an app low in the layers can list rows of the apps
    above it without importing them. A many-to-many link names the row on its other side.
    Sorted by kind, then as the rows sort."""
    found = []
    for model, field in references(type(row)):
        rows = model._base_manager.filter(**{field: row}).order_by("pk")
        if model._meta.auto_created:
            other = next(
                f.name for f in model._meta.concrete_fields if f.is_relation and f.name != field
            )
            found += [_described(getattr(link, other)) for link in rows.select_related(other)]
        else:
            found += [_described(link) for link in rows]
    return sorted(found, key=lambda text: text.split(" «")[0])


def _described(row):
    return f"{row._meta.verbose_name} «{row}»"


def rows_move(rows, *, field, old, new):
    """Point `field` of the `rows` (a queryset) that refer to `old` at `new`.

    A row that would then repeat one already on `new` under a unique constraint (the same
    approval in two merged counties, say) is deleted instead; returns how many were.
    """
    rows = rows.filter(**{field: old})
    model = rows.model
    dropped = 0
    uniques = [
        *model._meta.unique_together,
        *(c.fields for c in model._meta.total_unique_constraints),
    ]
    for fields in uniques:
        if field in fields:
            taken = model._base_manager.filter(
                **{field: new}, **{name: OuterRef(name) for name in fields if name != field}
            )
            dropped += rows.filter(Exists(taken)).delete()[1].get(model._meta.label, 0)
    rows.update(**{field: new})
    return dropped


def links_move(*, old, new):
    """Point everything that refers to the row `old` at the row `new` (see rows_move)."""
    return sum(
        rows_move(model._base_manager.all(), field=field, old=old, new=new)
        for model, field in references(type(old))
    )
