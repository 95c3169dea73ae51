"""Import every register file waiting in IMPORT_DIR, in dependency order: for a scheduler."""

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from employers.importers.aa import aa_import, parse_period
from employers.importers.brreg import brreg_import
from employers.importers.vigo import vigo_import
from occupations.importers.ssb import ssb_education_import, ssb_salary_import
from registers.importing import ImportFailed
from registers.models import DataSource
from registers.runs import import_run


def _brreg_options(path):
    """A full file; the legal units' file beside it, if any, names the parents."""
    parents = sorted(path.parent.glob("enheter*.json*"))
    return {"full": True, "parents": parents[0] if parents else None}


@dataclass(frozen=True)
class Job:
    source: str
    pattern: str
    importer: Callable
    options: Callable[[Path], dict]


# Establishments first: employment and approvals refer to them. Options come from file names.
JOBS = [
    Job(
        DataSource.Key.ENHETSREGISTERET,
        "enhetsregisteret/underenheter*.json*",
        brreg_import,
        _brreg_options,
    ),
    Job(
        DataSource.Key.AA_REGISTERET,
        "aa-registeret/aa-*.csv",
        aa_import,
        lambda path: {"period": parse_period(path.stem.removeprefix("aa-"))},
    ),
    Job(
        DataSource.Key.VIGO,
        "vigo/vigo-*.csv",
        vigo_import,
        lambda path: {"county": path.stem.removeprefix("vigo-")},
    ),
    Job(DataSource.Key.SSB, "ssb/utdanning-yrke*.json", ssb_education_import, lambda path: {}),
    Job(DataSource.Key.SSB, "ssb/lonn*.json", ssb_salary_import, lambda path: {}),
]


class Command(BaseCommand):
    help = (
        "Importerer alle registerfiler som ligger i IMPORT_DIR (se docs/data-feeds.md for "
        "mapper og filnavn). Filer som er importert, flyttes til arkiv/. Avslutter med feilkode "
        "hvis en import feilet; de andre kjøres likevel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=None, help="mappen med filene")
        parser.add_argument(
            "--only",
            action="append",
            choices=sorted({job.source for job in JOBS}),
            help="bare denne kilden (kan gjentas)",
        )
        parser.add_argument("--dry-run", action="store_true", help="kontroller uten å lagre")

    def handle(self, *args, dir, only, dry_run, **options):
        directory = dir or settings.IMPORT_DIR
        failures = found = 0
        for job in JOBS:
            if only and job.source not in only:
                continue
            for path in sorted(directory.glob(job.pattern)):
                found += 1
                options = job.options(path)
                try:
                    run = import_run(
                        source=job.source,
                        path=path,
                        importer=job.importer,
                        dry_run=dry_run,
                        **options,
                    )
                except ImportFailed as exc:
                    failures += 1
                    self.stderr.write(f"{path.name}: {exc}")
                    continue
                self.stdout.write(f"{path.name}: {run.summary()}")
                if not dry_run:
                    archive = directory / "arkiv" / job.source
                    archive.mkdir(parents=True, exist_ok=True)
                    stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
                    for file in filter(None, [path, options.get("parents")]):
                        shutil.move(file, archive / f"{stamp}-{file.name}")
        if not found:
            self.stdout.write(
                f"Ingen filer å importere i {directory} (se docs/data-feeds.md for mapper og "
                "filnavn)."
            )
        if failures:
            raise CommandError(f"{failures} import(er) feilet; se meldingene over og i admin.")
