"""Versions of an occupation: what one version holds, and a readable diff between two.

django-simple-history records a version each time an occupation row is saved. Each version
also keeps the occupation's lists (duties, workplaces, alternative titles, educations and the
register codes) in `lists`, so a version is complete on its own: a diff or a restore needs no
other table. The lists are read when the version is recorded; the admin and the write paths
in `services.py` record the version after the lists are saved.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from occupations.models import (
    OCCUPATION_HISTORY,
    AlternativeTitle,
    Duty,
    Occupation,
    OccupationEducation,
    Workplace,
)
from occupations.richtext import RICH_TEXT_FIELDS

# The fields an editor writes: what a draft copies, a diff compares and a restore brings back.
CONTENT_FIELDS = [
    "title",
    "title_plural",
    "slug",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
    "lead",
    "description",
    "duties_intro",
    "delegated_tasks",
    "authorisation_required",
    "authorisation_authority",
    "authorisation_text",
    "workplaces_text",
    "personal_traits",
    "education_text",
]
# What a copy (draft, publish, restore) writes: the content and the image's stored size.
COPIED_FIELDS = [*CONTENT_FIELDS, "image_width", "image_height"]
# Compared word by word rather than as whole values.
LONG_TEXT_FIELDS = {"lead", *RICH_TEXT_FIELDS}


@dataclass(frozen=True)
class ListSpec:
    """One of an occupation's lists: rows of its own (`model`, `text_field`), rows that link
    to another table (`model`, `link_field`), or a many-to-many field (neither)."""

    name: str
    label: str
    model: type | None = None
    text_field: str | None = None
    link_field: str | None = None
    ordered: bool = False


LISTS = [
    ListSpec("alternative_titles", _("Alternative titler"), AlternativeTitle, text_field="title"),
    ListSpec("duties", _("Arbeidsoppgaver"), Duty, text_field="text", ordered=True),
    ListSpec("workplaces", _("Arbeidssteder"), Workplace, text_field="name", ordered=True),
    ListSpec(
        "programmes", _("Utdanninger"), OccupationEducation, link_field="education", ordered=True
    ),
    ListSpec("job_titles", _("Stillingstitler")),
    ListSpec("styrk_groups", _("STYRK-08-yrkesgrupper")),
    ListSpec("trades", _("Lærefag")),
    ListSpec("fields_added", _("Yrkesområder lagt til")),
    ListSpec("fields_removed", _("Yrkesområder fjernet")),
]


def occupation_lists(occupation):
    """The occupation's lists as stored in a version: each item a label, and the id of the
    linked row for links (so a restore can link it again)."""
    lists = {}
    for spec in LISTS:
        if spec.text_field:
            rows = spec.model.objects.filter(occupation=occupation)
            lists[spec.name] = [{"label": getattr(row, spec.text_field)} for row in rows]
        elif spec.link_field:
            rows = spec.model.objects.filter(occupation=occupation).select_related(spec.link_field)
            lists[spec.name] = [
                {"id": getattr(row, f"{spec.link_field}_id"), "label": str(row)} for row in rows
            ]
        else:
            related = getattr(occupation, spec.name).order_by("pk")
            if spec.name == "job_titles":
                related = related.select_related("unit_group")
            lists[spec.name] = [{"id": item.pk, "label": str(item)} for item in related]
    return lists


def record_lists(sender, instance, history_instance, **kwargs):
    """simple-history's documented hook for extra version fields (connected in apps.py)."""
    if history_instance.history_type != "-":
        history_instance.lists = occupation_lists(instance)


def occupation_version_record(*, occupation, by, reason, created=False):
    """Record the occupation as it is now, with its lists, as one version. For write paths
    that save the row without a version first (`save_without_historical_record`) and then
    its lists."""
    occupation._history_user = by
    occupation._change_reason = str(reason)
    try:
        OCCUPATION_HISTORY.create_historical_record(occupation, "+" if created else "~")
    finally:
        del occupation._history_user, occupation._change_reason


def occupation_versions(occupation):
    """Every version of an occupation and of its working drafts, newest first."""
    original = occupation.draft_of if occupation.draft_of_id else occupation
    history = Occupation.history.model.objects
    return (
        history.filter(Q(id=original.pk) | (Q(draft_of_id=original.pk) & ~Q(history_type="-")))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


@dataclass
class Version:
    """A version to compare: a recorded one, or the row as it is now."""

    fields: dict
    lists: dict
    record: object = None
    label: str = ""
    is_draft: bool = False

    @classmethod
    def from_record(cls, record):
        return cls(
            fields={name: getattr(record, name) for name in COPIED_FIELDS},
            lists=record.lists or {},
            record=record,
            is_draft=record.draft_of_id is not None or record.status == "draft",
        )

    @classmethod
    def from_occupation(cls, occupation):
        return cls(
            fields={name: getattr(occupation, name) for name in COPIED_FIELDS},
            lists=occupation_lists(occupation),
            is_draft=occupation.status == Occupation.Status.DRAFT,
        )


@dataclass
class FieldChange:
    name: str
    label: str
    old: object
    new: object
    segments: list = field(default_factory=list)  # (kind, text): "same", "del" or "ins"


@dataclass
class ListChange:
    name: str
    label: str
    removed: list
    added: list
    reordered: bool


def _display(value):
    if isinstance(value, bool):
        return _("Ja") if value else _("Nei")
    if value is None:
        return ""
    return str(getattr(value, "name", value))


def word_segments(old, new):
    """Word-level changes from old to new text, as (kind, text) pieces to show in order."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    segments = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("del", "".join(old_words[a1:a2])))
        if b2 > b1:
            segments.append(("ins", "".join(new_words[b1:b2])))
    return segments


def version_diff(old, new):
    """What changed from `old` to `new` (two `Version`s): fields, then lists."""
    fields = []
    for name in CONTENT_FIELDS:
        before, after = _display(old.fields.get(name)), _display(new.fields.get(name))
        if before == after:
            continue
        change = FieldChange(name, Occupation._meta.get_field(name).verbose_name, before, after)
        if name in LONG_TEXT_FIELDS:
            change.segments = word_segments(before, after)
        fields.append(change)
    lists = []
    for spec in LISTS:
        before = [item["label"] for item in old.lists.get(spec.name, [])]
        after = [item["label"] for item in new.lists.get(spec.name, [])]
        if before == after:
            continue
        removed = [label for label in before if label not in after]
        added = [label for label in after if label not in before]
        reordered = spec.ordered and not removed and not added
        lists.append(ListChange(spec.name, spec.label, removed, added, reordered))
    return fields, lists
