from classifications.importers.klass_json import klass_styrk08_import
from registers.commands import ImportCommand
from registers.models import DataSource


class Command(ImportCommand):
    help = (
        "Oppdaterer STYRK-08 (KLASS 7) fra SSBs KLASS-API i JSON: grupper og navn fra "
        "kodelisten, og nye koder og sammenslåinger fra endringslisten, uten at koblinger til "
        "stillingstitler, yrker og utdanningsutfall går tapt."
    )
    source = DataSource.Key.SSB
    importer = klass_styrk08_import
    path_help = "kodelisten fra KLASS (codes, JSON)"

    def add_import_arguments(self, parser):
        parser.add_argument("--changes", help="endringslisten fra KLASS (changes, JSON)")

    def import_options(self, options):
        return {"changes": options["changes"]}
