"""Running the tasks waiting in the database (django-tasks-db), as `manage.py db_worker` does
with each task it claims, for `manage.py work`."""

from django.db import OperationalError
from django.tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception


def tasks_run_ready(*, worker_id, backend_name="default"):
    """Run every task that is ready now, one after another; returns how many ran. Nothing with
    another backend than the database one (with the immediate backend tasks ran already)."""
    if not isinstance(task_backends[backend_name], DatabaseBackend):
        return 0
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    count = 0
    while True:
        ready = DBTaskResult.objects.ready().filter(backend_name=backend_name)
        try:
            with exclusive_transaction(ready.db):
                task_result = ready.get_locked()
                if task_result is not None:
                    task_result.claim(worker_id)  # no other worker runs it
        except OperationalError as error:
            if is_locked_database_exception(error):
                return count  # SQLite busy: the next round
            raise
        if task_result is None:
            return count
        worker.run_task(task_result)
        count += 1
