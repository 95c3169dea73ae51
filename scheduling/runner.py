"""One attempt of a scheduled run, in whichever process the task backend runs it.

The attempt starts with a conditional update (queued → running), so of two workers handed the
same run only one starts it. While the job runs, a thread writes a heartbeat (and the job's
progress) on its own database connection every SCHEDULER_HEARTBEAT_SECONDS, so a scheduler
can tell a long job from a dead one (scheduling.scheduler). A job that raises is queued again
after a back-off, or marked failed after its last attempt.
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from scheduling.jobs import JobContext, scheduled_jobs
from scheduling.models import ScheduledRun

logger = logging.getLogger(__name__)


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:200]


class _Heartbeat(threading.Thread):
    def __init__(self, *, run_id, worker, context, interval):
        super().__init__(name=f"heartbeat-{run_id}", daemon=True)
        self.run_id, self.worker, self.context, self.interval = run_id, worker, context, interval
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(self.interval):
                try:
                    ScheduledRun.objects.filter(
                        pk=self.run_id, status=ScheduledRun.Status.RUNNING, worker=self.worker
                    ).update(heartbeat_at=timezone.now(), progress=self.context.progress_text)
                except Exception:
                    logger.exception("Heartbeat of scheduled run %s failed", self.run_id)
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self):
        if self.interval > 0:
            self.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        if self.is_alive():
            self.join()


def _mine(run, worker):
    return ScheduledRun.objects.filter(pk=run.pk, status=ScheduledRun.Status.RUNNING, worker=worker)


def _failed(run, job, worker, error):
    now = timezone.now()
    message = f"{type(error).__name__}: {error}"[:4000]
    if job is None or run.attempts >= run.max_attempts:
        _mine(run, worker).update(
            status=ScheduledRun.Status.FAILED, finished_at=now, last_error=message
        )
        logger.error("Scheduled run %s failed for good: %s", run, message)
        return ScheduledRun.Status.FAILED
    delay = job.retry_delay * 2 ** (run.attempts - 1)
    _mine(run, worker).update(
        status=ScheduledRun.Status.QUEUED,
        not_before=now + delay,
        dispatched_at=None,
        last_error=message,
    )
    logger.warning("Scheduled run %s failed, tried again after %s: %s", run, delay, message)
    return ScheduledRun.Status.QUEUED


def scheduled_run_execute(*, run_id):
    """Start, run and finish one attempt of the run. Returns its status afterwards, or None
    when it was not this worker's to start (another started it, or it is not due)."""
    worker = worker_name()
    now = timezone.now()
    started = ScheduledRun.objects.filter(
        pk=run_id, status=ScheduledRun.Status.QUEUED, not_before__lte=now
    ).update(
        status=ScheduledRun.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        worker=worker,
        progress="",
    )
    if not started:
        return None
    run = ScheduledRun.objects.get(pk=run_id)
    job = scheduled_jobs().get(run.job)
    if job is None:
        error = LookupError(_("Ingen planlagt jobb heter %(name)s.") % {"name": run.job})
        return _failed(run, None, worker, error)
    context = JobContext(run)
    heartbeat = _Heartbeat(
        run_id=run.pk,
        worker=worker,
        context=context,
        interval=settings.SCHEDULER_HEARTBEAT_SECONDS,
    )
    with heartbeat:
        try:
            result = job.run(context)
        except Exception as error:
            logger.exception("Scheduled run %s raised", run)
            return _failed(run, job, worker, error)
    _mine(run, worker).update(
        status=ScheduledRun.Status.SUCCEEDED,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
        progress=context.progress_text,
        result=str(result or "")[:10000],
    )
    return ScheduledRun.Status.SUCCEEDED
