from django.conf import settings
from django.core.management.base import BaseCommand

from classifications.importers.styrk08 import styrk08_import
from registers.commands import run_import


class Command(BaseCommand):
    help = "Laster STYRK-08 fra SSB (data/styrk08.csv). Trygt å kjøre flere ganger."

    def add_arguments(self, parser):
        parser.add_argument(
            "--styrk08", default=settings.BASE_DIR / "data" / "styrk08.csv", help="CSV-fil"
        )

    def handle(self, *args, styrk08, **options):
        run_import(self, styrk08_import, path=styrk08)
