"""Saying what changed: the one call every write path makes.

    changes_record(rows=[occupation])                 # these rows (with their inlines)
    changes_record(rows=[occupation], fields=["job_titles"])
    changes_record(models=[Employment])               # a bulk write: any row may have changed

The change is stored in the caller's transaction (`PendingChange`), so it commits or rolls back
with the write it describes: a dry run or a failed import records nothing. After the commit,
the installed refresher's `committed` hook runs in this process (cheap: the page cache) and
the refresh itself is enqueued as a task (`changes.tasks.changes_apply_task`), which brings
every derived store up to date in one transaction.
"""

import logging

from django.db import transaction

from changes.changeset import ChangeSet
from changes.models import PendingChange
from changes.refresher import installed
from changes.tasks import changes_apply_task

logger = logging.getLogger(__name__)


def changes_record(*, rows=(), models=(), fields=None):
    """Record that `rows` (model instances) or, in bulk, `models` (model classes) changed.
    `fields` names the changed fields of `rows` where the writer knows them; None means any.

    Call it in the transaction that writes, after the write, or before a delete (a deleted
    row no longer says what it belonged to) with the delete in the same transaction: the
    refresh runs when that transaction commits, at once outside one."""
    changes = ChangeSet.of(rows=rows, models=models, fields=fields)
    if not changes:
        return
    PendingChange.objects.create(changes=changes.to_json())
    transaction.on_commit(_committed)


def _committed():
    refresher = installed()
    try:
        if refresher is not None:
            refresher.committed()
    except Exception:
        # The write has committed and must not turn into an error page; the refresh below
        # (or its next run) invalidates the pages again and keeps the change until it can.
        logger.exception("Could not invalidate the cached pages after a write")
    try:
        changes_apply_task.enqueue()
    except Exception:
        # The change is stored; the next run of changes_apply (any later change, the worker,
        # or `manage.py apply_changes`) brings the derived data up to date.
        logger.exception("Could not enqueue the refresh of derived data")
