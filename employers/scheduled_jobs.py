"""This app's scheduled jobs (`manage.py work`, scheduling/jobs.py)."""

from django.conf import settings

from employers.importers.brreg import brreg_import
from registers.fetch import check_gzip_json_list, source_fetch_import
from registers.models import DataSource
from scheduling.jobs import ScheduledJob
from scheduling.schedules import Daily

# What Brønnøysundregistrene's bulk download answers with (gzip around a JSON array).
UNDERENHETER_TYPE = "application/vnd.brreg.enhetsregisteret.underenhet.v2+gzip;charset=UTF-8"


def _enhetsregisteret(context):
    return source_fetch_import(
        context=context,
        importer=brreg_import,
        options={"full": True},
        key="enhetsregisteret-underenheter",
        source=DataSource.Key.ENHETSREGISTERET,
        url=settings.BRREG_UNDERENHETER_URL,
        filename="underenheter_alle.json.gz",
        check=check_gzip_json_list,
        headers={"Accept": UNDERENHETER_TYPE},
    )


JOBS = [
    ScheduledJob(
        "enhetsregisteret",
        Daily(1, 30),
        _enhetsregisteret,
        description="Henter alle underenheter fra Brønnøysundregistrene og importerer dem.",
    ),
]
