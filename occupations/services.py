"""Write paths for occupations, called the same way from the admin, commands and tests.

`occupation_publish` and `occupation_unpublish` are the only ways a page goes public or stops
being public; everything that publishes (a draft, a schedule) ends in one of them.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.summary import occupation_employers_refresh
from occupations.history import (
    COPIED_FIELDS,
    LISTS,
    Version,
    occupation_lists,
    occupation_version_record,
)
from occupations.models import Education, Occupation, SlugRedirect
from pagecache.cache import pagecache_invalidate
from search.index import search_index_update


class PublishError(Exception):
    """A draft that cannot be published as it is; the message says why, for the editor."""


def _save_version(occupation, *, by, reason, update_fields):
    """Save the row and record the version with who did it and why (django-simple-history
    reads these two attributes; without `by` it takes the request's user)."""
    if by is not None:
        occupation._history_user = by
    occupation._change_reason = str(reason)
    occupation.lock_version += 1
    try:
        occupation.save(update_fields=[*update_fields, "lock_version", "updated_at"])
    finally:
        occupation.__dict__.pop("_history_user", None)
        occupation.__dict__.pop("_change_reason", None)


def occupation_publish(*, occupation, at=None, by=None):
    occupation.status = Occupation.Status.PUBLISHED
    occupation.published_at = at or timezone.now()
    _save_version(
        occupation, by=by, reason=_("Publisert"), update_fields=["status", "published_at"]
    )
    pagecache_invalidate()
    search_index_update(occupations=[occupation])


def occupation_unpublish(*, occupation, by=None):
    occupation.status = Occupation.Status.DRAFT
    _save_version(occupation, by=by, reason=_("Avpublisert"), update_fields=["status"])
    pagecache_invalidate()
    search_index_update(occupations=[occupation])


@transaction.atomic
def occupation_slug_changed(*, occupation, old_slug):
    """Keep the old address working: it redirects to the occupation's new one."""
    SlugRedirect.objects.filter(old_slug=occupation.slug).delete()
    if old_slug and old_slug != occupation.slug:
        SlugRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"occupation": occupation}
        )


def _content_apply(*, target, fields, lists):
    """Write content fields and lists (in the form a version keeps them) onto `target`, then
    save it without a version (the caller records one). Returns the labels of linked rows
    that no longer exist and were left out."""
    for name in COPIED_FIELDS:
        setattr(target, name, fields[name])
    target.lock_version += 1
    target.save_without_historical_record()

    missing = []
    for spec in LISTS:
        items = lists.get(spec.name, [])
        if spec.text_field:
            spec.model.objects.filter(occupation=target).delete()
            spec.model.objects.bulk_create(
                spec.model(occupation=target, **{spec.text_field: item["label"]}, position=i)
                if spec.ordered
                else spec.model(occupation=target, **{spec.text_field: item["label"]})
                for i, item in enumerate(items)
            )
        elif spec.link_field:
            existing = set(
                Education.objects.filter(pk__in=[item["id"] for item in items]).values_list(
                    "pk", flat=True
                )
            )
            spec.model.objects.filter(occupation=target).delete()
            spec.model.objects.bulk_create(
                spec.model(occupation=target, education_id=item["id"], position=i)
                for i, item in enumerate(items)
                if item["id"] in existing
            )
            missing += [item["label"] for item in items if item["id"] not in existing]
        else:
            manager = getattr(target, spec.name)
            related = manager.model.objects.filter(pk__in=[item["id"] for item in items])
            existing = set(related.values_list("pk", flat=True))
            manager.set(existing)
            missing += [item["label"] for item in items if item["id"] not in existing]
    return missing


def _codes(lists):
    return {
        name: sorted(item["id"] for item in lists.get(name, []))
        for name in ("job_titles", "trades")
    }


@transaction.atomic
def occupation_draft_create(*, occupation, by):
    """The working draft of a published occupation: a copy that editors change while the
    public keeps seeing the published page. Returns the existing one if there is one."""
    occupation = Occupation.objects.select_for_update().get(pk=occupation.pk)
    existing = Occupation.all_objects.filter(draft_of=occupation).first()
    if existing is not None:
        return existing
    draft = Occupation(draft_of=occupation, status=Occupation.Status.DRAFT, lock_version=0)
    lists = occupation_lists(occupation)
    _content_apply(target=draft, fields=Version.from_occupation(occupation).fields, lists=lists)
    occupation_employers_refresh(occupations=[draft])
    occupation_version_record(occupation=draft, by=by, reason=_("Utkast opprettet"), created=True)
    return draft


