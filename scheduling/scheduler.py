"""The scheduler: claims each due slot once, takes back runs whose worker died, and hands
ready runs to the task queue. Any number of schedulers may tick at once (one per server).

- **Once per slot**: a slot is claimed by inserting its `ScheduledRun`; the unique (job, slot)
  lets exactly one insert succeed, on PostgreSQL and SQLite alike, whatever the timing.
- **A dead worker's run**: a running attempt whose heartbeat is older than the job's lease is
  queued again, or marked failed when it has had all its attempts.
- **Handing out**: a queued run is handed to the task queue by one scheduler (a conditional
  update on `dispatched_at`), and handed out again if no worker started it within the lease
  (the task was lost). A worker starts it with a conditional update too (scheduling.runner),
  so a run handed out twice still runs once.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scheduling.jobs import scheduled_jobs
from scheduling.models import ScheduledRun
from scheduling.tasks import scheduled_run_task

logger = logging.getLogger(__name__)

# For runs of a job that is no longer declared.
DEFAULT_LEASE = datetime.timedelta(minutes=5)


@dataclass
class Tick:
    claimed: list = field(default_factory=list)  # ScheduledRun
    retried: list = field(default_factory=list)  # ScheduledRun ids queued again
    failed: list = field(default_factory=list)  # ScheduledRun ids given up
    dispatched: list = field(default_factory=list)  # ScheduledRun ids handed to the queue


def scheduled_run_claim(*, job, slot, now=None):
    """Claim `job`'s `slot`: the new run, or None when another scheduler claimed it first."""
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(
                job=job.name,
                slot=slot,
                max_attempts=job.max_attempts,
                not_before=now or timezone.now(),
            )
    except IntegrityError:
        return None


def _lease(jobs, name):
    job = jobs.get(name)
    return job.lease if job else DEFAULT_LEASE


def _recover(jobs, now, tick):
    """Running attempts whose worker stopped giving signs of life."""
    running = ScheduledRun.objects.filter(status=ScheduledRun.Status.RUNNING)
    for run in running.only("pk", "job", "attempts", "max_attempts", "heartbeat_at", "worker"):
        if run.heartbeat_at and run.heartbeat_at >= now - _lease(jobs, run.job):
            continue
        lost = _(
            "Arbeideren %(worker)s ga ikke livstegn etter %(time)s (forsøk %(attempt)d av "
            "%(max)d); den ble trolig stoppet."
        ) % {
            "worker": run.worker or "?",
            "time": timezone.localtime(run.heartbeat_at).strftime("%Y-%m-%d %H:%M:%S")
            if run.heartbeat_at
            else "?",
            "attempt": run.attempts,
            "max": run.max_attempts,
        }
        same = ScheduledRun.objects.filter(
            pk=run.pk, status=ScheduledRun.Status.RUNNING, heartbeat_at=run.heartbeat_at
        )
        if run.attempts >= run.max_attempts:
            given_up = _("Ingen forsøk igjen.")
            if same.update(
                status=ScheduledRun.Status.FAILED, finished_at=now, last_error=f"{lost} {given_up}"
            ):
                logger.error("Scheduled run %s failed: %s", run, lost)
                tick.failed.append(run.pk)
        elif same.update(
            status=ScheduledRun.Status.QUEUED, not_before=now, dispatched_at=None, last_error=lost
        ):
            logger.warning("Scheduled run %s queued again: %s", run, lost)
            tick.retried.append(run.pk)


def _claim_due(jobs, now, tick):
    busy = set(ScheduledRun.objects.unfinished().values_list("job", flat=True))
    due = {name: job.schedule.latest(now) for name, job in jobs.items() if name not in busy}
    # One run of a job at a time: a busy job's next slot is claimed when its run ends.
    claimed = set(
        ScheduledRun.objects.filter(job__in=due, slot__in=set(due.values())).values_list(
            "job", "slot"
        )
    )
    for name, slot in due.items():
        if (name, slot) in claimed:
            continue
        run = scheduled_run_claim(job=jobs[name], slot=slot, now=now)
        if run is not None:
            tick.claimed.append(run)


def _dispatch(jobs, now, tick, runs=None):
    runs = ScheduledRun.objects.all() if runs is None else runs
    for run in runs.ready(now).order_by("not_before", "pk"):
        if run.dispatched_at and run.dispatched_at >= now - _lease(jobs, run.job):
            continue  # handed out; a worker will start it
        handed = ScheduledRun.objects.filter(
            pk=run.pk, status=ScheduledRun.Status.QUEUED, dispatched_at=run.dispatched_at
        ).update(dispatched_at=now)
        if not handed:
            continue  # another scheduler handed it out first
        tick.dispatched.append(run.pk)
        try:
            scheduled_run_task.enqueue(run.pk)
        except Exception:
            # Handed out again once the lease has passed.
            logger.exception("Could not enqueue scheduled run %s", run)


def _prune(now):
    """Successful runs are kept SCHEDULER_KEEP_DAYS (a job every minute adds 1,440 a day);
    failed ones stay until someone deletes them in the database."""
    keep = datetime.timedelta(days=settings.SCHEDULER_KEEP_DAYS)
    ScheduledRun.objects.filter(
        status=ScheduledRun.Status.SUCCEEDED, finished_at__lt=now - keep
    ).delete()


def schedule_tick(*, now=None, jobs=None):
    """One round of the scheduler: take back lost runs, claim due slots, hand out ready runs.
    With the immediate task backend the runs it hands out run here, before it returns."""
    now = now or timezone.now()
    jobs = scheduled_jobs() if jobs is None else {job.name: job for job in jobs}
    tick = Tick()
    _prune(now)
    _recover(jobs, now, tick)
    _claim_due(jobs, now, tick)
    _dispatch(jobs, now, tick)
    return tick


def scheduled_run_now(*, job, now=None):
    """A run of `job` outside its schedule (by hand), handed out at once."""
    now = now or timezone.now()
    run = scheduled_run_claim(job=job, slot=now.replace(microsecond=0), now=now)
    if run is not None:
        _dispatch({job.name: job}, now, Tick(), ScheduledRun.objects.filter(pk=run.pk))
        run.refresh_from_db()
    return run
