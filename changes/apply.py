"""Bringing derived data up to date for the changes recorded so far."""

import logging
import zlib

from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from changes.changeset import ChangeSet
from changes.models import PendingChange
from changes.refresher import installed

logger = logging.getLogger(__name__)

LOCK_KEY = zlib.crc32(b"careersite-changes-apply")
# How long a run waits for another to finish before it leaves the work to that one.
LOCK_WAIT = "5s"


class RefreshFailed(Exception):
    """The refresh raised; the pending changes stay, with the error, for the next run."""


class _Busy(Exception):
    """Another run holds the lock."""


def _lock():
    """One refresh at a time, across processes and machines. PostgreSQL: a transaction-level
    advisory lock, waited for at most LOCK_WAIT (an editor's request must not wait for an
    import's rebuild); SQLite serialises writing transactions itself (they begin IMMEDIATE)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'")
        try:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == "55P03":  # lock_not_available
                raise _Busy from error
            raise
        cursor.execute("SET LOCAL lock_timeout = 0")


def _round(refresher):
    """The pending changes as they are now, merged and refreshed in one transaction.
    Returns (changes applied, error); on an error nothing of the refresh is written, and the
    error is kept on the pending changes."""
    with transaction.atomic():
        _lock()
        pending = list(PendingChange.objects.order_by("pk").values_list("pk", "changes"))
        if not pending:
            return 0, None
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
            return 0, error
        return len(ids), None


def changes_apply():
    """Refresh what depends on every pending change, in rounds until none is left.

    Each round is one transaction: either every derived store is brought up to date and its
    changes removed, or nothing of it is written but the error on the pending changes, and
    RefreshFailed is raised. A process killed half-way leaves the pending changes as they were.
    When another run holds the lock for longer than LOCK_WAIT, this one leaves the work to it:
    that run takes another round for whatever was committed before its last one began.
    Returns the number of changes applied, or None when another run was busy."""
    refresher = installed()
    if refresher is None:
        raise ImproperlyConfigured("No refresher is installed; is the 'derived' app installed?")
    applied = 0
    while True:
        try:
            count, error = _round(refresher)
        except _Busy:
            return None if applied == 0 else applied
        if error is not None:
            raise RefreshFailed(str(error)) from error
        if count == 0:
            return applied
        applied += count
