"""The change path itself: a write is stored with the change, the refresh runs after the commit
(at once, or in a worker), all or nothing, and a failed or killed refresh loses nothing."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from changes.apply import LOCK_KEY, RefreshFailed, changes_apply
from changes.changeset import ChangeSet
from changes.models import PendingChange
from changes.record import changes_record
from employers.models import Employment, OccupationEmployer
from occupations.models import Duty, Occupation
from occupations.services import occupation_job_titles_add, occupation_publish
from search.models import SearchDocument
from tests.factories import OccupationFactory
from tests.locks import other_connection

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def indexed(occupation):
    return SearchDocument.objects.filter(occupation=occupation).exists()


@pytest.fixture
def eye_doctor(site):
    """The demo's one unpublished occupation: publishing it must reach the search."""
    return Occupation.objects.get(slug="oyelege")


@pytest.fixture
def tannpleier(site):
    return Occupation.objects.get(slug="tannpleier")


def test_a_changeset_names_rows_with_their_links_and_survives_storage():
    duty = Duty(pk=7, occupation_id=3, text="x")
    changes = ChangeSet.of(rows=[duty], fields=["text"]).merge(ChangeSet.of(models=[Employment]))
    stored = ChangeSet.from_json(changes.to_json())
    assert stored.pks(Duty) == {7}
    assert stored.referenced(Duty, "occupation") == {3}
    assert stored.changed_fields(Duty) == {"text"}
    assert stored.in_bulk(Employment)
    assert not stored.in_bulk(Duty)
    assert stored.merge(ChangeSet.of(rows=[duty])).changed_fields(Duty) is None  # any field


def test_the_refresh_runs_when_the_write_commits_and_never_for_a_rollback(eye_doctor):
    with transaction.atomic():
        occupation_publish(occupation=eye_doctor)
        assert PendingChange.objects.count() == 1
        assert not indexed(eye_doctor)  # not before the commit
    assert indexed(eye_doctor)
    assert not PendingChange.objects.exists()

    with transaction.atomic():
        Occupation.objects.filter(pk=eye_doctor.pk).update(lead="Rullet tilbake.")
        changes_record(rows=[eye_doctor])
        transaction.set_rollback(True)
    assert not PendingChange.objects.exists()


FULL = RuntimeError("indeksen er full")


def _failing(monkeypatch, name, error=FULL):
    def fail(**kwargs):
        raise error

    monkeypatch.setattr(f"derived.refresh.{name}", fail)


def test_a_failing_refresh_keeps_the_change_and_writes_nothing_of_it(
    tannpleier, site, monkeypatch, caplog
):
    """Finding 3: a failure in the search index used to leave a page public but unindexed
    with nobody told. Now the publication commits, the refresh is all or nothing, and the
    change waits, with its error, until a later run succeeds."""
    _failing(monkeypatch, "search_index_update")
    title = site["employment"].job_title
    before = OccupationEmployer.objects.filter(occupation=tannpleier).count()

    occupation_job_titles_add(occupation=tannpleier, job_titles=[title])

    # The employer rows were refreshed before the search failed; that was rolled back too.
    assert OccupationEmployer.objects.filter(occupation=tannpleier).count() == before
    pending = PendingChange.objects.get()
    assert (pending.attempts, pending.last_error) == (1, "RuntimeError: indeksen er full")
    assert "Refreshing derived data failed" in caplog.text
    monkeypatch.undo()

    out = io.StringIO()
    call_command("apply_changes", stdout=out)

    assert "1 ventende endring(er) er oppdatert." in out.getvalue()
    assert OccupationEmployer.objects.filter(occupation=tannpleier).count() > before
    assert not PendingChange.objects.exists()


def test_a_failed_refresh_is_a_clear_command_error(eye_doctor, monkeypatch):
    _failing(monkeypatch, "search_index_update")
    occupation_publish(occupation=eye_doctor)
    with pytest.raises(CommandError, match=r"indeksen er full\. Endringene venter fortsatt\."):
        call_command("apply_changes", stdout=io.StringIO())


