from regions.importers.klass_json import klass_regions_import
from regions.models import RegionChange
from registers.commands import ImportCommand
from registers.models import DataSource


class Command(ImportCommand):
    help = (
        "Oppdaterer fylker (KLASS 104) eller kommuner (KLASS 131) fra SSBs KLASS-API i JSON: "
        "navn fra kodelisten, og nye numre, sammenslåinger og delinger fra endringslisten, uten "
        "at koblinger til virksomheter, postnumre og godkjenninger går tapt."
    )
    source = DataSource.Key.SSB
    importer = klass_regions_import
    path_help = "kodelisten fra KLASS (codes, JSON)"

    def add_import_arguments(self, parser):
        parser.add_argument(
            "--kind",
            required=True,
            choices=RegionChange.Kind.values,
            help="fylke (KLASS 104) eller kommune (KLASS 131)",
        )
        parser.add_argument("--changes", help="endringslisten fra KLASS (changes, JSON)")

    def import_options(self, options):
        return {"kind": options["kind"], "changes": options["changes"]}
