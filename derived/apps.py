from django.apps import AppConfig


class DerivedConfig(AppConfig):
    name = "derived"
    verbose_name = "Avledede data"

    def ready(self):
        from changes.refresher import Refresher, refresher_install
        from derived.refresh import derived_refresh
        from pagecache.cache import pagecache_invalidate

        # The change path (changes/) sits below every app and cannot import this one; this is
        # where it learns what to run after a write (changes/refresher.py).
        refresher_install(Refresher(committed=pagecache_invalidate, refresh=derived_refresh))
