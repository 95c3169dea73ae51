from occupations.importers.ssb import ssb_salary_import
from registers.commands import ImportCommand
from registers.models import DataSource


class Command(ImportCommand):
    help = (
        "Importerer SSBs månedslønn etter yrke (STYRK-08), sektor og kjønn (median, "
        "gjennomsnitt og kvartiler) fra en JSON-stat 2.0-fil. Tall SSB ikke publiserer, lagres "
        "med standardtegnet sitt."
    )
    source = DataSource.Key.SSB
    importer = ssb_salary_import
