"""Write paths for occupations, called the same way from the admin, commands and tests.

`occupation_publish` and `occupation_unpublish` are the only ways a page goes public or stops
being public; everything that publishes (a draft, a schedule) ends in one of them. Each write
says what changed (`changes_record`); the search index, the employer rows and the cached pages
follow after the commit (derived/rules.py).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from changes.record import changes_record
from occupations.history import (
    COPIED_FIELDS,
    LISTS,
    Version,
    occupation_lists,
    occupation_version_record,
)
from occupations.models import Education, Occupation, SlugRedirect
from registers.locks import ImportLocked, source_lock

# What a copy or restore writes: the content fields and the lists (see occupations.history).
CONTENT_CHANGES = [*COPIED_FIELDS, *(spec.name for spec in LISTS)]


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
    changes_record(rows=[occupation], fields=update_fields)


def _locked(occupation):
    """The occupation's row as it is now, locked until the transaction ends."""
    return Occupation.all_objects.select_for_update().get(pk=occupation.pk)


@transaction.atomic
def occupation_publish(*, occupation, at=None, by=None):
    current = _locked(occupation)
    current.status = Occupation.Status.PUBLISHED
    current.published_at = at or timezone.now()
    _save_version(current, by=by, reason=_("Publisert"), update_fields=["status", "published_at"])
    occupation.status, occupation.published_at = current.status, current.published_at
    occupation.lock_version = current.lock_version
    return current


@transaction.atomic
def occupation_unpublish(*, occupation, by=None):
    current = _locked(occupation)
    current.status = Occupation.Status.DRAFT
    _save_version(current, by=by, reason=_("Avpublisert"), update_fields=["status"])
    occupation.status, occupation.lock_version = current.status, current.lock_version
    return current


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
        if name == "image":
            # The stored name and size are copied as they are; assigning through the
            # ImageField would open the file to measure it again.
            target.__dict__["image"] = str(fields["image"] or "")
        else:
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
    occupation_version_record(occupation=draft, by=by, reason=_("Utkast opprettet"), created=True)
    changes_record(rows=[draft])  # its preview lists employers too
    return draft


def _draft_for_publishing(draft, *, expected_version):
    """The draft's row, locked; PublishError when it is gone, already public or changed
    since the editor saw it (`expected_version`, when given, is the lock version they saw)."""
    current = Occupation.all_objects.select_for_update().filter(pk=draft.pk).first()
    if current is None:
        raise PublishError(_("Utkastet finnes ikke lenger. Det er publisert eller slettet."))
    if current.status == Occupation.Status.PUBLISHED:
        raise PublishError(_("«%(title)s» er allerede publisert.") % {"title": current.title})
    if expected_version is not None and current.lock_version != expected_version:
        raise PublishError(
            _("Utkastet er endret siden du åpnet siden. Se over endringene før du publiserer.")
        )
    return current


@transaction.atomic
def occupation_draft_publish(*, draft, by=None, expected_version=None):
    """Publish a draft: a new occupation is published as it is; a working draft is copied
    onto its published page (which keeps its id, address history and employer rows) and
    then removed. Returns the published occupation. Raises PublishError (and writes nothing)
    when the draft cannot be published, e.g. a second click after the first published it."""
    draft = _draft_for_publishing(draft, expected_version=expected_version)
    if draft.draft_of_id is None:
        draft.publish_scheduled_at, draft.publish_scheduled_by = None, None
        draft.save_without_historical_record(
            update_fields=["publish_scheduled_at", "publish_scheduled_by"]
        )
        return occupation_publish(occupation=draft, by=by)

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
    changed_lists = [spec.name for spec in LISTS if old_lists[spec.name] != new_lists[spec.name]]
    changes_record(rows=[published, draft], fields=[*COPIED_FIELDS, *changed_lists])
    draft.delete()
    return occupation_publish(occupation=published, by=by)


@transaction.atomic
def occupation_publish_schedule(*, draft, at, by, expected_version=None):
    """Publish the draft at a later time (`publish_due`, run by cron, does it)."""
    draft = _draft_for_publishing(draft, expected_version=expected_version)
    draft.publish_scheduled_at, draft.publish_scheduled_by = at, by
    reason = _("Planlagt publisert %(at)s") % {
        "at": timezone.localtime(at).strftime("%d.%m.%Y %H:%M")
    }
    _save_version(
        draft, by=by, reason=reason, update_fields=["publish_scheduled_at", "publish_scheduled_by"]
    )
    return draft


@transaction.atomic
def occupation_publish_unschedule(*, draft, by, expected_version=None):
    draft = _draft_for_publishing(draft, expected_version=expected_version)
    draft.publish_scheduled_at, draft.publish_scheduled_by = None, None
    _save_version(
        draft,
        by=by,
        reason=_("Planlagt publisering avbrutt"),
        update_fields=["publish_scheduled_at", "publish_scheduled_by"],
    )
    return draft


class PublishingBusy(Exception):
    """Another run of `occupations_publish_due` is publishing right now."""


@transaction.atomic
def _publish_if_due(pk, now):
    """Publish one scheduled draft if it is still there and still due (an editor may have
    deleted it, changed it, or cancelled the schedule since the list was read)."""
    draft = Occupation.all_objects.select_for_update().filter(pk=pk).first()
    if draft is None or draft.publish_scheduled_at is None or draft.publish_scheduled_at > now:
        return None
    return occupation_draft_publish(draft=draft, by=draft.publish_scheduled_by)


def occupations_publish_due(*, now=None):
    """Publish every draft whose scheduled time has come, each in its own transaction, one
    run at a time (PublishingBusy when another run holds the lock). Returns (published
    occupations, [(draft, reason)] that failed)."""
    now = now or timezone.now()
    published, failed = [], []
    try:
        with source_lock("publish-due"):
            due = Occupation.all_objects.filter(publish_scheduled_at__lte=now).order_by(
                "publish_scheduled_at", "pk"
            )
            for draft in list(due):
                try:
                    occupation = _publish_if_due(draft.pk, now)
                except PublishError as error:
                    failed.append((draft, str(error)))
                    continue
                if occupation is not None:
                    published.append(occupation)
    except ImportLocked as exc:
        raise PublishingBusy from exc
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
    old_slug = draft.slug
    missing = _content_apply(target=draft, fields=fields, lists=record.lists or {})
    if draft.draft_of_id is None and draft.slug != old_slug:
        occupation_slug_changed(occupation=draft, old_slug=old_slug)
    changes_record(rows=[draft], fields=CONTENT_CHANGES)
    occupation_version_record(
        occupation=draft,
        by=by,
        reason=_("Gjenopprettet fra versjonen %(when)s")
        % {"when": timezone.localtime(record.history_date).strftime("%d.%m.%Y %H:%M")},
    )
    return draft, missing


@transaction.atomic
def occupation_job_titles_add(*, occupation, job_titles):
    """Link NAV job titles to an occupation (the Dataforvalter's mapping tool). Titles already
    linked are left as they are. Returns the number of titles newly linked."""
    occupation = _locked(occupation)
    linked = set(occupation.job_titles.values_list("pk", flat=True))
    new = [title for title in job_titles if title.pk not in linked]
    if new:
        occupation.job_titles.add(*new)
        changes_record(rows=[occupation], fields=["job_titles"])
    return len(new)
