from django.core.management.base import BaseCommand

from search.index import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Bygger søkeindeksen for alle publiserte yrker på nytt. Kjør etter masseinnlasting "
        "eller fra cron; vanlige endringer oppdaterer indeksen selv."
    )

    def handle(self, *args, **options):
        documents = search_index_rebuild()
        self.stdout.write(f"Søkeindeksen har {documents} dokumenter.")
