"""This app's scheduled jobs (`manage.py work`, scheduling/jobs.py)."""

import datetime

from django.utils import timezone

from classifications.importers.klass_json import klass_styrk08_import
from registers.fetch import download_remember, klass_download
from registers.models import DataSource
from registers.runs import import_run
from scheduling.jobs import ScheduledJob
from scheduling.schedules import Monthly

# Changes are read for this far back; those already applied change nothing.
CHANGES_WINDOW = datetime.timedelta(days=730)


def _klass_styrk08(context):
    today = timezone.localdate()
    since = today - CHANGES_WINDOW
    context.progress("Henter STYRK-08 fra KLASS")
    codes = klass_download(key="klass-7", path=f"7/codes?from={today}", list_key="codes")
    changes = klass_download(
        key="klass-7-endringer",
        path=f"7/changes?from={since}&to={today}",
        list_key="codeChanges",
    )
    if not (codes.changed or changes.changed):
        download_remember(codes)
        download_remember(changes)
        return "KLASS 7 er uendret siden forrige henting; ingenting å importere."
    context.progress("Importerer STYRK-08")
    run = import_run(
        source=DataSource.Key.SSB,
        path=codes.path,
        importer=klass_styrk08_import,
        changes=changes.path,
    )
    download_remember(codes)
    download_remember(changes)
    return f"{codes.path.name}: {run.summary()}"


JOBS = [
    ScheduledJob(
        "klass-styrk08",
        Monthly(2, 4, 30),
        _klass_styrk08,
        description="Henter STYRK-08 med endringer fra SSBs KLASS og oppdaterer grupperingen.",
    ),
]
