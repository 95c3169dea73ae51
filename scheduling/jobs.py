"""The scheduled jobs, declared by the apps that own the work.

Each app lists its jobs in `<app>/scheduled_jobs.py` as `JOBS`; this module collects them. The
scheduler sits in the infrastructure layer, below the apps whose work it runs, so it learns
about their jobs this way instead of importing them (like `registers/jobs.py` for import files).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class ScheduledJob:
    name: str  # unique, e.g. "enhetsregisteret"; the runs are listed by it
    schedule: object  # scheduling.schedules.Every / Daily / Monthly
    # The work: run(context) -> a short text for the run's result. It raises on failure.
    run: Callable
    description: str = ""
    # A failed or lost attempt is tried again until this many attempts have been made.
    max_attempts: int = 3
    # A running attempt whose worker gave no sign of life for this long is taken to be dead.
    lease: datetime.timedelta = datetime.timedelta(minutes=5)
    # Wait before the next attempt after a failure: retry_delay × 2^(attempts − 1).
    retry_delay: datetime.timedelta = datetime.timedelta(minutes=1)


class JobContext:
    """What a running job may tell the scheduler: how far it has come (shown in the admin and
    written with the next heartbeat)."""

    def __init__(self, run):
        self.run = run
        self.progress_text = ""

    def progress(self, text):
        self.progress_text = str(text)[:500]


def scheduled_jobs():
    """Every installed app's jobs, by name."""
    jobs = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.scheduled_jobs"
        if find_spec(name) is not None:
            for job in import_module(name).JOBS:
                if job.name in jobs:
                    raise ValueError(f"Two scheduled jobs are named {job.name!r}.")
                jobs[job.name] = job
    return jobs
