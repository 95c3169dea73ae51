"""The register files of this app that `manage.py import_all` imports (registers/jobs.py)."""

from occupations.importers.ssb import ssb_education_import, ssb_salary_import
from registers.jobs import STATISTICS, ImportJob
from registers.models import DataSource

JOBS = [
    ImportJob(STATISTICS, DataSource.Key.SSB, "ssb/utdanning-yrke*.json", ssb_education_import),
    ImportJob(STATISTICS, DataSource.Key.SSB, "ssb/lonn*.json", ssb_salary_import),
]
