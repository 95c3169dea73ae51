from django.tasks import task

from scheduling.runner import scheduled_run_execute


@task
def scheduled_run_task(run_id):
    """One attempt of a scheduled run: in a worker with the database backend, in the
    scheduler's process with the immediate backend."""
    return scheduled_run_execute(run_id=run_id)
