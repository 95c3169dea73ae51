from occupations.importers.ssb import ssb_education_import
from registers.commands import ImportCommand
from registers.models import DataSource


class Command(ImportCommand):
    help = (
        "Importerer SSBs sysselsatte etter utdanning (NUS) og yrke (STYRK-08) fra en JSON-stat "
        "2.0-fil og lagrer hvor stor andel av de utdannede som jobber i hver yrkesgruppe. Filen "
        "erstatter andelene for hver utdanning og hvert år den inneholder."
    )
    source = DataSource.Key.SSB
    importer = ssb_education_import
