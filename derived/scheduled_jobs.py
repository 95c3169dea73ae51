"""The derived stores' scheduled jobs (`manage.py work`, scheduling/jobs.py)."""

from changes.apply import changes_apply
from derived.rebuild import derived_rebuild
from scheduling.jobs import ScheduledJob
from scheduling.schedules import Daily, Every


def _apply_pending(context):
    applied = changes_apply()
    if applied is None:
        return "En annen oppdatering kjørte; den tar med det som venter."
    return f"{applied} ventende endring(er) oppdatert."


def _rebuild(context):
    context.progress("Bygger søkeindeksen, bedriftene per yrke og sidene på nytt")
    derived_rebuild()
    return "Søkeindeksen, bedriftene per yrke og sidene er bygd på nytt."


JOBS = [
    ScheduledJob(
        "ventende-endringer",
        Every(minutes=10),
        _apply_pending,
        description="Sikkerhetsnett: oppdaterer avledede data for endringer som fortsatt venter.",
    ),
    ScheduledJob(
        "avledede-data",
        Daily(4, 30),
        _rebuild,
        description="Bygger søkeindeksen og bedriftene per yrke på nytt fra grunnen av.",
    ),
]
