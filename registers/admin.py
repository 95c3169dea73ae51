from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from changes.admin import RecordsChanges
from registers.models import DataSource, ImportRun, SourceDownload


@admin.register(DataSource)
class DataSourceAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["name", "key", "refreshed_at", "rejection_threshold"]
    readonly_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The log of register imports; written by the importers, read here."""

    list_display = [
        "started_at",
        "source",
        "file",
        "status",
        "read",
        "created",
        "updated",
        "unchanged",
        "closed",
        "rejected",
        "finished_at",
    ]
    list_filter = ["source", "status"]
    list_select_related = ["source"]
    search_fields = ["file", "message"]
    date_hierarchy = "started_at"
    exclude = ["rejected_rows"]
    readonly_fields = ["rejections"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the log of what the registers did stays whole

    @admin.display(description=_("avviste rader (de første 100)"))
    def rejections(self, run):
        return format_html_join(
            "\n",
            "<div>{} {}: {}</div>",
            ((row.get("unit", "linje"), row["line"], row["reason"]) for row in run.rejected_rows),
        )


@admin.register(SourceDownload)
class SourceDownloadAdmin(admin.ModelAdmin):
    """What each scheduled download got last: written by the jobs (registers/fetch.py)."""

    list_display = ["key", "source", "imported_at", "checked_at", "size", "etag", "last_modified"]
    list_filter = ["source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # deleting one only makes the next download unconditional
