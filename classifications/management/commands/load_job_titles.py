from django.core.management.base import BaseCommand

from classifications.importers.job_titles import job_titles_import
from registers.commands import run_import


class Command(BaseCommand):
    help = "Laster NAVs stillingstitler (7 sifre) fra en CSV-fil med kolonnene code,name,styrk08."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV-fil")

    def handle(self, *args, path, **options):
        run_import(self, job_titles_import, path=path)
