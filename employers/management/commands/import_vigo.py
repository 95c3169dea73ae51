from employers.importers.vigo import vigo_import
from registers.commands import ImportCommand
from registers.models import DataSource


class Command(ImportCommand):
    help = (
        "Importerer ett fylkes fil fra Vigo: godkjente lærebedrifter og løpende lærekontrakter. "
        "Filen erstatter fylkets godkjenninger og ingen andre."
    )
    source = DataSource.Key.VIGO
    importer = vigo_import

    def add_import_arguments(self, parser):
        parser.add_argument(
            "--county", required=True, help="fylkesnummeret filen gjelder, f.eks. 46"
        )

    def import_options(self, options):
        return {"county": options["county"]}
