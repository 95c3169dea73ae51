"""The register files `import_all` looks for, declared by the apps that own the data.

Each app that imports a register lists its jobs in `<app>/import_jobs.py` as `JOBS`; this
module collects them. The import machinery sits below the apps it serves, so it learns about
their importers this way instead of importing them (the layers in pyproject.toml).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps

# Establishments before what refers to them (employment, approvals), statistics last.
ESTABLISHMENTS, REGISTER_FACTS, STATISTICS = 10, 20, 30


def _no_options(path):
    return {}


@dataclass(frozen=True)
class ImportJob:
    order: int
    source: str  # a DataSource key
    pattern: str  # glob under IMPORT_DIR
    importer: Callable
    # Importer options read from the file's name and neighbours; files in `also_archive`
    # are moved to the archive with it.
    options: Callable[[Path], dict] = field(default=_no_options)
    also_archive: tuple = ()


def import_jobs():
    """Every installed app's jobs, in the order they must run."""
    jobs = []
    for config in apps.get_app_configs():
        name = f"{config.name}.import_jobs"
        if find_spec(name) is not None:
            jobs += import_module(name).JOBS
    return sorted(jobs, key=lambda job: job.order)
