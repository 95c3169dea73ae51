"""Bringing derived data up to date for the changes recorded so far."""

import logging
import zlib

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from changes.changeset import ChangeSet
from changes.models import PendingChange
from changes.refresher import installed

logger = logging.getLogger(__name__)

LOCK_KEY = zlib.crc32(b"careersite-changes-apply")


class RefreshFailed(Exception):
    """The refresh raised; the pending changes stay, with the error, for the next run."""


def _lock():
    """One refresh at a time, across processes and machines. PostgreSQL: a transaction-level
    advisory lock (a second run waits, then finds the changes done). SQLite serialises writing
    transactions itself (they begin IMMEDIATE, see settings)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def changes_apply():
    """Merge every pending change and refresh what depends on it, in one transaction: either
    all derived stores are brought up to date and the changes removed, or nothing is written
    but the error on the pending changes (and RefreshFailed is raised). A process killed
    half-way leaves the pending changes as they were. Returns the number of changes applied."""
    refresher = installed()
    if refresher is None:
        raise ImproperlyConfigured("No refresher is installed; is the 'derived' app installed?")
    with transaction.atomic():
        _lock()
        pending = list(PendingChange.objects.order_by("pk").values_list("pk", "changes"))
        if not pending:
            return 0
        ids = [pk for pk, _ in pending]
        merged = ChangeSet()
        for _, data in pending:
            merged.merge(ChangeSet.from_json(data))
        try:
            with transaction.atomic():
                refresher.refresh(merged)
                PendingChange.objects.filter(pk__in=ids).delete()
        except Exception as error:
            logger.exception("Refreshing derived data failed for %s", ", ".join(merged.labels()))
            PendingChange.objects.filter(pk__in=ids).update(
                attempts=F("attempts") + 1,
                last_attempt_at=timezone.now(),
                last_error=f"{type(error).__name__}: {error}"[:2000],
            )
            failure = error
        else:
            return len(ids)
    raise RefreshFailed(str(failure)) from failure
