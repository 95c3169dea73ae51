from django.core.management.base import BaseCommand

from pagecache.cache import pagecache_invalidate


class Command(BaseCommand):
    help = "Make every page in the full-page cache stale (after a change made outside the admin)."

    def handle(self, *args, **options):
        pagecache_invalidate()
        self.stdout.write("The page cache is invalidated.")
