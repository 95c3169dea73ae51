"""The scheduler: each slot once, however many schedulers; a failing job retried with back-off;
a dead worker's run started again; out of attempts → failed, and shown in the admin."""

import datetime
import io
import threading
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone

from scheduling.jobs import ScheduledJob
from scheduling.models import ScheduledRun
from scheduling.scheduler import schedule_tick, scheduled_run_claim
from scheduling.schedules import Daily, Every, Monthly

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def oslo(*args):
    return datetime.datetime(*args, tzinfo=OSLO)


def test_the_latest_slot_of_each_schedule():
    now = oslo(2026, 11, 29, 14, 7)
    assert Daily(1, 30).latest(now) == oslo(2026, 11, 29, 1, 30)
    assert Daily(23, 0).latest(now) == oslo(2026, 11, 28, 23, 0)
    assert Monthly(13, 5).latest(now) == oslo(2026, 11, 13, 5, 0)
    assert Monthly(13, 5).latest(oslo(2026, 1, 2)) == oslo(2025, 12, 13, 5, 0)
    assert Every(minutes=10).latest(now) == oslo(2026, 11, 29, 14, 0)
    # Across the change to summer time the slot keeps its local time.
    assert Daily(1, 30).latest(oslo(2026, 3, 29, 12)) == oslo(2026, 3, 29, 1, 30)
    with pytest.raises(ValueError, match="1–28"):
        Monthly(31, 5)


@pytest.mark.django_db
def test_a_slot_is_claimed_once(job, calls):
    now = oslo(2025, 11, 20, 2, 0)  # in the past: a worker starts a run only when it is due
    first = schedule_tick(now=now)
    second = schedule_tick(now=now + datetime.timedelta(minutes=5))

    assert [run.slot for run in first.claimed] == [oslo(2025, 11, 20, 1, 30)]
    assert second.claimed == []
    assert scheduled_run_claim(job=job, slot=oslo(2025, 11, 20, 1, 30)) is None
    run = ScheduledRun.objects.get()
    assert run.status == ScheduledRun.Status.SUCCEEDED
    assert (run.attempts, run.result, run.progress) == (1, "ferdig", "halvveis")
    assert calls.calls == [run.pk]

    # The next night's slot is a new run.
    third = schedule_tick(now=now + datetime.timedelta(days=1))
    assert len(third.claimed) == 1
    assert len(calls.calls) == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two connections at once need PostgreSQL"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_at_once_run_each_slot_once(job, calls):
    """Two schedulers (threads, each with its own connection) tick at the same moment, again
    and again: each slot runs once."""
    start = threading.Barrier(2)
    errors = []

    def scheduler():
        try:
            for night in range(5):
                now = oslo(2025, 11, 1 + night, 2, 0)
                start.wait()
                schedule_tick(now=now)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert ScheduledRun.objects.count() == 5
    assert len(calls.calls) == 5
    assert sorted(calls.calls) == sorted(set(calls.calls))
    assert set(ScheduledRun.objects.values_list("status", flat=True)) == {"succeeded"}


@pytest.mark.django_db
def test_a_failing_job_is_retried_with_back_off_then_failed(job, calls, editor_client):
    calls.fail_with = RuntimeError("SSB svarte 503")
    now = timezone.now()
    schedule_tick(now=now)

    run = ScheduledRun.objects.get()
    assert (run.status, run.attempts) == ("queued", 1)
    assert run.last_error == "RuntimeError: SSB svarte 503"
    assert run.not_before - now == pytest.approx(
        datetime.timedelta(minutes=1), abs=datetime.timedelta(seconds=5)
    )
    schedule_tick()  # not yet due: nothing runs
    assert len(calls.calls) == 1

    ScheduledRun.objects.update(not_before=timezone.now())
    schedule_tick()
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("queued", 2)
    assert run.not_before - timezone.now() == pytest.approx(
        datetime.timedelta(minutes=2), abs=datetime.timedelta(seconds=5)
    )

    ScheduledRun.objects.update(not_before=timezone.now())
    schedule_tick()
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("failed", 3)
    assert len(calls.calls) == 3

    page = editor_client.get("/admin/scheduling/scheduledrun/?status__exact=failed")
    assert page.status_code == 200
    assert "nattjobb" in page.text
    detail = editor_client.get(f"/admin/scheduling/scheduledrun/{run.pk}/change/")
    assert "RuntimeError: SSB svarte 503" in detail.text


def _died(job, *, attempts, minutes_ago, days_ago=0):
    """A run whose worker was killed: still marked running, its heartbeat old."""
    beat = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return ScheduledRun.objects.create(
        job=job.name,
        slot=job.schedule.latest(timezone.now()) - datetime.timedelta(days=days_ago),
        status=ScheduledRun.Status.RUNNING,
        attempts=attempts,
        max_attempts=3,
        started_at=beat,
        heartbeat_at=beat,
        worker="app2:4711:1",
    )


@pytest.mark.django_db
def test_a_run_whose_worker_died_is_run_again(job, calls):
    lost = _died(job, attempts=1, minutes_ago=6)

    tick = schedule_tick()

    assert tick.retried == [lost.pk]
    lost.refresh_from_db()
    assert (lost.status, lost.attempts) == ("succeeded", 2)
    assert "app2:4711:1 ga ikke livstegn" in lost.last_error
    assert calls.calls == [lost.pk]
    assert ScheduledRun.objects.count() == 1  # its slot was not claimed a second time


@pytest.mark.django_db
def test_a_run_with_a_recent_heartbeat_is_left_alone(job, calls):
    alive = _died(job, attempts=1, minutes_ago=2)  # within the 5-minute lease

    tick = schedule_tick()

    assert (tick.retried, tick.claimed) == ([], [])
    alive.refresh_from_db()
    assert alive.status == "running"
    assert calls.calls == []