@transaction.atomic
def occupation_draft_publish(*, draft, by=None):
    """Publish a draft: a new occupation is published as it is; a working draft is copied
    onto its published page (which keeps its id, address history and employer rows) and
    then removed. Returns the published occupation."""
    draft = Occupation.all_objects.select_for_update().get(pk=draft.pk)
    if draft.draft_of_id is None:
        draft.publish_scheduled_at, draft.publish_scheduled_by = None, None
        draft.save_without_historical_record(
            update_fields=["publish_scheduled_at", "publish_scheduled_by"]
        )
        occupation_publish(occupation=draft, by=by)
        return draft

    published = Occupation.objects.select_for_update().get(pk=draft.draft_of_id)
    if Occupation.objects.filter(slug=draft.slug).exclude(pk=published.pk).exists():
        raise PublishError(
            _("Et annet yrke har allerede adressen «%(slug)s».") % {"slug": draft.slug}
        )
    old_slug, old_lists = published.slug, occupation_lists(published)
    new_lists = occupation_lists(draft)
    _content_apply(target=published, fields=Version.from_occupation(draft).fields, lists=new_lists)
    if published.slug != old_slug:
        occupation_slug_changed(occupation=published, old_slug=old_slug)
    if _codes(old_lists) != _codes(new_lists):
        occupation_employers_refresh(occupations=[published])
    draft.delete()
    occupation_publish(occupation=published, by=by)
    return published


def occupation_publish_schedule(*, draft, at, by):
    """Publish the draft at a later time (`publish_due`, run by cron, does it)."""
    draft.publish_scheduled_at, draft.publish_scheduled_by = at, by
    reason = _("Planlagt publisert %(at)s") % {
        "at": timezone.localtime(at).strftime("%d.%m.%Y %H:%M")
    }
    _save_version(
        draft, by=by, reason=reason, update_fields=["publish_scheduled_at", "publish_scheduled_by"]
    )


def occupation_publish_unschedule(*, draft, by):
    draft.publish_scheduled_at, draft.publish_scheduled_by = None, None
    _save_version(
        draft,
        by=by,
        reason=_("Planlagt publisering avbrutt"),
        update_fields=["publish_scheduled_at", "publish_scheduled_by"],
    )


def occupations_publish_due(*, now=None):
    """Publish every draft whose scheduled time has come, each in its own transaction.
    Returns (published occupations, [(draft, reason)] that failed)."""
    now = now or timezone.now()
    published, failed = [], []
    due = Occupation.all_objects.filter(publish_scheduled_at__lte=now).order_by(
        "publish_scheduled_at", "pk"
    )
    for draft in due.select_related("publish_scheduled_by"):
        try:
            published.append(occupation_draft_publish(draft=draft, by=draft.publish_scheduled_by))
        except PublishError as error:
            failed.append((draft, str(error)))
    return published, failed


@transaction.atomic
def occupation_version_restore(*, record, by):
    """Put an old version into the occupation's draft (its working draft when it is
    published, itself otherwise); the public page changes only when that is published.
    Returns (draft, labels of linked rows that no longer exist)."""
    original = Occupation.objects.get(pk=record.draft_of_id or record.id)
    if original.is_published:
        draft = occupation_draft_create(occupation=original, by=by)
    else:
        draft = original
    draft = Occupation.all_objects.select_for_update().get(pk=draft.pk)
    fields = dict(Version.from_record(record).fields)
    if Occupation.objects.filter(slug=fields["slug"]).exclude(pk=original.pk).exists():
        fields["slug"] = draft.slug  # the old address now belongs to another occupation
    if fields["image"] and not draft.image.storage.exists(str(fields["image"])):
        for name in ("image", "image_width", "image_height"):
            fields[name] = getattr(draft, name)
    old_slug, old_codes = draft.slug, _codes(occupation_lists(draft))
    missing = _content_apply(target=draft, fields=fields, lists=record.lists or {})
    if draft.draft_of_id is None and draft.slug != old_slug:
        occupation_slug_changed(occupation=draft, old_slug=old_slug)
    if _codes(occupation_lists(draft)) != old_codes:
        occupation_employers_refresh(occupations=[draft])
    occupation_version_record(
        occupation=draft,
        by=by,
        reason=_("Gjenopprettet fra versjonen %(when)s")
        % {"when": timezone.localtime(record.history_date).strftime("%d.%m.%Y %H:%M")},
    )
    return draft, missing
