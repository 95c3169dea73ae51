from django.conf import settings
from django.core.management.base import BaseCommand

from classifications.importers.fields_of_work import fields_of_work_import
from registers.commands import run_import


class Command(BaseCommand):
    help = (
        "Laster NAVs yrkesområder (data/styrk08-nav-yrkeskategorier.csv) og kobler hver "
        "STYRK-08-yrkesgruppe til sitt område. Kjør load_classifications først. Trygt å kjøre "
        "flere ganger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            default=settings.BASE_DIR / "data" / "styrk08-nav-yrkeskategorier.csv",
            help="CSV-fil",
        )

    def handle(self, *args, path, **options):
        run_import(self, fields_of_work_import, path=path)
