from django.tasks import task

from changes.apply import changes_apply


@task
def changes_apply_task():
    """The refresh after a write, as a task: in the writer's process with the immediate
    backend (`make run`, tests), in a worker with the database backend (production)."""
    return changes_apply()
