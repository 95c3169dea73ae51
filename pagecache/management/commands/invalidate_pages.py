from django.core.management.base import BaseCommand

from pagecache.cache import pagecache_invalidate


class Command(BaseCommand):
    help = "Gjør alle sidene i sidebufferen utdaterte (etter en endring gjort utenom admin)."

    def handle(self, *args, **options):
        pagecache_invalidate()
        self.stdout.write("Sidebufferen er tømt: alle sider lages på nytt ved neste besøk.")
