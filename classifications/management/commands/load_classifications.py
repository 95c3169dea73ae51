from django.conf import settings
from django.core.management.base import BaseCommand

from classifications.importers.styrk08 import styrk08_import
from classifications.importers.trades import trades_import
from registers.commands import run_import

DATA = settings.BASE_DIR / "data"


class Command(BaseCommand):
    help = (
        "Laster STYRK-08 fra SSB (data/styrk08.csv) og lærefagene (data/utdanningsprogram-"
        "utdanninger.csv). Trygt å kjøre flere ganger."
    )

    def add_arguments(self, parser):
        parser.add_argument("--styrk08", default=DATA / "styrk08.csv", help="CSV-fil")
        parser.add_argument(
            "--trades", default=DATA / "utdanningsprogram-utdanninger.csv", help="CSV-fil"
        )

    def handle(self, *args, styrk08, trades, **options):
        run_import(self, styrk08_import, path=styrk08)
        run_import(self, trades_import, path=trades)
