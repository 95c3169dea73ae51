"""This app's scheduled jobs (`manage.py work`, scheduling/jobs.py)."""

import datetime

from django.utils import timezone

from regions.importers.klass_json import klass_regions_import
from registers.fetch import download_remember, klass_download
from registers.models import DataSource
from registers.runs import import_run
from scheduling.jobs import ScheduledJob
from scheduling.schedules import Monthly

# Changes are read for this far back; those already stored change nothing.
CHANGES_WINDOW = datetime.timedelta(days=730)


def _klass_regions(context):
    """Counties (KLASS 104) and municipalities (131), in the order docs/data-feeds.md gives:
    new counties, then the municipalities with their changes, then the county changes."""
    today = timezone.localdate()
    since = today - CHANGES_WINDOW
    context.progress("Henter fylker og kommuner fra KLASS")
    files = {
        "fylker": klass_download(key="klass-104", path=f"104/codes?from={today}", list_key="codes"),
        "kommuner": klass_download(
            key="klass-131", path=f"131/codes?from={today}", list_key="codes"
        ),
        "fylke-endringer": klass_download(
            key="klass-104-endringer",
            path=f"104/changes?from={since}&to={today}",
            list_key="codeChanges",
        ),
        "kommune-endringer": klass_download(
            key="klass-131-endringer",
            path=f"131/changes?from={since}&to={today}",
            list_key="codeChanges",
        ),
    }
    if not any(download.changed for download in files.values()):
        for download in files.values():
            download_remember(download)
        return "KLASS 104 og 131 er uendret siden forrige henting; ingenting å importere."
    steps = [
        ("fylker", {"kind": "fylke"}),
        ("kommuner", {"kind": "kommune", "changes": files["kommune-endringer"].path}),
        ("fylker", {"kind": "fylke", "changes": files["fylke-endringer"].path}),
    ]
    lines = []
    for name, options in steps:
        context.progress(f"Importerer {name}")
        run = import_run(
            source=DataSource.Key.SSB,
            path=files[name].path,
            importer=klass_regions_import,
            **options,
        )
        lines.append(f"{files[name].path.name}: {run.summary()}")
    for download in files.values():
        download_remember(download)
    return "\n".join(lines)


JOBS = [
    ScheduledJob(
        "klass-regioner",
        Monthly(2, 4, 0),
        _klass_regions,
        description="Henter fylker og kommuner med endringer fra SSBs KLASS og oppdaterer dem.",
    ),
]
