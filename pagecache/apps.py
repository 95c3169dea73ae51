from django.apps import AppConfig


class PagecacheConfig(AppConfig):
    """The full-page cache for anonymous visitors and the HTTP caching headers."""

    name = "pagecache"
    verbose_name = "Sidebuffer"
