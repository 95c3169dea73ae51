"""A real `manage.py work` process killed (SIGKILL) in the middle of a job: its run is taken
back once its heartbeat is older than the lease, run again, and nothing of the killed attempt
is left behind. PostgreSQL: the worker is another process on the test database."""

import dataclasses
import datetime
import io
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from employers.models import Employer
from registers.models import ImportRun, SourceDownload
from scheduling.jobs import scheduled_jobs
from scheduling.models import ScheduledRun
from scheduling.scheduler import schedule_tick
from tests.recorded_http import RecordedServer
from tests.registers.test_fetch import BULK, POSTEN, underenheter
from tests.servers import database_url

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a worker process needs PG"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_a_worker_killed_mid_job_has_its_run_taken_back_and_run_again(
    settings, tmp_path, monkeypatch
):
    call_command("load_regions", stdout=io.StringIO())
    settings.IMPORT_DIR = tmp_path / "imports"
    settings.FETCH_BACKOFF = 0
    with RecordedServer() as server:
        url = server.serve(BULK, underenheter(), etag='"v1"', pause=300)  # stalls half-way
        settings.BRREG_UNDERENHETER_URL = url
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "work", "--run", "enhetsregisteret"],
            cwd=django_settings.BASE_DIR,
            env={
                **os.environ,
                "LOCAL_ENV_FILE": "",
                "DATABASE_URL": database_url(),
                "CONN_MAX_AGE": "0",
                "DEBUG": "false",
                "SECRET_KEY": "killed-worker-test-only",
                "ALLOWED_HOSTS": "127.0.0.1",
                "BRREG_UNDERENHETER_URL": url,
                "IMPORT_DIR": str(settings.IMPORT_DIR),
                "SCHEDULER_HEARTBEAT_SECONDS": "0.2",
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(lambda: server.requests and ScheduledRun.objects.filter(status="running"))
            run = ScheduledRun.objects.get()
            wait_for(lambda: ScheduledRun.objects.get().heartbeat_at > run.heartbeat_at)
        finally:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()

        run.refresh_from_db()
        assert (run.status, run.attempts) == ("running", 1)  # what the dead worker left
        archive = settings.IMPORT_DIR / "arkiv" / "enhetsregisteret"
        # Only its partial download, never a file that looks complete.
        [partial] = [path.name for path in archive.iterdir()]
        assert partial.startswith(".")
        assert partial.endswith("-underenheter_alle.json.gz.del")

        # The job's lease, shortened for the test: the next tick finds the heartbeat too old.
        job = dataclasses.replace(
            scheduled_jobs()["enhetsregisteret"], lease=datetime.timedelta(seconds=1)
        )
        monkeypatch.setattr("scheduling.scheduler.scheduled_jobs", lambda: {job.name: job})
        server.serve(BULK, underenheter(), etag='"v1"')  # the register answers normally again
        time.sleep(1.5)
        tick = schedule_tick()

    assert tick.retried == [run.pk]
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("succeeded", 2)
    assert "ga ikke livstegn" in run.last_error
    assert Employer.objects.filter(orgnr=POSTEN).exists()
    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED
    assert SourceDownload.objects.get().etag == '"v1"'
    names = sorted(path.name for path in archive.iterdir())
    assert len(names) == 1
    assert names[0].endswith("-underenheter_alle.json.gz")  # the partial file is gone
