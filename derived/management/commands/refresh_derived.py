from django.core.management.base import BaseCommand, CommandError

from changes.apply import RefreshFailed
from derived.rebuild import derived_rebuild


class Command(BaseCommand):
    help = (
        "Bygger alle avledede data på nytt: søkeindeksen, bedriftene per yrke og de lagrede "
        "sidene. Trengs bare etter en reparasjon i databasen; vanlige endringer oppdateres "
        "av seg selv."
    )

    def handle(self, *args, **options):
        try:
            derived_rebuild()
        except RefreshFailed as exc:
            raise CommandError(f"Oppdateringen feilet: {exc}") from exc
        self.stdout.write("Søkeindeksen, bedriftene per yrke og sidene er bygd på nytt.")
