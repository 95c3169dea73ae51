"""Import every register file waiting in IMPORT_DIR, in dependency order: for a scheduler."""

import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from registers.importing import ImportFailed
from registers.jobs import import_jobs
from registers.models import DataSource
from registers.runs import import_run

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Importerer alle registerfiler som ligger i IMPORT_DIR (se docs/data-feeds.md for "
        "mapper og filnavn). Filer som er importert, flyttes til arkiv/. Avslutter med feilkode "
        "hvis en import feilet; de andre kjøres likevel, og alle feil rapporteres."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=None, help="mappen med filene")
        parser.add_argument(
            "--only",
            action="append",
            choices=sorted(DataSource.Key.values),
            help="bare denne kilden (kan gjentas)",
        )
        parser.add_argument("--dry-run", action="store_true", help="kontroller uten å lagre")

    def handle(self, *args, dir, only, dry_run, **options):
        directory = dir or settings.IMPORT_DIR
        failures, found = [], 0
        for job in import_jobs():
            if only and job.source not in only:
                continue
            for path in sorted(directory.glob(job.pattern)):
                found += 1
                try:
                    job_options = job.options(path)
                    run = import_run(
                        source=job.source,
                        path=path,
                        importer=job.importer,
                        dry_run=dry_run,
                        **job_options,
                    )
                except ImportFailed as exc:
                    failures.append(f"{path.name}: {exc}")
                    self.stderr.write(failures[-1])
                    continue
                except Exception as exc:
                    # A fault in the code or the database, not in the file: the run is recorded
                    # as failed (registers.runs); the other files are still imported.
                    logger.exception("Import of %s failed", path.name)
                    failures.append(f"{path.name}: uventet feil ({type(exc).__name__}: {exc})")
                    self.stderr.write(failures[-1])
                    continue
                self.stdout.write(f"{path.name}: {run.summary()}")
                if not dry_run:
                    extra = [job_options.get(name) for name in job.also_archive]
                    self._archive(directory, job.source, [path, *filter(None, extra)])
        if not found:
            self.stdout.write(
                f"Ingen filer å importere i {directory} (se docs/data-feeds.md for mapper og "
                "filnavn)."
            )
        if failures:
            raise CommandError(
                f"{len(failures)} import(er) feilet; se meldingene over og i admin "
                "(Importkjøringer)."
            )

    def _archive(self, directory, source, files):
        archive = directory / "arkiv" / source
        archive.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        for file in files:
            shutil.move(file, archive / f"{stamp}-{file.name}")