@pytest.mark.django_db
def test_a_dead_run_out_of_attempts_is_failed_and_shown(job, calls, editor_client):
    lost = _died(job, attempts=3, minutes_ago=30, days_ago=1)

    tick = schedule_tick()

    assert tick.failed == [lost.pk]
    lost.refresh_from_db()
    assert lost.status == "failed"
    assert "Ingen forsøk igjen" in lost.last_error
    assert lost.pk not in calls.calls
    # The job is free again: the same round claims today's slot, which runs.
    assert [run.pk for run in tick.claimed] == calls.calls
    page = editor_client.get("/admin/scheduling/scheduledrun/")
    assert "Feilet" in page.text


@pytest.mark.django_db
def test_a_handed_out_run_that_no_worker_started_is_handed_out_again(job, calls, settings):
    settings.TASKS = DATABASE_TASKS  # a task row that no worker takes
    schedule_tick()
    run = ScheduledRun.objects.get()
    assert run.dispatched_at is not None
    assert run.status == "queued"
    assert schedule_tick().dispatched == []  # within the lease: left for the worker

    later = timezone.now() + datetime.timedelta(minutes=6)
    assert schedule_tick(now=later).dispatched == [run.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection needs PG")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_long_job_writes_heartbeats_and_progress(job, calls, settings, monkeypatch):
    settings.SCHEDULER_HEARTBEAT_SECONDS = 0.05
    seen = []

    def slow(context):
        run = context.run
        started = ScheduledRun.objects.get(pk=run.pk).heartbeat_at
        context.progress("1 av 2 filer")
        threading.Event().wait(0.5)
        current = ScheduledRun.objects.get(pk=run.pk)
        seen.append((started, current.heartbeat_at, current.progress))
        return "ok"

    monkeypatch.setattr(calls, "__call__", slow, raising=False)
    job_slow = type(job)(job.name, job.schedule, slow)
    registry = {job.name: job_slow}
    monkeypatch.setattr("scheduling.scheduler.scheduled_jobs", lambda: registry)
    monkeypatch.setattr("scheduling.runner.scheduled_jobs", lambda: registry)

    schedule_tick()

    started, beat, progress = seen[0]
    assert beat > started
    assert progress == "1 av 2 filer"


@pytest.mark.django_db
def test_a_round_with_nothing_due_costs_the_same_few_queries_for_any_number_of_jobs(
    django_assert_num_queries, calls, monkeypatch
):
    jobs = [ScheduledJob(f"jobb-{n}", Daily(1, n), calls) for n in range(30)]
    monkeypatch.setattr("scheduling.runner.scheduled_jobs", lambda: {j.name: j for j in jobs})
    schedule_tick(jobs=jobs[:3])
    schedule_tick(jobs=jobs)
    with django_assert_num_queries(5):  # prune, running, busy, claimed, ready
        schedule_tick(jobs=jobs)
    assert set(ScheduledRun.objects.values_list("status", flat=True)) == {"succeeded"}
    assert len(calls.calls) == 30


@pytest.mark.django_db
def test_work_once_runs_the_due_jobs_and_exits(job, calls):
    out = io.StringIO()
    call_command("work", "--once", stdout=out, stderr=io.StringIO())
    assert "nattjobb" in out.getvalue()
    assert "Fullført" in out.getvalue()
    assert len(calls.calls) == 1

    call_command("work", "--once", stdout=io.StringIO())
    assert len(calls.calls) == 1  # the slot ran already


@pytest.mark.django_db
def test_work_once_with_the_database_backend(job, calls, settings):
    """The scheduler puts the run in the task table and the same command runs it."""
    settings.TASKS = DATABASE_TASKS
    out = io.StringIO()
    call_command("work", "--once", stdout=out, stderr=io.StringIO())

    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert ScheduledRun.objects.get().status == "succeeded"
    assert "1 oppgave(r) fra køen er kjørt" in out.getvalue()
    assert len(calls.calls) == 1


@pytest.mark.django_db
def test_work_run_starts_a_job_by_hand(job, calls):
    out = io.StringIO()
    call_command("work", "--run", "nattjobb", stdout=out)
    assert len(calls.calls) == 1
    calls.fail_with = RuntimeError("nede")
    with pytest.raises(CommandError, match="Ingen jobb heter"):
        call_command("work", "--run", "ukjent")
    call_command("work", "--list", stdout=out)
    assert "nattjobb: hver dag kl. 01:30. En testjobb." in out.getvalue()


@pytest.mark.django_db
def test_work_once_exits_non_zero_when_a_run_failed_for_good(job, calls):
    calls.fail_with = RuntimeError("nede")
    ScheduledRun.objects.create(
        job=job.name, slot=job.schedule.latest(timezone.now()), attempts=2, max_attempts=3
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 planlagt"):
        call_command("work", "--once", stdout=io.StringIO(), stderr=err)
    assert "RuntimeError: nede" in err.getvalue()


@pytest.mark.django_db
def test_old_successful_runs_are_pruned_and_failed_ones_kept(job, calls, settings):
    settings.SCHEDULER_KEEP_DAYS = 30
    old = timezone.now() - datetime.timedelta(days=31)
    for day, status in enumerate(["succeeded", "failed"]):
        ScheduledRun.objects.create(
            job=job.name,
            slot=old - datetime.timedelta(days=day),
            status=status,
            finished_at=old,
        )

    schedule_tick()

    assert sorted(ScheduledRun.objects.values_list("status", flat=True)) == [
        "failed",
        "succeeded",  # today's slot
    ]
