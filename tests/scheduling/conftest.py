import pytest

from scheduling.jobs import ScheduledJob
from scheduling.schedules import Daily


class Calls:
    """A job that counts its runs (thread-safe enough: list.append is atomic) and can fail."""

    def __init__(self):
        self.calls = []
        self.fail_with = None

    def __call__(self, context):
        self.calls.append(context.run.pk)
        context.progress("halvveis")
        if self.fail_with:
            raise self.fail_with
        return "ferdig"


@pytest.fixture
def calls():
    return Calls()


@pytest.fixture
def job(calls, monkeypatch):
    """A nightly job, the only one the scheduler and the workers know in the test."""
    job = ScheduledJob("nattjobb", Daily(1, 30), calls, description="En testjobb.")
    registry = {job.name: job}
    monkeypatch.setattr("scheduling.scheduler.scheduled_jobs", lambda: registry)
    monkeypatch.setattr("scheduling.runner.scheduled_jobs", lambda: registry)
    monkeypatch.setattr("scheduling.management.commands.work.scheduled_jobs", lambda: registry)
    return job
