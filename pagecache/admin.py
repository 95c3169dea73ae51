from pagecache.cache import pagecache_invalidate


class InvalidatesPageCache:
    """ModelAdmin mixin for models that public pages show: a save (with its inlines) or a
    delete through the admin makes the cached pages stale. Put it first in the bases."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pagecache_invalidate()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pagecache_invalidate()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        pagecache_invalidate()
