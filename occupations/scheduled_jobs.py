"""This app's scheduled jobs (`manage.py work`, scheduling/jobs.py)."""

from django.conf import settings

from occupations.importers.ssb import ssb_education_import, ssb_salary_import
from occupations.services import PublishingBusy, occupations_publish_due
from registers.fetch import check_jsonstat, source_fetch_import
from registers.models import DataSource
from scheduling.jobs import ScheduledJob
from scheduling.schedules import Every, Monthly

# SSB's tables are small; anything far larger is not the table asked for.
SSB_MAX_BYTES = 50 * 1024 * 1024


class ScheduledPublishingFailed(Exception):
    """Some due drafts could not be published; the others were."""


def _publish_due(context):
    try:
        published, failed = occupations_publish_due()
    except PublishingBusy:
        return "En annen kjøring publiserte akkurat nå."
    lines = [f"{len(published)} yrke(r) publisert."]
    lines += [f"  {occupation.title} ({occupation.get_absolute_url()})" for occupation in published]
    if failed:
        reasons = "; ".join(f"{draft.title} (id {draft.pk}): {reason}" for draft, reason in failed)
        raise ScheduledPublishingFailed(f"{' '.join(lines)} Ikke publisert: {reasons}")
    return "\n".join(lines)


def _ssb(key, setting, filename, importer):
    def run(context):
        url = getattr(settings, setting)
        if not url:
            return f"{setting} er ikke satt; ingenting hentet (docs/workers.md)."
        return source_fetch_import(
            context=context,
            importer=importer,
            key=key,
            source=DataSource.Key.SSB,
            url=url,
            filename=filename,
            check=check_jsonstat,
            headers={"Accept": "application/json"},
            max_bytes=SSB_MAX_BYTES,
        )

    return run


JOBS = [
    ScheduledJob(
        "planlagt-publisering",
        Every(minutes=1),
        _publish_due,
        description="Publiserer utkast når tidspunktet redaktøren satte, er kommet.",
    ),
    ScheduledJob(
        "ssb-lonn",
        Monthly(1, 6, 0),
        _ssb("ssb-lonn", "SSB_EARNINGS_URL", "lonn.json", ssb_salary_import),
        description="Henter månedslønn per yrke fra SSBs statistikkbank (PxWebApi, JSON-stat).",
    ),
    ScheduledJob(
        "ssb-utdanning",
        Monthly(1, 6, 30),
        _ssb("ssb-utdanning", "SSB_EDUCATION_URL", "utdanning-yrke.json", ssb_education_import),
        description="Henter sysselsatte etter utdanning og yrke fra SSB (PxWebApi, JSON-stat).",
    ),
]
