from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regions.importers.klass import regions_import
from registers.importing import ImportFailed

DATA = settings.BASE_DIR / "data"


class Command(BaseCommand):
    help = (
        "Laster fylker og kommuner (SSB KLASS), endringstabellene og postnumre (Bring) fra data/. "
        "Trygt å kjøre flere ganger."
    )

    def handle(self, *args, **options):
        def print_rejection(source, rejection):
            self.stderr.write(f"Avvist ({source}) {rejection}")

        try:
            reports = regions_import(
                counties=DATA / "fylker-2024.csv",
                municipalities=DATA / "kommuner-2024.csv",
                postal_codes=DATA / "postnummer.csv",
                municipality_changes=DATA / "kommune-endringer.csv",
                county_changes=DATA / "fylke-endringer.csv",
                on_reject=print_rejection,
            )
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        if any(report.rejected for report in reports):
            raise CommandError("Ingenting ble skrevet.")
        for report in reports:
            self.stdout.write(report.summary())
            for note in report.notes:
                self.stdout.write(note)
