from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from changes.apply import RefreshFailed, changes_apply
from changes.record import changes_record
from classifications.models import JobTitle, StyrkGroup
from employers.models import Employer
from occupations.models import Occupation


class Command(BaseCommand):
    help = (
        "Bygger alle avledede data på nytt: søkeindeksen, bedriftene per yrke og de lagrede "
        "sidene. Trengs bare etter en reparasjon i databasen; vanlige endringer oppdateres "
        "av seg selv."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            changes_record(models=[Occupation, Employer, JobTitle, StyrkGroup])
        try:
            changes_apply()
        except RefreshFailed as exc:
            raise CommandError(f"Oppdateringen feilet: {exc}") from exc
        self.stdout.write("Søkeindeksen, bedriftene per yrke og sidene er bygd på nytt.")
