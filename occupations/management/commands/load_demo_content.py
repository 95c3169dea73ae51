from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from classifications.importers.job_titles import job_titles_import
from occupations.demo import demo_content_load
from registers.commands import run_import
from registers.importing import ImportFailed

DEMO = settings.BASE_DIR / "fixtures" / "demo"


class Command(BaseCommand):
    help = (
        "Laster demoinnholdet i fixtures/demo/: stillingstitlene og yrkesbeskrivelsene. "
        "Yrkene lastes bare inn i en database uten yrker, så redaktørenes endringer blir stående."
    )

    def handle(self, *args, **options):
        run_import(self, job_titles_import, path=DEMO / "job-titles.csv")
        try:
            created = demo_content_load(path=DEMO / "occupations.json")
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(f"Demoinnhold: {created} yrker opprettet.")
        else:
            self.stdout.write("Demoinnhold: databasen har allerede yrker, ingenting ble endret.")
