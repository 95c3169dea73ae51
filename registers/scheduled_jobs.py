"""The registers delivered by agreement into IMPORT_DIR (Aa-registeret, Vigo): imported from
the drop folder by `import_all` on a schedule (`manage.py work`, scheduling/jobs.py)."""

import io

from django.core.management import call_command

from registers.models import DataSource
from scheduling.jobs import ScheduledJob
from scheduling.schedules import Daily, Monthly


def _import_files(source):
    def run(context):
        out = io.StringIO()
        context.progress(f"Importerer filene fra {source} i IMPORT_DIR")
        # CommandError (an import failed) fails the run, with the files named in the message.
        call_command("import_all", only=[source], stdout=out, stderr=out)
        return out.getvalue().strip()

    return run


JOBS = [
    ScheduledJob(
        "vigo",
        Daily(3, 0),
        _import_files(DataSource.Key.VIGO),
        description="Lærebedrifter fra Vigo: filene i IMPORT_DIR/vigo/.",
        max_attempts=2,
    ),
    ScheduledJob(
        "aa-registeret",
        Monthly(13, 5, 0),
        _import_files(DataSource.Key.AA_REGISTERET),
        description="Arbeidsforhold fra Aa-registeret: filene i IMPORT_DIR/aa-registeret/.",
        max_attempts=2,
    ),
]