def test_a_worker_killed_mid_refresh_leaves_the_old_data_and_the_change(
    tannpleier, site, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS
    before = OccupationEmployer.objects.filter(occupation=tannpleier).count()
    occupation_job_titles_add(occupation=tannpleier, job_titles=[site["employment"].job_title])
    _failing(monkeypatch, "search_index_update", SystemExit("SIGTERM"))

    with pytest.raises(SystemExit):
        changes_apply()  # the worker dies after refreshing the employer rows

    assert OccupationEmployer.objects.filter(occupation=tannpleier).count() == before
    assert PendingChange.objects.get().attempts == 0  # nothing recorded: it never got there
    monkeypatch.undo()
    assert changes_apply() == 1
    assert OccupationEmployer.objects.filter(occupation=tannpleier).count() > before


def test_with_the_database_backend_a_worker_does_the_refresh(eye_doctor, settings, client):
    settings.TASKS = DATABASE_TASKS
    occupation_publish(occupation=eye_doctor)

    # The page is public at once (the page cache is invalidated in the writer's process);
    # the search index follows when a worker runs the task.
    assert client.get(eye_doctor.get_absolute_url()).status_code == 200
    assert not indexed(eye_doctor)
    task = DBTaskResult.objects.get()
    assert task.task_path == "changes.tasks.changes_apply_task"

    # What `manage.py db_worker` does with each task it claims (its loop would also close the
    # database connection, which the test's transaction lives in).
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    task.claim(worker.worker_id)
    worker.run_task(task)

    assert indexed(eye_doctor)
    assert not PendingChange.objects.exists()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


def test_the_work_command_runs_the_refresh_with_the_database_backend(
    eye_doctor, settings, monkeypatch
):
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr("scheduling.scheduler.scheduled_jobs", dict)  # only the queue
    occupation_publish(occupation=eye_doctor)
    assert not indexed(eye_doctor)

    call_command("work", "--once", stdout=io.StringIO())

    assert indexed(eye_doctor)
    assert not PendingChange.objects.exists()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_pending_changes_are_shown_and_applied_in_the_admin(eye_doctor, editor_client, settings):
    settings.TASKS = DATABASE_TASKS
    occupation_publish(occupation=eye_doctor)
    changelist = "/admin/changes/pendingchange/"
    assert "occupations.occupation" in editor_client.get(changelist).content.decode()

    response = editor_client.post(
        changelist,
        {
            "action": "apply_now",
            "_selected_action": PendingChange.objects.values_list("pk", flat=True),
        },
    )

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "1 ventende endring er oppdatert."
    ]
    assert indexed(eye_doctor)


def test_refresh_derived_rebuilds_everything(site):
    SearchDocument.objects.all().delete()
    OccupationEmployer.objects.all().delete()
    call_command("refresh_derived", stdout=io.StringIO())
    assert SearchDocument.objects.exists()
    assert OccupationEmployer.objects.filter(occupation=site["reference"]).exists()


def test_an_unknown_failure_in_apply_is_raised_for_the_worker_to_record(eye_doctor, monkeypatch):
    _failing(monkeypatch, "search_index_update")
    with transaction.atomic():
        changes_record(rows=[eye_doctor])
        # The immediate backend catches the task's error; the pending change keeps it.
    assert PendingChange.objects.get().attempts == 1
    with pytest.raises(RefreshFailed):
        changes_apply()
    assert PendingChange.objects.get().attempts == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's advisory lock")
def test_a_refresh_running_elsewhere_is_not_waited_for(db, settings, monkeypatch):
    """An editor's save must not wait for an import's rebuild: when another process holds the
    lock longer than LOCK_WAIT, the run leaves the change to it (it stays pending). (No refresh
    may run in this test before: the test's one transaction would keep holding the lock.)"""
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr("changes.apply.LOCK_WAIT", "200ms")
    occupation_publish(occupation=OccupationFactory(draft=True))
    other = other_connection()
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        assert changes_apply() is None
        assert PendingChange.objects.count() == 1
    finally:
        other.close()
    assert changes_apply() == 1
