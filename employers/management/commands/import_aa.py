from django.core.management.base import CommandError

from employers.importers.aa import aa_import, parse_period
from registers.commands import ImportCommand
from registers.models import DataSource


class Command(ImportCommand):
    help = (
        "Importerer én måned fra NAVs Aa-registeret (arbeidsforhold per virksomhet og "
        "stillingstittel). Filen erstatter måneden den gjelder; eldre måneder blir stående."
    )
    source = DataSource.Key.AA_REGISTERET
    importer = aa_import

    def add_import_arguments(self, parser):
        parser.add_argument("--period", help="måneden filen skal gjelde, ÅÅÅÅ-MM (kontrolleres)")

    def import_options(self, options):
        if options["period"] is None:
            return {}
        period = parse_period(options["period"])
        if period is None:
            raise CommandError(f"Ugyldig måned {options['period']!r}; skriv ÅÅÅÅ-MM.")
        return {"period": period}
