from pathlib import Path

from employers.importers.brreg import brreg_import
from registers.commands import ImportCommand
from registers.models import DataSource


class Command(ImportCommand):
    help = (
        "Importerer underenheter fra Enhetsregisteret (Brønnøysundregistrene), som "
        "gzip-komprimert JSON slik totaluttrekket publiseres. Virksomheter blir aldri slettet, "
        "bare markert nedlagt."
    )
    source = DataSource.Key.ENHETSREGISTERET
    importer = brreg_import

    def add_import_arguments(self, parser):
        parser.add_argument(
            "--full",
            action="store_true",
            help="filen er et totaluttrekk: åpne virksomheter som mangler i den, markeres nedlagt",
        )
        parser.add_argument(
            "--enheter", help="totaluttrekket av enheter, for navnene på overordnede enheter"
        )

    def import_options(self, options):
        parents = Path(options["enheter"]) if options["enheter"] else None
        return {"full": options["full"], "parents": parents}
