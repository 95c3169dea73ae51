from django.core.management.base import BaseCommand, CommandError

from registers.importing import ImportFailed
from registers.runs import import_run


def run_import(command, importer, **kwargs):
    """Run a reference-data loader for a management command: print every rejected row and the
    summary; fail, with nothing written, if any row was rejected."""

    def print_rejection(rejection):
        command.stderr.write(f"Avvist {rejection}")

    try:
        report = importer(on_reject=print_rejection, **kwargs)
    except ImportFailed as exc:
        raise CommandError(str(exc)) from exc
    if report.rejected:
        raise CommandError(f"{report.summary()}. Ingenting ble skrevet.")
    command.stdout.write(report.summary())
    for note in report.notes:
        command.stdout.write(f"  {note}")
    return report


class ImportCommand(BaseCommand):
    """A register import as a management command: the importer does the work, this prints.

    Subclasses set `source` (a DataSource key) and `importer`, and may add arguments with
    `add_import_arguments` and pass them on from `import_options`. The run's notes (what an
    editor should check) are printed after the summary.
    """

    source = None
    importer = None
    path_help = "filen som skal importeres"

    def add_arguments(self, parser):
        parser.add_argument("path", help=self.path_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="kontroller og rapporter uten å lagre noe"
        )
        parser.add_argument(
            "--threshold",
            type=float,
            help="største andel avviste rader i prosent (standard: kildens innstilling, 1 %%)",
        )
        self.add_import_arguments(parser)

    def add_import_arguments(self, parser):
        pass

    def import_options(self, options):
        return {}

    def handle(self, *args, path, dry_run, threshold, **options):
        def print_rejection(rejection):
            self.stderr.write(f"Avvist {rejection}")

        try:
            run = import_run(
                source=self.source,
                path=path,
                importer=type(self).importer,
                dry_run=dry_run,
                threshold=None if threshold is None else threshold / 100,
                on_reject=print_rejection,
                **self.import_options(options),
            )
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        prefix = "Prøvekjøring, ingenting lagret. " if dry_run else ""
        self.stdout.write(f"{prefix}{run.source.name}: {run.summary()}.")
        if run.message:
            self.stdout.write(run.message)
